import { describe, it, expect } from 'vitest';
import { planGarbage } from '../../../src/controllers/garbage-collector/collect';
import { garbageCollector } from '../../../src/controllers/garbage-collector/controller';
import type { Entry } from '../../../src/controllers/garbage-collector/graph';

const ctx = { now: () => new Date('2026-01-01T00:00:00Z') };
const T = '2025-12-31T23:59:00Z';

function obj(resource: string, name: string, opts: { owners?: { uid: string; block?: boolean }[]; fins?: string[]; deleting?: boolean; ns?: string | null; node?: string } = {}): Entry {
  const ns = opts.ns === null ? undefined : opts.ns ?? 'd';
  return {
    resource,
    obj: {
      apiVersion: 'v1', kind: 'X',
      metadata: {
        name, uid: name, ...(ns ? { namespace: ns } : {}),
        ...(opts.owners ? { ownerReferences: opts.owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.uid, uid: o.uid, ...(o.block ? { blockOwnerDeletion: true } : {}) })) } : {}),
        ...(opts.fins ? { finalizers: opts.fins } : {}),
        ...(opts.deleting ? { deletionTimestamp: T } : {}),
      },
      ...(resource === 'pods' ? { spec: { nodeName: opts.node, terminationGracePeriodSeconds: 30 }, status: { phase: 'Running' } } : {}),
    } as any,
  };
}
const summary = (ops: ReturnType<typeof planGarbage>) => ops.map((o) => `${o.op} ${o.object.metadata.name}${o.op === 'put' ? ` dt=${o.object.metadata.deletionTimestamp ?? '-'} fins=${(o.object.metadata.finalizers ?? []).join(',')} owners=${(o.object.metadata.ownerReferences ?? []).map((r) => r.uid).join(',')}` : ''}`);

describe('planGarbage', () => {
  it('does nothing while every owner is present', () => {
    expect(planGarbage([obj('replicasets', 'rs'), obj('pods', 'p', { owners: [{ uid: 'rs' }], node: 'w1' })], ctx)).toEqual([]);
  });

  it('deletes a dependent whose owner is gone, a pod on a node gracefully (not at once)', () => {
    const ops = planGarbage([obj('pods', 'p', { owners: [{ uid: 'gone' }], node: 'w1' }), obj('configmaps', 'c', { owners: [{ uid: 'gone' }] })], ctx);
    expect(summary(ops)).toEqual(['put p dt=2026-01-01T00:00:30Z fins= owners=gone', 'delete c']);
  });

  it('only marks a dependent with a custom finalizer, and leaves it once marked', () => {
    expect(summary(planGarbage([obj('configmaps', 'c', { owners: [{ uid: 'gone' }], fins: ['example.com/hold'] })], ctx))).toEqual(['put c dt=2026-01-01T00:00:00Z fins=example.com/hold owners=gone']);
    expect(planGarbage([obj('configmaps', 'c', { owners: [{ uid: 'gone' }], fins: ['example.com/hold'], deleting: true })], ctx)).toEqual([]);
  });

  it('keeps a dependent with another solid owner, dropping its reference to the absent one', () => {
    const ops = planGarbage([obj('configmaps', 'a'), obj('configmaps', 'c', { owners: [{ uid: 'a' }, { uid: 'gone' }] })], ctx);
    expect(summary(ops)).toEqual(['put c dt=- fins= owners=a']);
  });

  it('orphans: removes the references to the owner, then its orphan finalizer (which deletes it)', () => {
    const ops = planGarbage([obj('deployments', 'dep', { fins: ['orphan'], deleting: true }), obj('replicasets', 'rs', { owners: [{ uid: 'dep', block: true }] })], ctx);
    expect(summary(ops)).toEqual(['put rs dt=- fins= owners=', 'delete dep']);
  });

  it('foreground: deletes a waiting owner\'s dependent with dependents of its own in the foreground', () => {
    const entries = [
      obj('deployments', 'dep', { fins: ['foregroundDeletion'], deleting: true }),
      obj('replicasets', 'rs', { owners: [{ uid: 'dep', block: true }] }),
      obj('pods', 'p', { owners: [{ uid: 'rs', block: true }], node: 'w1' }),
    ];
    expect(summary(planGarbage(entries, ctx))).toEqual(['put rs dt=2026-01-01T00:00:00Z fins=foregroundDeletion owners=dep']);
  });

  it('foreground: the owner keeps its finalizer while a blocking dependent exists, even one terminating', () => {
    const entries = [
      obj('replicasets', 'rs', { fins: ['foregroundDeletion'], deleting: true }),
      obj('pods', 'p', { owners: [{ uid: 'rs', block: true }], node: 'w1', deleting: true }),
    ];
    expect(planGarbage(entries, ctx)).toEqual([]);
  });

  it('foreground: a dependent without blockOwnerDeletion is deleted but does not hold the owner', () => {
    const entries = [obj('configmaps', 'o', { fins: ['foregroundDeletion'], deleting: true }), obj('configmaps', 'loose', { owners: [{ uid: 'o' }], fins: ['example.com/hold'], deleting: true })];
    expect(summary(planGarbage(entries, ctx))).toEqual(['delete o']);
  });

  it('foreground: a dependent that also has a solid owner loses only the waiting reference', () => {
    const entries = [obj('configmaps', 'o', { fins: ['foregroundDeletion'], deleting: true }), obj('configmaps', 'other'), obj('configmaps', 'c', { owners: [{ uid: 'o', block: true }, { uid: 'other' }] })];
    expect(summary(planGarbage(entries, ctx))).toEqual(['put c dt=- fins= owners=other']);
  });

  it('treats a namespaced owner in another namespace as absent', () => {
    const entries = [obj('configmaps', 'o', { ns: 'elsewhere' }), obj('configmaps', 'c', { owners: [{ uid: 'o' }] })];
    expect(summary(planGarbage(entries, ctx))).toEqual(['delete c']);
  });

  it('lets a cluster-scoped owner own namespaced objects', () => {
    expect(planGarbage([obj('clusterroles', 'cr', { ns: null }), obj('configmaps', 'c', { owners: [{ uid: 'cr' }] })], ctx)).toEqual([]);
  });

  it('leaves an object whose owner is of a kind the API does not serve (it cannot be verified)', () => {
    const c = obj('configmaps', 'c');
    c.obj.metadata.ownerReferences = [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w' }];
    expect(planGarbage([c], ctx)).toEqual([]);
  });
});

describe('garbageCollector.keysFor', () => {
  const owner = obj('configmaps', 'o').obj;
  const store = { get: (resource: string, ns: string, name: string) => (resource === 'configmaps' && ns === 'd' && name === 'o' ? owner : undefined) };
  const change = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: any, old?: any) => ({ type, resource: 'configmaps', namespace: 'd', name: object.metadata.name, rv: 1, object, old });
  const keys = (c: any) => garbageCollector.keysFor(c, { store } as any);

  it('runs a pass after any deletion and for an owner marked orphan or foregroundDeletion', () => {
    expect(keys(change('DELETED', obj('configmaps', 'x').obj))).toEqual(['all']);
    expect(keys(change('MODIFIED', obj('configmaps', 'x', { fins: ['orphan'], deleting: true }).obj))).toEqual(['all']);
  });

  it('runs a pass for a new reference to an absent owner, not for one to a present owner', () => {
    expect(keys(change('ADDED', obj('configmaps', 'c', { owners: [{ uid: 'o' }] }).obj))).toEqual([]);
    const wrongUid = obj('configmaps', 'c', { owners: [{ uid: 'o' }] }).obj;
    wrongUid.metadata.ownerReferences![0].uid = 'other';
    expect(keys(change('ADDED', wrongUid))).toEqual(['all']);
  });

  it('does not look again at references an update left unchanged', () => {
    const c = obj('configmaps', 'c', { owners: [{ uid: 'gone' }] }).obj;
    expect(keys(change('MODIFIED', c, structuredClone(c)))).toEqual([]);
  });
});
