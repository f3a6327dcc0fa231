import { describe, it, expect } from 'vitest';
import { env, runInDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { ObjectStore } from '../../src/cluster/storage';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import type { UserInfo } from '../../src/apiserver/registry/context';

const admin: UserInfo = { username: 'student:test', groups: ['system:masters', 'system:authenticated'] };
const BASE = 'https://kubeplay.test/clusters/t';

function stub(name = crypto.randomUUID()) {
  return env.CLUSTER.get(env.CLUSTER.idFromName(name)) as DurableObjectStub<ClusterObject>;
}

async function call(s: DurableObjectStub<ClusterObject>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { 'Content-Type': 'application/json', ...headers } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await s.serve(new Request(`${BASE}${path}`, init), path.split('?')[0], BASE, admin);
  return res;
}

const configMap = (name: string, data: Record<string, string> = { a: 'b' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('ClusterObject', () => {
  it('starts as a kubeadm cluster: system namespaces, default ServiceAccounts, the kubernetes Service, nodes', async () => {
    const s = stub();
    const ns = await (await call(s, 'GET', '/api/v1/namespaces')).json<any>();
    expect(ns.items.map((n: any) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const svc = await (await call(s, 'GET', '/api/v1/namespaces/default/services/kubernetes')).json<any>();
    expect(svc.spec.clusterIP).toBe('10.96.0.1');
    const sa = await call(s, 'GET', '/api/v1/namespaces/kube-system/serviceaccounts/default');
    expect(sa.status).toBe(200);
    const nodes = await (await call(s, 'GET', '/api/v1/nodes')).json<any>();
    expect(nodes.items.length).toBe(3);
  });

  it('gives every write a larger resourceVersion and commits it with a change-log row', async () => {
    const s = stub();
    await call(s, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } });
    const a = await (await call(s, 'POST', '/api/v1/namespaces/app/configmaps', configMap('one'))).json<any>();
    const b = await (await call(s, 'POST', '/api/v1/namespaces/app/configmaps', configMap('two'))).json<any>();
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    await runInDurableObject(s, (_obj, state) => {
      const rows = state.storage.sql.exec<{ name: string; type: string }>("SELECT name, type FROM changes WHERE resource = 'configmaps' AND namespace = 'app' ORDER BY rv").toArray();
      expect(rows.filter((r) => r.name === 'one' || r.name === 'two').map((r) => `${r.type} ${r.name}`)).toEqual(['ADDED one', 'ADDED two']);
    });
  });

  it('refuses a stale resourceVersion with 409 and keeps the stored object', async () => {
    const s = stub();
    const created = await (await call(s, 'POST', '/api/v1/namespaces/default/configmaps', configMap('cfg'))).json<any>();
    const first = { ...created, data: { a: 'first' } };
    expect((await call(s, 'PUT', '/api/v1/namespaces/default/configmaps/cfg', first)).status).toBe(200);
    const stale = await call(s, 'PUT', '/api/v1/namespaces/default/configmaps/cfg', { ...created, data: { a: 'stale' } });
    expect(stale.status).toBe(409);
    const status = await stale.json<any>();
    expect(status.reason).toBe('Conflict');
    const stored = await (await call(s, 'GET', '/api/v1/namespaces/default/configmaps/cfg')).json<any>();
    expect(stored.data.a).toBe('first');
  });

  it('streams exactly the changes after a watch resourceVersion, in order', async () => {
    const s = stub();
    const one = await (await call(s, 'POST', '/api/v1/namespaces/default/configmaps', configMap('w1'))).json<any>();
    await call(s, 'POST', '/api/v1/namespaces/default/configmaps', configMap('w2'));
    await call(s, 'DELETE', '/api/v1/namespaces/default/configmaps/w1');
    const res = await call(s, 'GET', `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${one.metadata.resourceVersion}&timeoutSeconds=1`);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED w2', 'DELETED w1']);
  });

  it('answers a watch from a compacted resourceVersion with a 410 Expired event', async () => {
    const s = stub();
    await runInDurableObject(s, (_obj, state) => {
      const store = new ObjectStore(state.storage.sql, (fn) => state.storage.transactionSync(fn), { window: 2, trimEvery: 1 });
      store.init();
      for (let i = 0; i < 5; i++) store.commit([{ op: 'put', resource: 'configmaps', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default', uid: `u${i}` } } }]);
      expect(store.compactedRV()).toBeGreaterThan(1);
    });
    const expired = await call(s, 'GET', '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1');
    const event = JSON.parse((await expired.text()).trim().split('\n')[0]);
    expect(event.type).toBe('ERROR');
    expect(event.object.code).toBe(410);
    expect(event.object.reason).toBe('Expired');
    expect(event.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('finalizes a deleted namespace on its alarm, held by a finalizer until it is released', async () => {
    const s = stub();
    await call(s, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    await call(s, 'POST', '/api/v1/namespaces/gone/configmaps', { ...configMap('hold'), metadata: { name: 'hold', finalizers: ['example.com/hold'] } });
    await call(s, 'POST', '/api/v1/namespaces/gone/configmaps', configMap('free'));
    const del = await call(s, 'DELETE', '/api/v1/namespaces/gone');
    expect((await del.json<any>()).status.phase).toBe('Terminating');
    const late = await call(s, 'POST', '/api/v1/namespaces/gone/configmaps', configMap('late'));
    expect(late.status).toBe(403);
    expect((await late.json<any>()).message).toBe('configmaps "late" is forbidden: unable to create new content in namespace gone because it is being terminated');
    await runDurableObjectAlarm(s);
    expect((await call(s, 'GET', '/api/v1/namespaces/gone/configmaps/free')).status).toBe(404);
    const ns = await (await call(s, 'GET', '/api/v1/namespaces/gone')).json<any>();
    expect(ns.status.conditions.find((c: any) => c.type === 'NamespaceFinalizersRemaining').message).toMatch(/example.com\/hold in 1 resource instances/);
    await call(s, 'PATCH', '/api/v1/namespaces/gone/configmaps/hold', { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    await runDurableObjectAlarm(s);
    expect((await call(s, 'GET', '/api/v1/namespaces/gone')).status).toBe(404);
  });

  it('allocates distinct cluster IPs and refuses a taken node port', async () => {
    const s = stub();
    const svc = (name: string, nodePort?: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] } });
    const a = await (await call(s, 'POST', '/api/v1/namespaces/default/services', svc('a', 30080))).json<any>();
    const b = await (await call(s, 'POST', '/api/v1/namespaces/default/services', svc('b'))).json<any>();
    expect(a.spec.clusterIP).not.toBe(b.spec.clusterIP);
    expect(b.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const taken = await call(s, 'POST', '/api/v1/namespaces/default/services', svc('c', 30080));
    expect(taken.status).toBe(422);
    expect((await taken.json<any>()).message).toBe('Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });
});
