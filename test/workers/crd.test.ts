import { describe, it, expect } from 'vitest';
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import type { UserInfo } from '../../src/apiserver/registry/context';

const admin: UserInfo = { username: 'student:test', groups: ['system:masters', 'system:authenticated'] };
const BASE = 'https://kubeplay.test/clusters/t';
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const WIDGETS = '/apis/shop.example.com/v1/namespaces/default/widgets';

function stub() {
  return env.CLUSTER.get(env.CLUSTER.idFromName(crypto.randomUUID())) as DurableObjectStub<ClusterObject>;
}

async function call(s: DurableObjectStub<ClusterObject>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { 'Content-Type': 'application/json', ...headers } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return s.serve(new Request(`${BASE}${path}`, init), path.split('?')[0], BASE, admin);
}

const crd = (plural: string, kind: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.shop.example.com` },
  spec: {
    group: 'shop.example.com',
    scope: 'Namespaced',
    names: { plural, kind, ...extra },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
});
const widget = (name: string, size = 1) => ({ apiVersion: 'shop.example.com/v1', kind: 'Widget', metadata: { name }, spec: { size } });

/** Run the cluster's controllers until they have nothing due. */
async function settle(s: DurableObjectStub<ClusterObject>) {
  for (let i = 0; i < 5; i++) await runDurableObjectAlarm(s);
}

describe('CustomResourceDefinitions in the registry', () => {
  it('serves a CRD once the naming controller has accepted its names and established it', async () => {
    const s = stub();
    const created = await call(s, 'POST', CRDS, crd('widgets', 'Widget', { shortNames: ['wd'] }));
    expect(created.status).toBe(201);
    const body = await created.json<any>();
    // Defaults and the status the server keeps.
    expect(body.spec.names).toMatchObject({ singular: 'widget', listKind: 'WidgetList' });
    expect(body.spec.conversion).toEqual({ strategy: 'None' });
    expect(body.status).toEqual({ acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
    // Not served before its names are accepted.
    expect((await call(s, 'POST', WIDGETS, widget('early'))).status).toBe(404);
    await settle(s);
    const established = await (await call(s, 'GET', `${CRDS}/widgets.shop.example.com`)).json<any>();
    expect(established.status.conditions.map((c: any) => `${c.type}=${c.status}:${c.reason}`)).toEqual(['NamesAccepted=True:NoConflicts', 'Established=True:InitialNamesAccepted']);
    expect(established.status.acceptedNames).toEqual({ plural: 'widgets', singular: 'widget', shortNames: ['wd'], kind: 'Widget', listKind: 'WidgetList' });
    const w = await call(s, 'POST', WIDGETS, widget('first', 2));
    expect(w.status).toBe(201);
    expect((await w.json<any>()).metadata.generation).toBe(1);
    const list = await (await call(s, 'GET', WIDGETS)).json<any>();
    expect(list.kind).toBe('WidgetList');
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['first']);
    // The aggregator registers the group version, Local.
    const apiService = await (await call(s, 'GET', '/apis/apiregistration.k8s.io/v1/apiservices/v1.shop.example.com')).json<any>();
    expect(apiService.spec).toEqual({ group: 'shop.example.com', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 100 });
    expect(apiService.metadata.labels).toEqual({ 'kube-aggregator.kubernetes.io/automanaged': 'true' });
    const discovery = await (await call(s, 'GET', '/apis/shop.example.com/v1')).json<any>();
    expect(discovery.resources).toEqual([{ name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['wd'] }]);
  });

  it('refuses the names another CRD of the group holds, and accepts them once it is gone', async () => {
    // Each name is checked in turn and the last conflict is the one reported, as upstream.
    const s = stub();
    await call(s, 'POST', CRDS, crd('widgets', 'Widget'));
    await settle(s);
    await call(s, 'POST', CRDS, crd('gadgets', 'Widget'));
    await settle(s);
    const refused = await (await call(s, 'GET', `${CRDS}/gadgets.shop.example.com`)).json<any>();
    const names = refused.status.conditions.find((c: any) => c.type === 'NamesAccepted');
    expect(names).toMatchObject({ status: 'False', reason: 'ListKindConflict', message: '"WidgetList" is already in use' });
    // Its singular, defaulted from the kind, is taken too: only the plural is granted.
    expect(refused.status.acceptedNames).toEqual({ plural: 'gadgets', kind: '' });
    expect(refused.status.conditions.find((c: any) => c.type === 'Established')).toMatchObject({ status: 'False', reason: 'NotAccepted' });
    expect((await call(s, 'GET', '/apis/shop.example.com/v1/namespaces/default/gadgets')).status).toBe(404);
    await call(s, 'DELETE', `${CRDS}/widgets.shop.example.com`);
    await settle(s);
    const accepted = await (await call(s, 'GET', `${CRDS}/gadgets.shop.example.com`)).json<any>();
    expect(accepted.status.conditions.find((c: any) => c.type === 'Established')).toMatchObject({ status: 'True' });
    expect((await call(s, 'GET', '/apis/shop.example.com/v1/namespaces/default/gadgets')).status).toBe(200);
  });

  it('deleting a CRD marks it Terminating, then removes its objects and itself', async () => {
    const s = stub();
    await call(s, 'POST', CRDS, crd('widgets', 'Widget'));
    await settle(s);
    await call(s, 'POST', WIDGETS, widget('a'));
    // b is held by a finalizer: the CRD stays Terminating until it goes.
    await call(s, 'POST', WIDGETS, { ...widget('b'), metadata: { name: 'b', finalizers: ['shop.example.com/hold'] } });
    const deleted = await (await call(s, 'DELETE', `${CRDS}/widgets.shop.example.com`)).json<any>();
    expect(deleted.metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    expect(deleted.metadata.deletionTimestamp).toBeTruthy();
    expect(deleted.status.conditions.find((c: any) => c.type === 'Terminating')).toMatchObject({ status: 'True', reason: 'InstanceDeletionPending' });
    // Still served for reads while terminating; no new objects.
    expect((await call(s, 'GET', WIDGETS)).status).toBe(200);
    const late = await call(s, 'POST', WIDGETS, widget('late'));
    expect(late.status).toBe(403);
    expect((await late.json<any>()).message).toBe('widgets.shop.example.com "late" is forbidden: create not allowed while custom resource definition is terminating');
    await settle(s);
    const held = await (await call(s, 'GET', `${CRDS}/widgets.shop.example.com`)).json<any>();
    expect(held.status.conditions.find((c: any) => c.type === 'Terminating')).toMatchObject({ status: 'True', reason: 'InstanceDeletionInProgress' });
    expect((await (await call(s, 'GET', WIDGETS)).json<any>()).items.map((i: any) => i.metadata.name)).toEqual(['b']);
    await call(s, 'PATCH', `${WIDGETS}/b`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    await settle(s);
    expect((await call(s, 'GET', `${CRDS}/widgets.shop.example.com`)).status).toBe(404);
    expect((await call(s, 'GET', WIDGETS)).status).toBe(404);
    expect((await call(s, 'GET', '/apis/apiregistration.k8s.io/v1/apiservices/v1.shop.example.com')).status).toBe(404);
    // A CRD made again with the same name serves none of the old objects.
    await call(s, 'POST', CRDS, crd('widgets', 'Widget'));
    await settle(s);
    expect((await (await call(s, 'GET', WIDGETS)).json<any>()).items).toEqual([]);
  });

  it('defaults what it reads by the storage schema, so a default added later shows on old objects', async () => {
    const s = stub();
    await call(s, 'POST', CRDS, crd('widgets', 'Widget'));
    await settle(s);
    await call(s, 'POST', WIDGETS, widget('old'));
    const patch = [{ op: 'add', path: '/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/color', value: { type: 'string', default: 'grey' } }];
    expect((await call(s, 'PATCH', `${CRDS}/widgets.shop.example.com`, patch, { 'Content-Type': 'application/json-patch+json' })).status).toBe(200);
    expect((await (await call(s, 'GET', `${WIDGETS}/old`)).json<any>()).spec).toEqual({ size: 1, color: 'grey' });
    expect((await (await call(s, 'GET', WIDGETS)).json<any>()).items[0].spec).toEqual({ size: 1, color: 'grey' });
  });

  it('refuses a CRD whose scope or kind changes once it is established', async () => {
    const s = stub();
    await call(s, 'POST', CRDS, crd('widgets', 'Widget'));
    await settle(s);
    const res = await call(s, 'PATCH', `${CRDS}/widgets.shop.example.com`, { spec: { scope: 'Cluster', names: { kind: 'Gizmo' } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(res.status).toBe(422);
    const status = await res.json<any>();
    expect(status.message).toContain('spec.scope: Invalid value: "Cluster": field is immutable');
    expect(status.message).toContain('spec.names.kind: Invalid value: "Gizmo": field is immutable');
  });
  it('enforces the x-kubernetes-validations rules of the schema on create and update, with their messages', async () => {
    const s = stub();
    const ruled = crd('widgets', 'Widget');
    ruled.spec.versions[0].schema.openAPIV3Schema.properties.spec = {
      type: 'object',
      properties: { size: { type: 'integer' }, color: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'color is immutable' }] } },
      'x-kubernetes-validations': [{ rule: 'self.size <= 10', message: 'size must be at most 10' }],
    } as any;
    expect((await call(s, 'POST', CRDS, ruled)).status).toBe(201);
    await settle(s);
    const big = await call(s, 'POST', WIDGETS, widget('big', 11));
    expect(big.status).toBe(422);
    expect((await big.json<any>()).message).toContain('spec: Invalid value: "object": size must be at most 10');
    expect((await call(s, 'POST', WIDGETS, { ...widget('small', 3), spec: { size: 3, color: 'red' } })).status).toBe(201);
    const recolored = await call(s, 'PATCH', `${WIDGETS}/small`, { spec: { color: 'blue' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(recolored.status).toBe(422);
    expect((await recolored.json<any>()).message).toContain('spec.color: Invalid value: "string": color is immutable');
    // Nothing refused was stored.
    expect((await (await call(s, 'GET', `${WIDGETS}/small`)).json<any>()).spec).toEqual({ size: 3, color: 'red' });
    expect((await call(s, 'GET', `${WIDGETS}/big`)).status).toBe(404);
  });
});
