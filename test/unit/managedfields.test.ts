import { describe, it, expect } from 'vitest';
import { FieldSet, pathString } from '../../src/apiserver/managedfields/fieldset';
import { compare, toFieldSet, zeroLike } from '../../src/apiserver/managedfields/walk';
import { rootType } from '../../src/apiserver/managedfields/schema';
import { applyConfiguration, decodeManagedFields, encodeManagedFields, updateManagedFields, type Writer } from '../../src/apiserver/managedfields/manager';
import { StatusError } from '../../src/apiserver/status';
import type { KubeObject } from '../../src/apiserver/types';

const at = (manager: string, seconds = 0, apiVersion = 'v1'): Writer => ({ manager, apiVersion, subresource: '', now: new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)) });
const cm = (data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' }, data, ...extra });

const deployment = (containers: any[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'd', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
  },
});

describe('FieldsV1', () => {
  it('marks a member that has members below it with "."', () => {
    const s = new FieldSet();
    s.insert(['f:data']);
    s.insert(['f:data', 'f:color']);
    s.insert(['f:metadata', 'f:labels', 'f:app']);
    expect(s.toFieldsV1()).toEqual({ 'f:data': { '.': {}, 'f:color': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });
  });

  it('reads back what it writes, members and non-members alike', () => {
    const v1 = { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {} } }, 'f:replicas': {} } };
    const s = FieldSet.fromFieldsV1(v1)!;
    expect(s.has(['f:spec'])).toBe(false);
    expect(s.has(['f:spec', 'f:containers', 'k:{"name":"web"}'])).toBe(true);
    expect(s.toFieldsV1()).toEqual(v1);
  });

  it('refuses a FieldsV1 object with a key that is no path element', () => {
    expect(FieldSet.fromFieldsV1({ 'x:bad': {} })).toBeUndefined();
  });

  it('prints paths as conflict messages do', () => {
    expect(pathString(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}', 'f:image'])).toBe('.spec.template.spec.containers[name="web"].image');
    expect(pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
  });
});

describe('field sets of objects', () => {
  it('owns map entries and keyed list items by key', () => {
    const set = toFieldSet(deployment([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }]), rootType('apps/v1', 'Deployment'));
    expect(set.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}'])).toBe(true);
    // A port without a protocol is keyed with the default protocol, as upstream.
    expect(set.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}', 'f:ports', 'k:{"containerPort":80,"protocol":"TCP"}', 'f:containerPort'])).toBe(true);
    // The selector is an atomic struct: owned whole, not field by field.
    expect(set.has(['f:spec', 'f:selector'])).toBe(true);
    expect(set.hasPrefix(['f:spec', 'f:selector', 'f:matchLabels'])).toBe(false);
  });

  it('compares two versions into added, modified and removed fields', () => {
    const t = rootType('v1', 'ConfigMap');
    const c = compare(cm({ a: '1', b: '2' }), cm({ a: '9', c: '3' }), t);
    expect(c.modified.paths()).toEqual([['f:data', 'f:a']]);
    expect(c.added.paths()).toEqual([['f:data', 'f:c']]);
    expect(c.removed.paths()).toEqual([['f:data', 'f:b']]);
  });

  it('compares a new object against the zero object of its kind', () => {
    expect(zeroLike(deployment([]))).toEqual({ metadata: {}, spec: { strategy: {}, template: { metadata: {}, spec: {} } } });
  });
});

describe('managedFields of ordinary writes', () => {
  it('gives the creator of a Deployment what kubectl create shows upstream', () => {
    const obj = deployment([{ name: 'nginx', image: 'nginx', resources: {} }]);
    const [entry] = encodeManagedFields(updateManagedFields(undefined, obj, [], at('kubectl-create', 0, 'apps/v1')));
    expect(entry).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', time: '2026-01-01T00:00:00Z' });
    const f = entry.fieldsV1 as any;
    expect(f['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    expect(f['f:spec']['f:strategy']).toEqual({ 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} });
    expect(f['f:spec']['f:template']['f:spec']['f:containers']).toEqual({ 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} } });
    expect(f['f:spec']['f:selector']).toEqual({});
  });

  it('moves a changed field to the manager that changed it, and drops removed ones from all', () => {
    const created = cm({ color: 'blue', size: 'xl' });
    const first = updateManagedFields(undefined, created, [], at('kubectl-create'));
    const second = updateManagedFields(created, cm({ color: 'green' }), first, at('kubectl-edit', 5));
    const byManager = Object.fromEntries(encodeManagedFields(second).map((e) => [e.manager, e.fieldsV1]));
    expect(byManager['kubectl-edit']).toEqual({ 'f:data': { 'f:color': {} } });
    // The creator keeps the data map itself (it added it), but no longer its entries.
    expect(byManager['kubectl-create']).toEqual({ 'f:data': {} });
  });

  it('does not attribute status changes to a write of the object itself', () => {
    const pod = (phase?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, ...(phase ? { status: { phase } } : {}) });
    const [entry] = encodeManagedFields(updateManagedFields(undefined, pod('Pending'), [], at('kubectl-run')));
    expect(entry.fieldsV1).not.toHaveProperty('f:status');
    const status = encodeManagedFields(updateManagedFields(pod('Pending'), pod('Running'), [], { ...at('kubelet'), subresource: 'status' }));
    expect(status).toEqual([expect.objectContaining({ manager: 'kubelet', subresource: 'status', fieldsV1: { 'f:status': { 'f:phase': {} } } })]);
  });
});

describe('server-side apply', () => {
  const live0: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' } };

  it('creates with the applied fields as the manager Apply entry', () => {
    const { object, entries } = applyConfiguration(live0, cm({ color: 'blue' }), at('kubectl'), false);
    expect(object.data).toEqual({ color: 'blue' });
    expect(encodeManagedFields(entries)).toEqual([{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:color': {} } } }]);
  });

  it('refuses to change a field another manager owns, naming manager and field', () => {
    const first = applyConfiguration(live0, cm({ color: 'blue' }), at('kubectl'), false);
    const live = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    let err: unknown;
    try {
      applyConfiguration(live, cm({ color: 'red' }), at('other', 1), false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    const status = (err as StatusError).status;
    expect(status.code).toBe(409);
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .data.color');
    expect(status.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.data.color' }]);
  });

  it('lets a second manager co-own a field by applying the same value', () => {
    const first = applyConfiguration(live0, cm({ color: 'blue' }), at('kubectl'), false);
    const live = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    const second = applyConfiguration(live, cm({ color: 'blue' }), at('other', 1), false);
    expect(encodeManagedFields(second.entries).map((e) => e.manager).sort()).toEqual(['kubectl', 'other']);
  });

  it('with force takes the field over', () => {
    const first = applyConfiguration(live0, cm({ color: 'blue' }), at('kubectl'), false);
    const live = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    const forced = applyConfiguration(live, cm({ color: 'red' }), at('other', 1), true);
    expect(forced.object.data).toEqual({ color: 'red' });
    expect(encodeManagedFields(forced.entries).map((e) => e.manager)).toEqual(['other']);
  });

  it('names an Update manager with its API version and time in a conflict', () => {
    const created = cm({ color: 'blue' });
    const entries = updateManagedFields(undefined, created, [], at('kubectl-create'));
    const live = { ...created, metadata: { ...created.metadata, managedFields: encodeManagedFields(entries) } };
    expect(() => applyConfiguration(live, cm({ color: 'red' }), at('kubectl', 9), false)).toThrow('conflict with "kubectl-create" using v1 at 2026-01-01T00:00:00Z: .data.color');
  });

  it('removes what the manager applied before and no longer applies, unless another manager owns it', () => {
    const first = applyConfiguration(live0, cm({ a: '1', b: '2', c: '3' }), at('kubectl'), false);
    let live: KubeObject = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    // Another manager also sets c to its current value: it co-owns c.
    const co = applyConfiguration(live, cm({ c: '3' }), at('helper', 1), false);
    live = { ...co.object, metadata: { ...co.object.metadata, managedFields: encodeManagedFields(co.entries) } };
    const next = applyConfiguration(live, cm({ a: '1' }), at('kubectl', 2), false);
    expect(next.object.data).toEqual({ a: '1', c: '3' });
  });

  it('merges keyed lists item by item and keeps items others own', () => {
    const t0 = deployment([{ name: 'web', image: 'nginx:1.25' }]);
    const first = applyConfiguration({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'd' } }, t0, at('kubectl', 0, 'apps/v1'), false);
    const live = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    const sidecar = applyConfiguration(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'log', image: 'busybox' }] } } } } as KubeObject, at('injector', 1, 'apps/v1'), false);
    expect(sidecar.object.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web', 'log']);
    expect(decodeManagedFields(encodeManagedFields(sidecar.entries)).length).toBe(2);
  });
});

describe('server-side apply of keyed list items', () => {
  it('removes an item the manager stops applying as a whole, keeping the items others own', () => {
    const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'd' } } as KubeObject;
    const first = applyConfiguration(base, deployment([{ name: 'web', image: 'nginx:1.25' }]), at('team-a', 0, 'apps/v1'), false);
    let live: KubeObject = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    const withSidecar = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'log', image: 'busybox' }] } } } } as KubeObject;
    const second = applyConfiguration(live, withSidecar, at('team-b', 1, 'apps/v1'), false);
    live = { ...second.object, metadata: { ...second.object.metadata, managedFields: encodeManagedFields(second.entries) } };
    // team-b now applies only the replicas: its container goes, key field and all, not just its fields.
    const third = applyConfiguration(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 } } as KubeObject, at('team-b', 2, 'apps/v1'), false);
    expect(third.object.spec.template.spec.containers).toEqual([{ name: 'web', image: 'nginx:1.25' }]);
  });
});

describe('re-applying', () => {
  it('the same configuration changes neither the object nor its managed fields', () => {
    const live0: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' } };
    const first = applyConfiguration(live0, cm({ color: 'blue' }), at('kubectl'), false);
    const live = { ...first.object, metadata: { ...first.object.metadata, managedFields: encodeManagedFields(first.entries) } };
    const again = applyConfiguration(live, cm({ color: 'blue' }), at('kubectl', 30), false);
    expect(encodeManagedFields(again.entries)).toEqual(live.metadata.managedFields);
  });
});
