// A write retried by the Worker after a lost connection (same request id) is answered from the
// commit of its first attempt, never applied twice (src/cluster/replays.ts).
import { describe, it, expect } from 'vitest';
import { env, runInDurableObject } from 'cloudflare:test';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import type { UserInfo } from '../../src/apiserver/registry/context';

const student: UserInfo = { username: 'student:alice', groups: ['system:masters', 'system:authenticated'] };

function tenant() {
  const name = `r-${crypto.randomUUID().slice(0, 8)}`;
  const stub = env.CLUSTER.get(env.CLUSTER.idFromName(name)) as DurableObjectStub<ClusterObject>;
  const base = `https://kubeplay.test/clusters/${name}`;
  const call = (method: string, path: string, body?: unknown, id?: string, attempt?: number) =>
    stub.serve(new Request(`${base}${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }), path.split('?')[0], base, student, undefined, id, attempt);
  return { stub, call };
}

const cm = (data: Record<string, string>, rv?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(rv ? { resourceVersion: rv } : {}) }, data });
const changeCount = (stub: DurableObjectStub<ClusterObject>) =>
  runInDurableObject(stub, (_o, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM changes WHERE resource = 'configmaps' AND name = 'c'").toArray()[0].n);

describe('replayed writes', () => {
  it('answers a repeated create with the object it created, once', async () => {
    const t = tenant();
    const id = crypto.randomUUID();
    const first = await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), id);
    expect(first.status).toBe(201);
    const created = await first.json<any>();
    const again = await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), id);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(created);
    expect(again.headers.get('Audit-Id')).toBe(first.headers.get('Audit-Id'));
    expect(await changeCount(t.stub)).toBe(1);
    // A new id is a new request: the create is refused as a real apiserver would.
    expect((await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), crypto.randomUUID())).status).toBe(409);
  });

  it('numbers the Worker\'s attempts: the first is served as itself, a retry of it from its commit', async () => {
    const t = tenant();
    const id = crypto.randomUUID();
    const first = await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), id, 1);
    expect(first.status).toBe(201);
    const created = await first.json<any>();
    const retry = await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), id, 2);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(created);
    expect(await changeCount(t.stub)).toBe(1);
  });

  it('answers a repeated update with the version it wrote, even after later writes', async () => {
    const t = tenant();
    const rv = (await (await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ n: '0' }))).json<any>()).metadata.resourceVersion;
    const id = crypto.randomUUID();
    const put = await (await t.call('PUT', '/api/v1/namespaces/default/configmaps/c', cm({ n: '1' }, rv), id)).json<any>();
    const later = await t.call('PUT', '/api/v1/namespaces/default/configmaps/c', cm({ n: '2' }, put.metadata.resourceVersion));
    expect(later.status).toBe(200);
    const again = await t.call('PUT', '/api/v1/namespaces/default/configmaps/c', cm({ n: '1' }, rv), id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(put);
    expect(await changeCount(t.stub)).toBe(3);
    const now = await (await t.call('GET', '/api/v1/namespaces/default/configmaps/c')).json<any>();
    expect(now.data).toEqual({ n: '2' });
  });

  it('waits for an attempt still in progress instead of running the write twice', async () => {
    const t = tenant();
    const id = crypto.randomUUID();
    const [a, b] = await Promise.all([t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), id), t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '1' }), id)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await changeCount(t.stub)).toBe(1);
  });

  it('runs a request again whose first attempt committed nothing', async () => {
    const t = tenant();
    const id = crypto.randomUUID();
    expect((await t.call('PUT', '/api/v1/namespaces/default/configmaps/c', cm({ a: '1' }, '1'), id)).status).toBe(404);
    await t.call('POST', '/api/v1/namespaces/default/configmaps', cm({ a: '0' }));
    expect((await t.call('GET', '/api/v1/namespaces/default/configmaps/c', undefined, id)).status).toBe(200);
  });
});
