import { describe, it, expect } from 'vitest';
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';
import { adminCall, adminToken, claimsOf, clusterGet, clusterPost, fromKubeconfig, ORIGIN } from './admin-client';
import { token as tenantToken } from './keys';

const DB = () => (env as unknown as { DB: D1Database }).DB;
const uniq = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** Create a classroom and return the answer, asserting it was created. */
async function createRoom(students: unknown[], extra: Record<string, unknown> = {}) {
  const name = uniq('room');
  const r = await adminCall('POST', '/classrooms', { name, students, settings: { profile: 'fast', nodes: { count: 2 } }, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { name, ...r.body };
}

const creds = (room: any, student: string) => fromKubeconfig(room.students.find((s: any) => s.student === student).kubeconfig);

describe('admin API: authentication', () => {
  it('refuses a request without a token, with a tenant token, or with an expired admin token (401 JSON)', async () => {
    const none = await adminCall('GET', '/classrooms', undefined, 'x.y.z');
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Unauthorized/);
    expect((await adminCall('GET', '/classrooms', undefined, await tenantToken({ aud: 'test' }))).status).toBe(401);
    expect((await adminCall('GET', '/classrooms', undefined, await adminToken({ exp: '-1m' }))).status).toBe(401);
    expect((await adminCall('GET', '/classrooms')).status).toBe(200);
  });

  it('refuses an admin token as a tenant token, even for a tenant named like the platform', async () => {
    const res = await clusterGet(`${ORIGIN}/clusters/kubeplay-admin`, '/api', await adminToken());
    expect(res.status).toBe(401);
  });
});

describe('admin API: classrooms', () => {
  it('creates a classroom in one call: a cluster, a recorded token and a kubeconfig per student', async () => {
    const room = await createRoom(['alice', 'bob', { name: 'carol', settings: { nodes: { count: 1 } } }]);
    expect(room.students.map((s: any) => [s.student, s.state])).toEqual([['alice', 'active'], ['bob', 'active'], ['carol', 'active']]);
    const alice = creds(room, 'alice');
    expect(alice.server).toMatch(new RegExp(`^${ORIGIN}/clusters/alice-[a-z2-7]{8}$`));
    expect(atob(alice.ca)).toBe('test-ca');
    const claims = claimsOf(alice.token);
    expect(claims).toMatchObject({ sub: 'student:alice', aud: alice.server.split('/').pop(), iss: 'https://kubeplay.local', groups: ['system:masters'] });
    expect(claims.exp - claims.iat).toBe(30 * 86400);
    const res = await clusterGet(alice.server, '/api/v1/namespaces', alice.token);
    expect(res.status).toBe(200);
    const rows = await DB().prepare('SELECT tenant_id, subject FROM tokens WHERE jti = ?').bind(claims.jti).all();
    expect(rows.results).toEqual([{ tenant_id: claims.aud, subject: 'student:alice' }]);
    const tenant = await DB().prepare('SELECT student, settings, state FROM tenants WHERE id = ?').bind(claims.aud).first<any>();
    expect(tenant.state).toBe('active');
    expect(JSON.parse(tenant.settings)).toEqual({ profile: 'fast', nodes: { count: 2 } });
    const carol = await DB().prepare('SELECT settings FROM tenants WHERE student = ? AND id = ?').bind('carol', room.students[2].tenant).first<any>();
    expect(JSON.parse(carol.settings).nodes).toEqual({ count: 1 });
  });

  it('writes kubeconfigs without certificate-authority-data where the host has a public certificate (PUBLIC_CERTIFICATE=true)', async () => {
    const name = uniq('room');
    const publicEnv = { ...env, PUBLIC_CERTIFICATE: 'true' };
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/admin/v1/classrooms`, { method: 'POST', headers: { Authorization: `Bearer ${await adminToken()}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name, students: ['dora'], settings: { profile: 'fast', nodes: { count: 1 } } }) }),
      publicEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const body: any = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    const text: string = body.students[0].kubeconfig;
    expect(text).not.toContain('certificate-authority');
    const dora = fromKubeconfig(text);
    expect(dora.server).toMatch(new RegExp(`^${ORIGIN}/clusters/dora-[a-z2-7]{8}$`));
    expect((await clusterGet(dora.server, '/api/v1/namespaces', dora.token)).status).toBe(200);
    // A fresh kubeconfig for the same student, issued without the option, carries the CA again.
    const again = await adminCall('POST', `/classrooms/${name}/students/dora/kubeconfig`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(atob(fromKubeconfig(again.body.kubeconfig).ca)).toBe('test-ca');
  });

  it('keeps each kubeconfig to its own cluster: a token of one student is refused by another\'s URL', async () => {
    const room = await createRoom(['dave', 'erin']);
    const dave = creds(room, 'dave');
    const erin = creds(room, 'erin');
    expect((await clusterGet(erin.server, '/api/v1/namespaces', dave.token)).status).toBe(401);
    expect((await clusterGet(dave.server, '/api/v1/namespaces', erin.token)).status).toBe(401);
    expect((await clusterPost(dave.server, '/api/v1/namespaces', dave.token, ns('only-dave'))).status).toBe(201);
    expect((await clusterGet(erin.server, '/api/v1/namespaces/only-dave', erin.token)).status).toBe(404);
  });

  it('refuses a duplicate classroom (409), bad names and duplicate students (400), with a message', async () => {
    const room = await createRoom(['a']);
    const again = await adminCall('POST', '/classrooms', { name: room.name, students: ['b'] });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`classroom "${room.name}" already exists`);
    const bad = await adminCall('POST', '/classrooms', { name: uniq('r'), students: ['Not_A_Name'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/students\.0/);
    const dup = await adminCall('POST', '/classrooms', { name: uniq('r'), students: ['x', 'x'] });
    expect(dup.status).toBe(400);
    expect(dup.body.message).toBe('students named more than once: x');
    const badSettings = await adminCall('POST', '/classrooms', { name: uniq('r'), students: [], settings: { profile: 'slow' } });
    expect(badSettings.status).toBe(400);
    expect((await adminCall('GET', '/classrooms/no-such-room')).body).toEqual({ code: 404, message: 'classroom "no-such-room" not found' });
  });

  it('lists classrooms and shows one with its tenants and their state', async () => {
    const room = await createRoom(['fay', 'gus']);
    const list = await adminCall('GET', '/classrooms');
    expect(list.body.items.find((r: any) => r.name === room.name)).toMatchObject({ name: room.name, students: 2, settings: { profile: 'fast' } });
    const fay = creds(room, 'fay');
    await clusterPost(fay.server, '/api/v1/namespaces', fay.token, ns('work'));
    const show = await adminCall('GET', `/classrooms/${room.name}`);
    expect(show.status).toBe(200);
    const rows = show.body.students;
    expect(rows.map((s: any) => s.student)).toEqual(['fay', 'gus']);
    expect(rows[0]).toMatchObject({ state: 'active', tenant: room.students[0].tenant, server: fay.server });
    expect(rows[0].objectCount).toBeGreaterThan(rows[1].objectCount);
    expect(rows[0].lastActivityAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('deletes a classroom: clusters wiped, their tokens refused, every row removed', async () => {
    const room = await createRoom(['hal', 'ivy']);
    const hal = creds(room, 'hal');
    const del = await adminCall('DELETE', `/classrooms/${room.name}`);
    expect(del.body).toEqual({ deleted: room.name, students: 2 });
    expect((await adminCall('GET', `/classrooms/${room.name}`)).status).toBe(404);
    expect((await clusterGet(hal.server, '/api/v1/namespaces', hal.token)).status).toBe(401);
    const tenantId = hal.server.split('/').pop();
    for (const table of ['tenants WHERE id', 'tokens WHERE tenant_id']) {
      expect((await DB().prepare(`SELECT count(*) AS n FROM ${table} = ?`).bind(tenantId).first<any>()).n).toBe(0);
    }
  });
});

describe('admin API: students', () => {
  it('adds students to a classroom and removes one (its cluster gone, its token refused)', async () => {
    const room = await createRoom(['jo']);
    const add = await adminCall('POST', `/classrooms/${room.name}/students`, { students: ['kim', 'lee'] });
    expect(add.status).toBe(201);
    expect(add.body.students.map((s: any) => s.student)).toEqual(['kim', 'lee']);
    const clash = await adminCall('POST', `/classrooms/${room.name}/students`, { students: ['jo'] });
    expect(clash.status).toBe(409);
    const kim = fromKubeconfig(add.body.students[0].kubeconfig);
    expect((await clusterGet(kim.server, '/api/v1/namespaces', kim.token)).status).toBe(200);
    expect((await adminCall('DELETE', `/classrooms/${room.name}/students/kim`)).status).toBe(200);
    expect((await clusterGet(kim.server, '/api/v1/namespaces', kim.token)).status).toBe(401);
    const show = await adminCall('GET', `/classrooms/${room.name}?stats=false`);
    expect(show.body.students.map((s: any) => s.student)).toEqual(['jo', 'lee']);
    expect((await adminCall('DELETE', `/classrooms/${room.name}/students/kim`)).status).toBe(404);
  });

  it('issues a fresh kubeconfig for a student, recorded in D1, beside the earlier one', async () => {
    const room = await createRoom(['max']);
    const first = creds(room, 'max');
    const r = await adminCall('POST', `/classrooms/${room.name}/students/max/kubeconfig`);
    expect(r.status).toBe(201);
    const second = fromKubeconfig(r.body.kubeconfig);
    expect(claimsOf(second.token).jti).not.toBe(claimsOf(first.token).jti);
    expect(r.body.jti).toBe(claimsOf(second.token).jti);
    expect((await clusterGet(second.server, '/api/v1/namespaces', second.token)).status).toBe(200);
    expect((await clusterGet(first.server, '/api/v1/namespaces', first.token)).status).toBe(200);
    const n = await DB().prepare('SELECT count(*) AS n FROM tokens WHERE tenant_id = ?').bind(room.students[0].tenant).first<any>();
    expect(n.n).toBe(2);
  });

  it('resets a student\'s cluster to a fresh one; the kubeconfig keeps working', async () => {
    const room = await createRoom(['ned']);
    const ned = creds(room, 'ned');
    expect((await clusterPost(ned.server, '/api/v1/namespaces', ned.token, ns('scratch'))).status).toBe(201);
    const r = await adminCall('POST', `/classrooms/${room.name}/students/ned/reset`);
    expect(r.status).toBe(200);
    expect((await clusterGet(ned.server, '/api/v1/namespaces/scratch', ned.token)).status).toBe(404);
    expect((await clusterGet(ned.server, '/api/v1/namespaces/default', ned.token)).status).toBe(200);
  });

  it('revokes all of a student\'s tokens: the old kubeconfig is refused, a new one works', async () => {
    const room = await createRoom(['oz']);
    const old = creds(room, 'oz');
    const r = await adminCall('POST', `/classrooms/${room.name}/students/oz/revoke`);
    expect(r.body).toMatchObject({ student: 'oz', revoked: 'all' });
    expect((await clusterGet(old.server, '/api/v1/namespaces', old.token)).status).toBe(401);
    const fresh = await adminCall('POST', `/classrooms/${room.name}/students/oz/kubeconfig`);
    const now = fromKubeconfig(fresh.body.kubeconfig);
    expect(claimsOf(now.token).iat).toBeGreaterThanOrEqual(r.body.notBefore);
    expect((await clusterGet(now.server, '/api/v1/namespaces', now.token)).status).toBe(200);
    const row = await DB().prepare('SELECT tokens_not_before AS nb FROM tenants WHERE id = ?').bind(room.students[0].tenant).first<any>();
    expect(row.nb).toBe(r.body.notBefore);
  });

  it('revokes one token by jti, and keeps refusing it after a reset', async () => {
    const room = await createRoom(['pat']);
    const one = creds(room, 'pat');
    const other = fromKubeconfig((await adminCall('POST', `/classrooms/${room.name}/students/pat/kubeconfig`)).body.kubeconfig);
    const jti = claimsOf(one.token).jti;
    const r = await adminCall('POST', `/classrooms/${room.name}/students/pat/revoke`, { jti });
    expect(r.body).toMatchObject({ revoked: jti });
    expect((await clusterGet(one.server, '/api/v1/namespaces', one.token)).status).toBe(401);
    expect((await clusterGet(other.server, '/api/v1/namespaces', other.token)).status).toBe(200);
    await adminCall('POST', `/classrooms/${room.name}/students/pat/reset`);
    expect((await clusterGet(one.server, '/api/v1/namespaces', one.token)).status).toBe(401);
    expect((await clusterGet(other.server, '/api/v1/namespaces', other.token)).status).toBe(200);
    expect((await adminCall('POST', `/classrooms/${room.name}/students/pat/revoke`, { jti: 'nope' })).status).toBe(404);
  });
});

describe('admin API: audit', () => {
  it('queries audit records by classroom, student and time, oldest first', async () => {
    const room = await createRoom(['quin', 'rae']);
    const other = await createRoom(['quin']);
    const t0 = Date.UTC(2026, 0, 1);
    const row = (tenant: string, id: string, at: number, verb: string) =>
      DB()
        .prepare(
          `INSERT INTO audit_events (tenant_id, audit_id, seq, level, stage, request_received_at, stage_at, username, groups, verb, request_uri, api_version, resource, namespace, name, code, decision)
           VALUES (?, ?, ?, 'Metadata', 'ResponseComplete', ?, ?, 'student:x', '["system:masters"]', ?, '/api/v1/namespaces/default/secrets/s', 'v1', 'secrets', 'default', 's', 200, 'allow')`,
        )
        .bind(tenant, id, at, at, at + 5, verb);
    await DB().batch([
      row(room.students[0].tenant, 'a1', t0 + 1000, 'get'),
      row(room.students[1].tenant, 'b1', t0 + 2000, 'create'),
      row(room.students[0].tenant, 'a2', t0 + 3000, 'delete'),
      row(other.students[0].tenant, 'z1', t0 + 1500, 'list'),
    ]);
    const all = await adminCall('GET', `/classrooms/${room.name}/audit`);
    expect(all.body.items.map((e: any) => [e.student, e.auditID, e.verb])).toEqual([['quin', 'a1', 'get'], ['rae', 'b1', 'create'], ['quin', 'a2', 'delete']]);
    expect(all.body.items[0]).toMatchObject({
      level: 'Metadata',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/secrets/s',
      user: { username: 'student:x', groups: ['system:masters'] },
      objectRef: { resource: 'secrets', namespace: 'default', name: 's', apiVersion: 'v1' },
      responseStatus: { code: 200 },
      requestReceivedTimestamp: '2026-01-01T00:00:01.000000Z',
      annotations: { 'authorization.k8s.io/decision': 'allow' },
    });
    const quin = await adminCall('GET', `/classrooms/${room.name}/audit?student=quin`);
    expect(quin.body.items.map((e: any) => e.auditID)).toEqual(['a1', 'a2']);
    const since = await adminCall('GET', `/classrooms/${room.name}/audit?since=${new Date(t0 + 1500).toISOString()}&until=${t0 + 3000}`);
    expect(since.body.items.map((e: any) => e.auditID)).toEqual(['b1']);
    expect((await adminCall('GET', `/classrooms/${room.name}/audit?since=yesterday`)).status).toBe(400);
    expect((await adminCall('GET', `/classrooms/${room.name}/audit?student=nobody`)).status).toBe(404);
  });
});
