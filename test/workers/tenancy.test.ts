// The tenant side of the hosted service, inside the ClusterObject Durable Object: settings,
// revocation, limits, the audit trail and the outbox to D1 (flushed by the alarm, surviving a
// D1 outage), reset, destroy and stats.
import { describe, it, expect } from 'vitest';
import { env, runInDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import type { UserInfo } from '../../src/apiserver/registry/context';
import type { TokenCredential } from '../../src/cluster/revocation';
import { d1Sink, type OutboxSink } from '../../src/control-plane/sink';

const student: UserInfo = { username: 'student:alice', groups: ['system:masters', 'system:authenticated'] };
const DB = (env as unknown as { DB: D1Database }).DB;

function tenant() {
  const name = `t-${crypto.randomUUID().slice(0, 8)}`;
  const stub = env.CLUSTER.get(env.CLUSTER.idFromName(name)) as DurableObjectStub<ClusterObject>;
  const base = `https://kubeplay.test/clusters/${name}`;
  const call = async (method: string, path: string, body?: unknown, credential?: TokenCredential, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { 'Content-Type': 'application/json', 'User-Agent': 'kubectl/v1.33.1 (test)', ...headers } };
    if (body !== undefined) init.body = JSON.stringify(body);
    return stub.serve(new Request(`${base}${path}`, init), path.split('?')[0], base, student, credential);
  };
  return { name, stub, call };
}

/** A D1 that refuses every delivery: rows stay in the outbox, where a test can read them. */
const refusing: OutboxSink = {
  deliver: async () => {
    throw new Error('D1 unavailable (test)');
  },
};
/** Replace the tenant's sink (alarms fire in the background: a refusing sink keeps rows observable). */
const setSink = (s: DurableObjectStub<ClusterObject>, sink: OutboxSink) =>
  runInDurableObject(s, (o) => {
    (o as unknown as { sink: OutboxSink }).sink = sink;
  });
const hold = (s: DurableObjectStub<ClusterObject>) => setSink(s, refusing);
const release = (s: DurableObjectStub<ClusterObject>) => setSink(s, d1Sink(DB));

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });
const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const nowSeconds = () => Math.floor(Date.now() / 1000);

type OutboxRow = {
  seq: number;
  kind: string;
  data: string;
};
const outboxRows = (s: DurableObjectStub<ClusterObject>) =>
  runInDurableObject(s, (_o, state) => state.storage.sql.exec<OutboxRow>('SELECT seq, kind, data FROM outbox ORDER BY seq').toArray());

async function addTenantRow(name: string) {
  await DB.prepare('INSERT INTO tenants (id, state, settings, created_at) VALUES (?, ?, ?, ?)').bind(name, 'active', '{}', Date.now()).run();
}

describe('outbox', () => {
  it('writes a namespace row and the request audit record in the transaction of the change', async () => {
    const t = tenant();
    await hold(t.stub);
    await t.call('GET', '/api/v1/namespaces'); // the cluster is built; its audit record is written
    const before = (await outboxRows(t.stub)).length;
    const res = await t.call('POST', '/api/v1/namespaces', namespace('app'));
    expect(res.status).toBe(201);
    const rows = (await outboxRows(t.stub)).slice(before);
    const ns = rows.find((r) => r.kind === 'namespace' && JSON.parse(r.data).name === 'app')!;
    const audit = rows.find((r) => r.kind === 'audit')!;
    expect(JSON.parse(ns.data)).toMatchObject({ name: 'app', phase: 'Active', deleted: false });
    // One commit: the audit row follows the change's rows with no other record between them.
    expect(audit.seq).toBe(Math.max(...rows.filter((r) => r.kind !== 'audit').map((r) => r.seq)) + 1);
    expect(rows.filter((r) => r.kind === 'audit')).toHaveLength(1);
    expect(JSON.parse(audit.data)).toMatchObject({ auditId: res.headers.get('Audit-Id'), verb: 'create', code: 201, resource: 'namespaces', name: 'app', username: 'student:alice', stage: 'ResponseComplete', level: 'Metadata', decision: 'allow' });
  });

  it('records RBAC objects by their resource key, once they are stored', async () => {
    const t = tenant();
    await hold(t.stub);
    await t.call('GET', '/version');
    await runInDurableObject(t.stub, (o) => {
      const store = (o as unknown as { store: { commit(ops: unknown[]): unknown } }).store;
      store.commit([{ op: 'put', resource: 'roles.rbac.authorization.k8s.io', object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'default', uid: 'u1' }, rules: [] } }]);
    });
    const rbac = (await outboxRows(t.stub)).filter((r) => r.kind === 'rbac').map((r) => JSON.parse(r.data));
    expect(rbac).toEqual([expect.objectContaining({ kind: 'Role', namespace: 'default', name: 'reader', uid: 'u1', deleted: false })]);
    await release(t.stub);
    await t.stub.flushOutbox();
    const row = await DB.prepare('SELECT kind, namespace, name FROM tenant_rbac WHERE tenant_id = ?').bind(t.name).first();
    expect(row).toEqual({ kind: 'Role', namespace: 'default', name: 'reader' });
  });

  it('flushes to D1 on the alarm, keyed by tenant, and reports object count and activity', async () => {
    const t = tenant();
    await addTenantRow(t.name);
    const ids: string[] = [];
    for (const r of [await t.call('POST', '/api/v1/namespaces', namespace('shop')), await t.call('GET', '/api/v1/namespaces/shop'), await t.call('POST', '/api/v1/namespaces/shop/configmaps', configMap('cfg'))]) ids.push(r.headers.get('Audit-Id')!);
    // The alarm flushes (this one, or one that fired on its own in the meantime): nothing is
    // left for an explicit flush, which would wait for a running one.
    await runDurableObjectAlarm(t.stub);
    expect((await t.stub.flushOutbox()).delivered).toBe(0);
    expect(await outboxRows(t.stub)).toEqual([]);
    const audits = await DB.prepare('SELECT audit_id, verb, code, resource, namespace, name, request_uri, user_agent FROM audit_events WHERE tenant_id = ? ORDER BY seq').bind(t.name).all();
    expect(audits.results.map((a) => a.audit_id)).toEqual(ids);
    expect(audits.results[1]).toMatchObject({ verb: 'get', code: 200, resource: 'namespaces', name: 'shop', request_uri: '/api/v1/namespaces/shop', user_agent: 'kubectl/v1.33.1 (test)' });
    expect(audits.results[2]).toMatchObject({ verb: 'create', code: 201, resource: 'configmaps', namespace: 'shop', name: 'cfg' });
    const nss = await DB.prepare('SELECT name, phase, deleted FROM tenant_namespaces WHERE tenant_id = ? ORDER BY name').bind(t.name).all();
    expect(nss.results.map((n) => n.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']);
    const stats = await runInDurableObject(t.stub, (o) => o.stats());
    const row = await DB.prepare('SELECT object_count, last_activity_at FROM tenants WHERE id = ?').bind(t.name).first<{ object_count: number; last_activity_at: number }>();
    expect(row!.object_count).toBeGreaterThan(30);
    expect(row!.object_count).toBeLessThanOrEqual(stats.objects);
    expect(row!.last_activity_at).toBe(stats.lastActivityAt);
    // Nothing waits any more: the outbox asks for no alarm.
    await runInDurableObject(t.stub, (o) => expect((o as unknown as { tenancy: { outbox: { nextDue(): number | undefined } } }).tenancy.outbox.nextDue()).toBeUndefined());
  });

  it('loses no audit record while D1 fails for a while, and delivers them in order once it recovers', async () => {
    const t = tenant();
    const ids: string[] = [];
    const request = async (method: string, path: string, body?: unknown) => ids.push((await t.call(method, path, body)).headers.get('Audit-Id')!);
    await request('GET', '/api/v1/namespaces');
    await DB.exec('ALTER TABLE audit_events RENAME TO audit_events_down');
    try {
      await request('POST', '/api/v1/namespaces/default/configmaps', configMap('during-1'));
      const failedAt = Date.now();
      expect((await t.stub.flushOutbox()).error).toMatch(/no such table: audit_events/); // D1 refuses: the rows stay
      await runDurableObjectAlarm(t.stub); // an alarm meanwhile changes nothing
      const waiting = (await outboxRows(t.stub)).filter((r) => r.kind === 'audit').length;
      expect(waiting).toBe(2);
      // The next try waits (back-off from one second), and an alarm stays set for it.
      const [due] = await runInDurableObject(t.stub, async (o) => [(o as unknown as { tenancy: { outbox: { nextDue(): number } } }).tenancy.outbox.nextDue()] as const);
      expect(due).toBeGreaterThanOrEqual(failedAt + 1000);
      // The pool may still be running the alarm the write set (its D1 flush in flight, the stored
      // alarm consumed until it ends, so getAlarm() reads null): let it end before reading.
      const alarmOf = () => runInDurableObject(t.stub, (_o, state) => state.storage.getAlarm());
      let alarm = await alarmOf();
      for (let i = 0; alarm === null && i < 20; i++) {
        await t.stub.flushOutbox();
        alarm = await alarmOf();
      }
      expect(alarm).not.toBeNull();
      await request('DELETE', '/api/v1/namespaces/default/configmaps/during-1');
      const again = await t.stub.flushOutbox();
      expect(again.delivered).toBe(0);
      expect(again.error).toBeDefined();
    } finally {
      await DB.exec('ALTER TABLE audit_events_down RENAME TO audit_events');
    }
    await request('GET', '/api/v1/namespaces/default/configmaps');
    const done = await t.stub.flushOutbox();
    expect(done.pending).toBe(0);
    const rows = await DB.prepare('SELECT audit_id, seq FROM audit_events WHERE tenant_id = ? ORDER BY seq').bind(t.name).all<{ audit_id: string }>();
    expect(rows.results.map((r) => r.audit_id)).toEqual(ids);
  });

  it('loses no audit record of a burst of concurrent writes and reads, some waiting for the rate, while D1 is down', async () => {
    const t = tenant();
    await t.stub.configure({ limits: { requestsPerSecond: 20 } }); // a burst of 40: the rest wait their turn
    const ids: string[] = [];
    const request = async (method: string, path: string, body?: unknown) => {
      const res = await t.call(method, path, body);
      expect([200, 201, 404, 409]).toContain(res.status);
      ids.push(res.headers.get('Audit-Id')!);
    };
    await request('GET', '/api/v1/namespaces');
    await DB.exec('ALTER TABLE audit_events RENAME TO audit_events_down');
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 3 === 0 ? request('POST', '/api/v1/namespaces/default/configmaps', configMap(`load-${i}`))
          : i % 3 === 1 ? request('GET', '/api/v1/namespaces/default/configmaps')
          : request('PUT', '/api/v1/namespaces/default/configmaps/load-0', { ...configMap('load-0'), data: { i: String(i) } }),
        ),
      );
      expect((await t.stub.flushOutbox()).error).toMatch(/no such table: audit_events/);
      await runDurableObjectAlarm(t.stub);
    } finally {
      await DB.exec('ALTER TABLE audit_events_down RENAME TO audit_events');
    }
    const done = await t.stub.flushOutbox();
    expect(done.pending).toBe(0);
    const rows = await DB.prepare('SELECT audit_id FROM audit_events WHERE tenant_id = ?').bind(t.name).all<{ audit_id: string }>();
    expect(rows.results.map((r) => r.audit_id).sort()).toEqual([...new Set(ids)].sort());
    expect(new Set(ids).size).toBe(61);
  });

  it('loses no audit record of three tenants under sustained load while D1 goes down, comes back losing its answers, then recovers', { timeout: 60_000 }, async () => {
    const tenants = [tenant(), tenant(), tenant()];
    // D1 through the run: up, then down (every delivery refused), then committing while its answer
    // is lost (the outbox must deliver again, and D1 end as if once), then up again.
    let d1: 'up' | 'down' | 'lost' = 'up';
    const deliveries = { up: 0, down: 0, lost: 0 };
    const flaky: OutboxSink = {
      deliver: async (tenantId, records, report) => {
        const state = d1;
        deliveries[state]++;
        if (state === 'down') throw new Error('D1 unavailable (test)');
        await d1Sink(DB).deliver(tenantId, records, report);
        if (state === 'lost') throw new Error('D1 answer lost (test)');
      },
    };
    for (const t of tenants) {
      await t.stub.configure({ limits: { requestsPerSecond: 30 } });
      await setSink(t.stub, flaky);
    }
    const codes = new Map(tenants.map((t) => [t.name, new Map<string, number>()])); // audit id → the code its client got
    const CLIENTS = 4;
    const ROUNDS = 30;
    const total = tenants.length * CLIENTS * ROUNDS;
    let done = 0;
    const traffic = tenants.flatMap((t) =>
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; i < ROUNDS; i++) {
          const res =
            i % 4 === 0 ? await t.call('POST', '/api/v1/namespaces/default/configmaps', configMap(`c${c}-${i}`))
            : i % 4 === 1 ? await t.call('GET', '/api/v1/namespaces/default/configmaps')
            : i % 4 === 2 ? await t.call('PUT', `/api/v1/namespaces/default/configmaps/c${c}-${i - 2}`, { ...configMap(`c${c}-${i - 2}`), data: { i: String(i) } })
            : await t.call('DELETE', `/api/v1/namespaces/default/configmaps/c${c}-${i - 3}`);
          await res.arrayBuffer();
          expect([200, 201, 429]).toContain(res.status);
          codes.get(t.name)!.set(res.headers.get('Audit-Id')!, res.status);
          done++;
          d1 = done < total / 4 ? 'up' : done < total / 2 ? 'down' : done < (3 * total) / 4 ? 'lost' : 'up';
        }
      }),
    );
    // Flushes all along, as the alarm and the admin API would ask for them.
    let flushing = true;
    const flushers = tenants.map(async (t) => {
      while (flushing) {
        await t.stub.flushOutbox();
        await runDurableObjectAlarm(t.stub);
      }
    });
    await Promise.all(traffic);
    flushing = false;
    await Promise.all(flushers);
    d1 = 'up';
    expect(deliveries.down).toBeGreaterThan(0);
    expect(deliveries.lost).toBeGreaterThan(0);
    for (const t of tenants) {
      expect((await t.stub.flushOutbox()).pending).toBe(0);
      const rows = await DB.prepare('SELECT audit_id, code FROM audit_events WHERE tenant_id = ? ORDER BY seq').bind(t.name).all<{ audit_id: string; code: number }>();
      // Every request of this tenant once, none of the others', with the code its client got.
      const sent = codes.get(t.name)!;
      expect(sent.size).toBe(CLIENTS * ROUNDS);
      expect(rows.results.map((r) => r.audit_id).sort()).toEqual([...sent.keys()].sort());
      expect(new Map(rows.results.map((r) => [r.audit_id, r.code]))).toEqual(sent);
    }
  });

  it('gives up on a D1 batch that never answers, so the alarm returns and the rows wait for a retry', async () => {
    const t = tenant();
    await t.call('GET', '/api/v1/namespaces');
    // The bound first: an alarm in the background may start a flush as soon as the sink is set.
    await runInDurableObject(t.stub, (o) => {
      (o as unknown as { tenancy: { outbox: { deliveryTimeoutMs: number } } }).tenancy.outbox.deliveryTimeoutMs = 50;
    });
    const silent: OutboxSink = { deliver: () => new Promise<void>(() => {}) };
    await setSink(t.stub, silent);
    await t.call('POST', '/api/v1/namespaces/default/configmaps', configMap('unanswered'));
    const r = await t.stub.flushOutbox();
    expect(String(r.error)).toMatch(/D1 did not answer within/);
    expect(r.pending).toBeGreaterThan(0);
    await release(t.stub);
    expect((await t.stub.flushOutbox()).pending).toBe(0);
  });
});

describe('audit', () => {
  it('records Secrets at Metadata level: no data, no body, anywhere', async () => {
    const t = tenant();
    await hold(t.stub);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' }, stringData: { token: 'plain-secret-value' } };
    expect((await t.call('POST', '/api/v1/namespaces/default/secrets', secret)).status).toBe(201);
    await t.call('GET', '/api/v1/namespaces/default/secrets/db');
    const outbox = JSON.stringify(await outboxRows(t.stub));
    expect(outbox).not.toMatch(/aHVudGVyMg|plain-secret-value|hunter2/);
    await release(t.stub);
    await t.stub.flushOutbox();
    const d1 = JSON.stringify((await DB.prepare('SELECT * FROM audit_events WHERE tenant_id = ?').bind(t.name).all()).results);
    expect(d1).toContain('"resource":"secrets"');
    expect(d1).not.toMatch(/aHVudGVyMg|plain-secret-value|hunter2/);
  });

  it('records a watch once, when its response starts, and a refused request with its code', async () => {
    const t = tenant();
    await hold(t.stub);
    const watch = await t.call('GET', '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=60');
    await t.stub.reset(); // ends open watches
    await watch.text();
    const missing = await t.call('GET', '/api/v1/namespaces/default/configmaps/nope');
    expect(missing.status).toBe(404);
    const audits = (await outboxRows(t.stub)).filter((r) => r.kind === 'audit').map((r) => JSON.parse(r.data));
    const w = audits.filter((a) => a.verb === 'watch');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ stage: 'ResponseStarted', code: 200, requestUri: '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=60', auditId: watch.headers.get('Audit-Id') });
    expect(audits.find((a) => a.auditId === missing.headers.get('Audit-Id'))).toMatchObject({ verb: 'get', code: 404, name: 'nope' });
  });
});

describe('revocation', () => {
  const unauthorized = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

  it('refuses a denied jti and a token issued before the not-before epoch with a 401 Status', async () => {
    const t = tenant();
    await hold(t.stub);
    const old: TokenCredential = { jti: 'old', iat: nowSeconds() - 100 };
    const other: TokenCredential = { jti: 'other', iat: nowSeconds() };
    expect((await t.call('GET', '/api/v1/namespaces', undefined, old)).status).toBe(200);
    await t.stub.revoke({ jtis: ['other'] });
    const denied = await t.call('GET', '/api/v1/namespaces', undefined, other);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual(unauthorized);
    expect((await t.call('GET', '/api/v1/namespaces', undefined, old)).status).toBe(200);
    await t.stub.revoke({ notBefore: nowSeconds() - 10 });
    expect((await t.call('GET', '/api/v1/namespaces', undefined, old)).status).toBe(401);
    expect((await t.call('GET', '/api/v1/namespaces', undefined, { jti: 'fresh', iat: nowSeconds() })).status).toBe(200);
    // The not-before epoch never moves back; the refusal is audited.
    await t.stub.revoke({ notBefore: 1 });
    expect((await t.call('GET', '/api/v1/namespaces', undefined, old)).status).toBe(401);
    const refused = (await outboxRows(t.stub)).map((r) => JSON.parse(r.data)).filter((a) => a.code === 401);
    expect(refused.length).toBe(2 + 1);
    expect(refused[0]).toMatchObject({ decision: 'forbid', username: 'student:alice' });
  });

  it('keeps revocations across a reset', async () => {
    const t = tenant();
    await t.stub.revoke({ jtis: ['gone'] });
    await t.stub.reset();
    expect((await t.call('GET', '/api/v1/namespaces', undefined, { jti: 'gone', iat: nowSeconds() })).status).toBe(401);
  });
});

describe('limits', () => {
  it('answers 429 TooManyRequests with Retry-After when the wait for the request rate would be too long', async () => {
    const t = tenant();
    // One request every ten seconds: the next would wait longer than a request may queue (5 s).
    await t.stub.configure({ limits: { requestsPerSecond: 0.1 } });
    expect((await t.call('GET', '/api/v1/namespaces')).status).toBe(200);
    const res = await t.call('GET', '/api/v1/namespaces');
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('1');
    expect(await res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Too many requests, please try again later.', reason: 'TooManyRequests', details: { retryAfterSeconds: 1 }, code: 429 });
  });

  it('queues a burst over the rate instead of refusing it, and serves every request', async () => {
    const t = tenant();
    await t.stub.configure({ limits: { requestsPerSecond: 10 } }); // a burst of 20 at once, then 10 a second
    const codes = await Promise.all(Array.from({ length: 40 }, (_, i) => t.call('POST', '/api/v1/namespaces/default/configmaps', configMap(`burst-${i}`)).then((r) => r.status)));
    expect(codes.filter((c) => c !== 201)).toEqual([]);
    const counts = await runInDurableObject(t.stub, (o) => (o as unknown as { tenancy: { fairness: { counts: { queued: number; rejected: number } } } }).tenancy.fairness.counts);
    expect(counts.queued).toBeGreaterThanOrEqual(5);
    expect(counts.rejected).toBe(0);
  });

  it("never holds back the cluster's controllers: a throttled student's Deployment still gets its pods", async () => {
    const t = tenant();
    // One token (the burst of 0.1/s), spent by the Deployment; the next request is refused.
    await t.stub.configure({ limits: { requestsPerSecond: 0.1 }, profile: 'fast' });
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } } };
    expect((await t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment)).status).toBe(201);
    expect((await t.call('GET', '/api/v1/namespaces/default/pods')).status).toBe(429);
    const pods = () => runInDurableObject(t.stub, (_o, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM objects WHERE resource = 'pods' AND namespace = 'default' AND name LIKE 'web-%'").toArray()[0].n);
    for (let i = 0; i < 50 && (await pods()) < 2; i++) await runDurableObjectAlarm(t.stub);
    expect(await pods()).toBe(2);
  });

  it('answers 429 for a watch over the concurrent watch limit', async () => {
    const t = tenant();
    await t.stub.configure({ limits: { watches: 1 } });
    const first = await t.call('GET', '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=30');
    expect(first.status).toBe(200);
    const second = await t.call('GET', '/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=30');
    expect(second.status).toBe(429);
    expect(second.headers.get('Retry-After')).toBe('1');
    await t.stub.reset(); // ends open watches
    await first.text();
  });

  it('refuses a create over the object limit with a 403 naming the limit', async () => {
    const t = tenant();
    await t.call('GET', '/api/v1/namespaces'); // builds the cluster
    const { objects } = await t.stub.stats();
    await t.stub.configure({ limits: { objects } });
    const res = await t.call('POST', '/api/v1/namespaces/default/configmaps', configMap('over'));
    expect(res.status).toBe(403);
    const status = await res.json<any>();
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, details: { name: 'over', kind: 'configmaps' } });
    expect(status.message).toMatch(new RegExp(`^configmaps "over" is forbidden: exceeded quota: tenant-object-limit, requested: objects=1, used: objects=\\d+, limited: objects=${objects}$`));
    // Reads and deletes stay allowed at the limit; a larger limit lets the create through.
    expect((await t.call('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(200);
    await t.stub.configure({ limits: { objects: objects + 1000 } });
    expect((await t.call('POST', '/api/v1/namespaces/default/configmaps', configMap('over'))).status).toBe(201);
    expect((await t.call('DELETE', '/api/v1/namespaces/default/configmaps/over')).status).toBe(200);
  });
});

describe('settings, reset, destroy and stats', () => {
  it('builds the cluster with the configured nodes', async () => {
    const t = tenant();
    await t.stub.configure({ nodes: { count: 4, cpu: '4', memory: '8Gi', pods: 50 } });
    const nodes = await (await t.call('GET', '/api/v1/nodes')).json<any>();
    expect(nodes.items.map((n: any) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(nodes.items[1].status.capacity).toMatchObject({ cpu: '4', memory: `${8 * 1024 * 1024}Ki`, pods: '50' });
  });

  it('resets to a fresh cluster: objects gone, watches ended, old resourceVersions expired, D1 namespaces replaced', async () => {
    const t = tenant();
    await addTenantRow(t.name);
    await t.call('POST', '/api/v1/namespaces', namespace('work'));
    const cm = await (await t.call('POST', '/api/v1/namespaces/default/configmaps', configMap('mine'))).json<any>();
    const watch = await t.call('GET', '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=300');
    await t.stub.flushOutbox();
    await t.stub.reset({ nodes: { count: 2 } });
    await watch.text(); // the watch ends with the reset
    expect((await t.call('GET', '/api/v1/namespaces/default/configmaps/mine')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/namespaces/work')).status).toBe(404);
    const nodes = await (await t.call('GET', '/api/v1/nodes')).json<any>();
    expect(nodes.items.map((n: any) => n.metadata.name)).toEqual(['control-plane', 'worker-1']);
    const stale = await t.call('GET', `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${cm.metadata.resourceVersion}&timeoutSeconds=1`);
    expect(JSON.parse((await stale.text()).trim().split('\n')[0]).object.code).toBe(410);
    expect((await t.stub.stats()).objects).toBeGreaterThan(0);
    await t.stub.flushOutbox();
    const nss = await DB.prepare('SELECT name FROM tenant_namespaces WHERE tenant_id = ? AND deleted = 0 ORDER BY name').bind(t.name).all();
    expect(nss.results.map((n) => n.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const audits = await DB.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE tenant_id = ?').bind(t.name).first<{ n: number }>();
    expect(audits!.n).toBeGreaterThanOrEqual(4); // audit records survive a reset
  });

  it('destroys everything, settings and alarm included', async () => {
    const t = tenant();
    await t.stub.configure({ nodes: { count: 1 }, limits: { objects: 7 } });
    await t.call('GET', '/api/v1/namespaces');
    await t.stub.destroy();
    expect(await t.stub.stats()).toEqual({ objects: 0, lastActivityAt: null, alarms: 0, alarmAt: null, pods: { running: 0, pending: 0, failing: 0, succeeded: 0 }, throttling: { queued: 0, refused: 0 } });
    await runInDurableObject(t.stub, async (_o, s) => {
      expect(await s.storage.getAlarm()).toBeNull();
      expect(s.storage.sql.exec('SELECT COUNT(*) AS n FROM objects').one().n).toBe(0);
      expect(s.storage.sql.exec("SELECT COUNT(*) AS n FROM meta WHERE key = 'tenancy.settings'").one().n).toBe(0);
    });
    await t.stub.revoke({ notBefore: 4_102_444_800 });
    expect((await t.call('GET', '/api/v1/namespaces', undefined, { jti: 'x', iat: nowSeconds() })).status).toBe(401);
    expect((await t.stub.stats()).objects).toBe(0); // a refused request builds no cluster
  });

  it('reports its object count and last activity', async () => {
    const t = tenant();
    expect(await t.stub.stats()).toEqual({ objects: 0, lastActivityAt: null, alarms: 0, alarmAt: null, pods: { running: 0, pending: 0, failing: 0, succeeded: 0 }, throttling: { queued: 0, refused: 0 } });
    await t.call('GET', '/version'); // discovery and /version build no cluster
    expect((await t.stub.stats()).objects).toBe(0);
    const before = Date.now();
    await t.call('GET', '/api/v1/namespaces');
    // Read together (a background alarm may add objects between two calls).
    const [s, counted, alarm] = await runInDurableObject(t.stub, async (o, st) => [await o.stats(), st.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM objects').one().n, await st.storage.getAlarm()] as const);
    expect(s.objects).toBe(counted);
    expect(s.alarmAt).toBe(alarm); // the armed alarm, as the soak benchmark counts them
    expect(s.lastActivityAt).toBeGreaterThanOrEqual(before - 1000);
  });
});
