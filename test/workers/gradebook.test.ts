// The instructor's side of exercises through the admin API: assignment pushed into each
// student's Durable Object, the gradebook from D1 as the tenants' outboxes deliver it, and
// grades that survive a reset only when the instructor asks.
import { describe, it, expect } from 'vitest';
import { SELF, env, runInDurableObject } from 'cloudflare:test';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import { adminCall, clusterPost, fromKubeconfig } from './admin-client';

const uniq = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;
const text = (s: string) => ({ en: s, fr: s });
const doc = (name: string, cm: string, points = 1) => ({
  apiVersion: 'kubeplay.dev/v1', kind: 'Exercise', metadata: { name },
  spec: { title: text(`Make ${cm}`), statement: text('s'), chapter: 'configmaps', checks: [{ id: 'made', points, description: text(`a ConfigMap ${cm}`), exists: { resource: 'configmaps', name: cm } }] },
});

/** Run a tenant's alarm until nothing is due, taking the scheduled alarm away each round. */
async function settle(tenant: string): Promise<void> {
  const s = env.CLUSTER.get(env.CLUSTER.idFromName(tenant)) as DurableObjectStub<ClusterObject>;
  for (let i = 0; i < 200; i++) {
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
    if (!ran) return;
  }
}

async function room(students: string[]) {
  const name = uniq('graded');
  const r = await adminCall('POST', '/classrooms', { name, students, settings: { profile: 'fast', nodes: { count: 1 } } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const creds = Object.fromEntries(r.body.students.map((s: any) => [s.student, { ...fromKubeconfig(s.kubeconfig), tenant: s.tenant }]));
  return { name, creds };
}

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('admin API: exercises and the gradebook', () => {
  it('refuses an invalid document with every problem named, and nothing is assigned', async () => {
    const { name } = await room(['alice']);
    const bad = { ...doc('bad', 'x'), spec: { ...doc('bad', 'x').spec, chapter: 'Not A Label' } };
    const r = await adminCall('POST', `/classrooms/${name}/exercises`, { documents: [doc('ok', 'a'), bad] });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('documents[1]: invalid exercise "bad": spec.chapter: must be a DNS label (lower case alphanumeric characters or "-")');
    expect((await adminCall('GET', `/classrooms/${name}/exercises`)).body.items).toEqual([]);
  });

  it('assigns to the classroom or to one student, and the gradebook shows who did what', async () => {
    const { name, creds } = await room(['alice', 'bob', 'carol']);
    let r = await adminCall('POST', `/classrooms/${name}/exercises`, { documents: [doc('make-a', 'a', 2)] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.students.map((s: any) => s.student)).toEqual(['alice', 'bob', 'carol']);
    r = await adminCall('POST', `/classrooms/${name}/exercises`, { documents: [doc('make-b', 'b', 3)], students: ['bob'] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    let list = (await adminCall('GET', `/classrooms/${name}/exercises`)).body.items;
    expect(list.map((e: any) => [e.exercise, e.student, e.points])).toEqual([['make-a', '*', 2], ['make-b', 'bob', 3]]);
    // Assigned again with other points: the new document replaces the old one.
    expect((await adminCall('POST', `/classrooms/${name}/exercises`, { documents: [doc('make-b', 'b', 4)], students: ['bob'] })).status).toBe(201);
    expect((await adminCall('POST', `/classrooms/${name}/exercises`, { documents: [doc('make-b', 'b', 3)], students: ['bob'] })).status).toBe(201);
    list = (await adminCall('GET', `/classrooms/${name}/exercises`)).body.items;
    expect(list.map((e: any) => [e.exercise, e.student, e.points])).toEqual([['make-a', '*', 2], ['make-b', 'bob', 3]]);
    // alice solves make-a; bob solves make-b only; carol does nothing.
    expect((await clusterPost(creds.alice.server, '/api/v1/namespaces/default/configmaps', creds.alice.token, configMap('a'))).status).toBe(201);
    expect((await clusterPost(creds.bob.server, '/api/v1/namespaces/default/configmaps', creds.bob.token, configMap('b'))).status).toBe(201);
    for (const s of ['alice', 'bob', 'carol']) await settle(creds[s].tenant);
    const g = (await adminCall('GET', `/classrooms/${name}/grades`)).body;
    expect(g.exercises.map((e: any) => [e.name, e.maxScore, e.assignedTo])).toEqual([['make-a', 2, '*'], ['make-b', 3, ['bob']]]);
    const row = (s: string) => g.students.find((x: any) => x.student === s);
    expect(row('alice')).toMatchObject({ score: 2, maxScore: 2, completed: 1 });
    expect(row('alice').exercises.map((e: any) => [e.exercise, e.state, e.bestScore, e.attempts])).toEqual([['make-a', 'Passed', 2, 1]]);
    expect(row('alice').exercises[0].checks[0].firstPassedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(row('bob')).toMatchObject({ score: 3, maxScore: 5, completed: 1 });
    expect(row('bob').exercises.map((e: any) => [e.exercise, e.state, e.bestScore])).toEqual([['make-a', 'NotStarted', 0], ['make-b', 'Passed', 3]]);
    expect(row('carol')).toMatchObject({ score: 0, maxScore: 2, completed: 0 });
    // Withdrawn from bob: gone from his cluster and from his row of the gradebook.
    const w = await adminCall('DELETE', `/classrooms/${name}/exercises/make-b?student=bob`);
    expect(w.body).toMatchObject({ withdrawn: 'make-b', students: 1 });
    expect((await (await fetchExercises(creds.bob.server, creds.bob.token)).json<any>()).items.map((e: any) => e.metadata.name)).toEqual(['make-a']);
    const after = (await adminCall('GET', `/classrooms/${name}/grades`)).body;
    expect(after.exercises.map((e: any) => e.name)).toEqual(['make-a']);
    expect(after.students.find((x: any) => x.student === 'bob')).toMatchObject({ score: 0, maxScore: 2 });
  });

  it('keeps grades over a reset only with keepGrades, and students added later get the classroom\'s exercises', async () => {
    const { name, creds } = await room(['alice', 'bob']);
    await adminCall('POST', `/classrooms/${name}/exercises`, { documents: [doc('make-a', 'a')] });
    for (const s of ['alice', 'bob']) await clusterPost(creds[s].server, '/api/v1/namespaces/default/configmaps', creds[s].token, configMap('a'));
    for (const s of ['alice', 'bob']) await settle(creds[s].tenant);
    expect((await adminCall('POST', `/classrooms/${name}/students/alice/reset`, { keepGrades: true })).body.keptGrades).toBe(true);
    expect((await adminCall('POST', `/classrooms/${name}/students/bob/reset`, {})).status).toBe(200);
    for (const s of ['alice', 'bob']) await settle(creds[s].tenant);
    let g = (await adminCall('GET', `/classrooms/${name}/grades`)).body;
    const best = (s: string) => g.students.find((x: any) => x.student === s).exercises[0];
    expect(best('alice')).toMatchObject({ state: 'NotStarted', score: 0, bestScore: 1 });
    expect(best('alice').completedAt).not.toBeNull();
    expect(best('bob')).toMatchObject({ state: 'NotStarted', score: 0, bestScore: 0, completedAt: null });
    const added = await adminCall('POST', `/classrooms/${name}/students`, { students: ['dave'] });
    expect(added.status).toBe(201);
    g = (await adminCall('GET', `/classrooms/${name}/grades`)).body;
    expect(g.students.find((x: any) => x.student === 'dave').exercises.map((e: any) => e.exercise)).toEqual(['make-a']);
    const dave = fromKubeconfig(added.body.students[0].kubeconfig);
    const res = await (await fetchExercises(dave.server, dave.token)).json<any>();
    expect(res.items.map((e: any) => e.metadata.name)).toEqual(['make-a']);
  });
});

function fetchExercises(server: string, token: string) {
  return SELF.fetch(`${server}/apis/kubeplay.dev/v1/exercises`, { headers: { Authorization: `Bearer ${token}` } });
}
