// Exercises inside a tenant's Durable Object: assigned through RPC, read-only through the API,
// re-evaluated by their controller when what their checks read changes — and only then.
import { describe, it, expect } from 'vitest';
import { env, runInDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import type { UserInfo } from '../../src/apiserver/registry/context';

const admin: UserInfo = { username: 'student:test', groups: ['system:masters', 'system:authenticated'] };
const BASE = 'https://kubeplay.test/clusters/ex';
type Stub = DurableObjectStub<ClusterObject>;

function stub(): Stub {
  return env.CLUSTER.get(env.CLUSTER.idFromName(`ex-${crypto.randomUUID()}`)) as Stub;
}

async function call(s: Stub, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const init: RequestInit = { method, headers: { 'Content-Type': contentType } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return s.serve(new Request(`${BASE}${path}`, init), path.split('?')[0], BASE, admin);
}

/**
 * Run the alarm until nothing is due (bounded). Each round takes the scheduled alarm away and
 * runs the handler itself, in one go, so that the runtime never fires it at the same time.
 */
async function settle(s: Stub): Promise<number> {
  let rounds = 0;
  for (; rounds < 200; rounds++) {
    const ran = await runInDurableObject(s, async (o, state) => {
      // What is due within a second (the exercise controller's short delay) is due now: the
      // test stands in for that second instead of sleeping through it. Longer timers keep their
      // time. Work is left while a timer is due or the alarm is set (the outbox's flush).
      const now = Date.now();
      state.storage.sql.exec('UPDATE timers SET due = ? WHERE due <= ?', now, now + 1000);
      const due = state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM timers WHERE due <= ?', now).one().n;
      if (!due && (await state.storage.getAlarm()) === null) return false;
      await state.storage.deleteAlarm();
      await o.alarm!();
      return true;
    });
    if (!ran) break;
  }
  return rounds;
}

const text = (s: string) => ({ en: s, fr: `${s} (fr)` });
const doc = (name: string, checks: unknown[]) => ({ apiVersion: 'kubeplay.dev/v1', kind: 'Exercise', metadata: { name }, spec: { title: text('A config map'), statement: text('Create it'), chapter: 'configmaps', namespace: 'default', checks } });
const cmCheck = { id: 'cm', points: 2, description: text('the ConfigMap app-config holds city=Paris'), hint: text('kubectl create configmap app-config --from-literal=city=Paris'), exists: { resource: 'configmaps', name: 'app-config', where: [{ path: '.data.city', equals: 'Paris' }] } };
const exercise = async (s: Stub, name: string) => (await call(s, 'GET', `/apis/kubeplay.dev/v1/exercises/${name}`)).json<any>();
const timers = (s: Stub) => runInDurableObject(s, (_o, state) => state.storage.sql.exec<{ key: string }>('SELECT key FROM timers').toArray().map((r) => r.key));

describe('exercises in the student\'s cluster', () => {
  it('are assigned through RPC and served read-only, even to system:masters', async () => {
    const s = stub();
    await s.configure({ profile: 'fast' });
    expect(await s.assignExercises([doc('configmap-basics', [cmCheck])])).toEqual(['configmap-basics']);
    const list = await (await call(s, 'GET', '/apis/kubeplay.dev/v1/exercises')).json<any>();
    expect(list.items.map((e: any) => e.metadata.name)).toEqual(['configmap-basics']);
    expect(list.items[0].metadata.labels['kubeplay.dev/chapter']).toBe('configmaps');
    for (const [method, path] of [['POST', '/apis/kubeplay.dev/v1/exercises'], ['PUT', '/apis/kubeplay.dev/v1/exercises/configmap-basics'], ['DELETE', '/apis/kubeplay.dev/v1/exercises/configmap-basics']]) {
      const r = await call(s, method, path, method === 'DELETE' ? undefined : { ...list.items[0], status: { state: 'Passed' } });
      expect(r.status, `${method} ${path}`).toBe(405);
    }
    const p = await call(s, 'PATCH', '/apis/kubeplay.dev/v1/exercises/configmap-basics', { status: { state: 'Passed' } }, 'application/merge-patch+json');
    expect(p.status).toBe(405);
    await settle(s);
    expect((await exercise(s, 'configmap-basics')).status.state).toBe('NotStarted');
  });

  it('refuses an invalid document, naming every problem', async () => {
    const s = stub();
    const bad = doc('bad', [{ id: 'x', description: text('d'), exists: { resource: 'nopes' } }]);
    const err = await s.assignExercises([bad]).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/spec\.checks\[0\]\.exists\.resource: unknown resource "nopes"/);
  });

  it('is evaluated again when an object its checks read changes, keeping when each check first passed', async () => {
    const s = stub();
    await s.configure({ profile: 'fast' });
    await s.assignExercises([doc('configmap-basics', [cmCheck])]);
    await settle(s);
    let e = await exercise(s, 'configmap-basics');
    expect(e.status).toMatchObject({ state: 'NotStarted', score: 0, maxScore: 2 });
    expect(e.status.checks[0]).toMatchObject({ passed: false, message: 'no configmap "app-config" in namespace default', hint: 'kubectl create configmap app-config --from-literal=city=Paris' });
    expect((await call(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { city: 'Lyon' } })).status).toBe(201);
    await settle(s);
    e = await exercise(s, 'configmap-basics');
    expect(e.status.checks[0].message).toBe('0 of 1 configmap "app-config" in namespace default matches, expected at least 1: default/app-config .data.city is "Lyon", expected "Paris"');
    await call(s, 'PATCH', '/api/v1/namespaces/default/configmaps/app-config', { data: { city: 'Paris' } }, 'application/merge-patch+json');
    await settle(s);
    e = await exercise(s, 'configmap-basics');
    expect(e.status).toMatchObject({ state: 'Passed', score: 2, bestScore: 2 });
    const first = e.status.checks[0].firstPassedAt;
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await call(s, 'DELETE', '/api/v1/namespaces/default/configmaps/app-config');
    await settle(s);
    e = await exercise(s, 'configmap-basics');
    expect(e.status).toMatchObject({ state: 'NotStarted', score: 0, bestScore: 2, completedAt: first });
    expect(e.status.checks[0].firstPassedAt).toBe(first);
  });

  it('leaves an idle cluster without alarm, and ignores changes its checks do not read', async () => {
    const s = stub();
    await s.configure({ profile: 'fast' });
    await s.assignExercises([doc('configmap-basics', [cmCheck])]);
    expect(await settle(s)).toBeLessThan(200);
    const rv = (await exercise(s, 'configmap-basics')).metadata.resourceVersion;
    await settle(s);
    expect(await runInDurableObject(s, (_o, state) => state.storage.getAlarm())).toBeNull();
    // A Secret is no concern of this exercise: its key is never marked.
    await call(s, 'POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } });
    expect((await timers(s)).filter((k) => k.startsWith('exercise|'))).toEqual([]);
    // A ConfigMap is: its key is marked, and evaluating it again changes nothing (no write).
    await call(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' }, data: { a: 'b' } });
    expect(await timers(s)).toContain('exercise|configmap-basics');
    await settle(s);
    expect((await exercise(s, 'configmap-basics')).metadata.resourceVersion).toBe(rv);
    // That read's audit record goes to D1: the outbox flush is the last alarm.
    await settle(s);
    expect(await runInDurableObject(s, (_o, state) => state.storage.getAlarm())).toBeNull();
    const alarms = (await s.stats()).alarms;
    expect(await runDurableObjectAlarm(s)).toBe(false);
    expect((await s.stats()).alarms).toBe(alarms);
  });

  it('sets one timer, for when its time is up, for a check that must hold for a while', async () => {
    const s = stub();
    await s.configure({ profile: 'fast' });
    await s.assignExercises([doc('hold', [{ ...cmCheck, exists: { resource: 'configmaps', name: 'app-config' }, for: '1h' }])]);
    await call(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' } });
    await settle(s);
    const e = await exercise(s, 'hold');
    expect(e.status.checks[0]).toMatchObject({ passed: false, message: '1 configmap "app-config" in namespace default as required; it must hold for 1h without a break' });
    const due = await runInDurableObject(s, (_o, state) => state.storage.sql.exec<{ due: number }>("SELECT due FROM timers WHERE key = 'exercise|hold'").toArray()[0]?.due);
    const expected = Date.parse(e.status.checks[0].holdingSince) + 3_600_000;
    expect(due).toBeGreaterThanOrEqual(expected);
    expect(due).toBeLessThan(expected + 1000);
    expect((await timers(s)).filter((k) => k.startsWith('exercise|'))).toEqual(['exercise|hold']);
  });

  it('sees the commands the student used, and counts attempts until the exercise passes', async () => {
    const s = stub();
    await s.configure({ profile: 'fast' });
    await s.assignExercises([doc('cmd', [{ id: 'scaled', description: text('scale a deployment'), command: { verb: 'patch', resource: 'deployments.apps', subresource: 'scale' } }, cmCheck])]);
    await settle(s);
    await call(s, 'POST', '/apis/apps/v1/namespaces/default/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } });
    expect((await call(s, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 2 } }, 'application/merge-patch+json')).status).toBe(200);
    await call(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { city: 'Paris' } });
    await settle(s);
    const e = await exercise(s, 'cmd');
    expect(e.status.checks[0]).toMatchObject({ passed: true, message: 'you made 1 "patch deployments/scale" request' });
    expect(e.status.state).toBe('Passed');
    const attempts = () => runInDurableObject(s, (_o, state) => state.storage.sql.exec<{ attempts: number }>("SELECT attempts FROM exercise_attempts WHERE name = 'cmd'").toArray()[0]?.attempts);
    expect(await attempts()).toBe(2);
    await call(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } });
    expect(await attempts()).toBe(2);
  });

  it('comes back after a reset, its progress kept only when asked', async () => {
    const s = stub();
    await s.configure({ profile: 'fast' });
    await s.assignExercises([doc('configmap-basics', [cmCheck])]);
    await call(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { city: 'Paris' } });
    await settle(s);
    const passed = (await exercise(s, 'configmap-basics')).status;
    expect(passed.state).toBe('Passed');
    await s.reset(undefined, { keepGrades: true });
    await settle(s);
    let e = await exercise(s, 'configmap-basics');
    expect(e.status).toMatchObject({ state: 'NotStarted', score: 0, bestScore: 2, completedAt: passed.completedAt });
    expect(e.status.checks[0].firstPassedAt).toBe(passed.checks[0].firstPassedAt);
    await s.reset();
    await settle(s);
    e = await exercise(s, 'configmap-basics');
    expect(e.status).toMatchObject({ state: 'NotStarted', bestScore: 0 });
    expect(e.status.completedAt).toBeUndefined();
    expect(e.status.checks[0].firstPassedAt).toBeUndefined();
  });
});
