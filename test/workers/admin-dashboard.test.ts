// What the instructor's dashboard asks of the admin API: the roster's pod counts, the audit
// timeline (newest first, in pages, with the kubectl command), and read-only tokens (view).
import { describe, it, expect } from 'vitest';
import { SELF } from 'cloudflare:test';
import { adminCall, claimsOf, clusterGet, clusterPost, fromKubeconfig } from './admin-client';

const uniq = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;

async function createRoom(students: string[]) {
  const name = uniq('room');
  const r = await adminCall('POST', '/classrooms', { name, students, settings: { profile: 'fast', nodes: { count: 1 } } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { name, creds: (s: string) => fromKubeconfig(r.body.students.find((x: any) => x.student === s).kubeconfig), ...r.body };
}

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

/** A request to a cluster as kubectl sends it: with its Kubectl-Command and Kubectl-Session headers. */
function kubectl(server: string, token: string, method: string, path: string, command: string, session: string, body?: unknown, type = 'application/json') {
  return SELF.fetch(`${server}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Kubectl-Command': command, 'Kubectl-Session': session, 'User-Agent': 'kubectl/v1.33.1', ...(body ? { 'Content-Type': type } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** Set a pod's status through the status subresource (as the kubelet would). */
async function setStatus(server: string, token: string, name: string, status: unknown) {
  const res = await SELF.fetch(`${server}/api/v1/namespaces/default/pods/${name}/status`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ status }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('admin API for the dashboard: roster', () => {
  it('counts each cluster\'s pods running, pending, failing and succeeded', async () => {
    const room = await createRoom(['ann', 'ben']);
    const ann = room.creds('ann');
    for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) expect((await clusterPost(ann.server, '/api/v1/namespaces/default/pods', ann.token, pod(n))).status).toBe(201);
    await setStatus(ann.server, ann.token, 'p1', { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] });
    await setStatus(ann.server, ann.token, 'p2', { phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 3, image: 'nginx', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } }] });
    await setStatus(ann.server, ann.token, 'p3', { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }] });
    await setStatus(ann.server, ann.token, 'p4', { phase: 'Succeeded' });
    // p5: as created, no status yet (Pending).
    const show = await adminCall('GET', `/classrooms/${room.name}`);
    const byName = Object.fromEntries(show.body.students.map((s: any) => [s.student, s]));
    expect(byName.ann.pods).toEqual({ running: 1, pending: 2, failing: 1, succeeded: 1 });
    expect(byName.ben.pods).toEqual({ running: 0, pending: 0, failing: 0, succeeded: 0 });
    expect(byName.ann.objectCount).toBeGreaterThan(byName.ben.objectCount);
    expect(byName.ann.lastActivityAt).not.toBeNull();
    expect(typeof byName.ann.alarms).toBe('number');
    // Without live stats the D1 row answers, with no pod counts.
    const cold = await adminCall('GET', `/classrooms/${room.name}?stats=false`);
    expect(cold.body.students[0].pods).toBeUndefined();
  });
});

describe('admin API for the dashboard: audit timeline', () => {
  it('records the kubectl command and session, and pages newest first with continue', async () => {
    const room = await createRoom(['cal']);
    const cal = room.creds('cal');
    const s1 = crypto.randomUUID();
    const s2 = crypto.randomUUID();
    expect((await kubectl(cal.server, cal.token, 'POST', '/api/v1/namespaces', 'kubectl create', s1, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } })).status).toBe(201);
    expect((await kubectl(cal.server, cal.token, 'GET', '/api/v1/namespaces/lab/pods', 'kubectl get', s2)).status).toBe(200);
    expect((await kubectl(cal.server, cal.token, 'GET', '/api/v1/namespaces/lab/pods/nope', 'kubectl get', s2)).status).toBe(404);
    const all = await adminCall('GET', `/classrooms/${room.name}/audit?student=cal&order=desc`);
    expect(all.status).toBe(200);
    const mine = all.body.items.filter((e: any) => e.annotations['kubeplay.dev/kubectl-command']);
    expect(mine.map((e: any) => [e.annotations['kubeplay.dev/kubectl-command'], e.verb, e.objectRef?.resource, e.objectRef?.name ?? '', e.responseStatus.code])).toEqual([
      ['kubectl get', 'get', 'pods', 'nope', 404],
      ['kubectl get', 'list', 'pods', '', 200],
      ['kubectl create', 'create', 'namespaces', 'lab', 201],
    ]);
    expect(mine[0].annotations['kubeplay.dev/kubectl-session']).toBe(s2);
    expect(mine[2].annotations['kubeplay.dev/kubectl-session']).toBe(s1);
    expect(all.body.metadata).toEqual({});

    // Pages of one, newest first: each page continues where the last ended; together they are the whole.
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await adminCall('GET', `/classrooms/${room.name}/audit?student=cal&order=desc&limit=1${token ? `&continue=${token}` : ''}`);
      expect(r.body.items).toHaveLength(1);
      seen.push(r.body.items[0].auditID);
      token = r.body.metadata.continue;
      pages++;
    } while (token && pages < 50);
    expect(seen).toEqual(all.body.items.map((e: any) => e.auditID));
    // Oldest first stays the default.
    const asc = await adminCall('GET', `/classrooms/${room.name}/audit?student=cal`);
    expect(asc.body.items.map((e: any) => e.auditID)).toEqual([...seen].reverse());
    const bad = await adminCall('GET', `/classrooms/${room.name}/audit?continue=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/continue/);
  });
});

describe('admin API for the dashboard: read-only tokens', () => {
  it('mints a token that reads as the ClusterRole view (plus nodes), and writes nothing', async () => {
    const room = await createRoom(['dee']);
    const dee = room.creds('dee');
    expect((await clusterPost(dee.server, '/api/v1/namespaces/default/pods', dee.token, pod('web'))).status).toBe(201);
    const r = await adminCall('POST', `/classrooms/${room.name}/students/dee/view-token`);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ student: 'dee', server: dee.server, user: 'instructor:instructor', groups: ['kubeplay:instructors'] });
    const claims = claimsOf(r.body.token);
    expect(claims.aud).toBe(dee.server.split('/').pop());
    expect(claims.groups).toEqual(['kubeplay:instructors']);
    expect(claims.exp - claims.iat).toBe(3600);
    const view = r.body.token;
    const pods = await clusterGet(dee.server, '/api/v1/namespaces/default/pods', view);
    expect(pods.status).toBe(200);
    expect((await pods.json<any>()).items.map((p: any) => p.metadata.name)).toEqual(['web']);
    expect((await clusterGet(dee.server, '/api/v1/nodes', view)).status).toBe(200);
    const secrets = await clusterGet(dee.server, '/api/v1/namespaces/default/secrets', view);
    expect(secrets.status).toBe(403);
    expect((await secrets.json<any>()).message).toBe('secrets is forbidden: User "instructor:instructor" cannot list resource "secrets" in API group "" in the namespace "default"');
    const write = await clusterPost(dee.server, '/api/v1/namespaces/default/pods', view, pod('nope'));
    expect(write.status).toBe(403);
    // Another student's cluster refuses it; a revoke-all of this student's tokens refuses it too.
    const other = await createRoom(['eve']);
    expect((await clusterGet(other.creds('eve').server, '/api/v1/namespaces', view)).status).toBe(401);
    expect((await adminCall('POST', `/classrooms/${room.name}/students/dee/view-token`, { ttlSeconds: 10 })).status).toBe(400);
    // Their reads are the instructor's in the student's audit trail; `user=` leaves them out.
    const everyone = await adminCall('GET', `/classrooms/${room.name}/audit?student=dee`);
    expect(everyone.body.items.filter((e: any) => e.user.username === 'instructor:instructor').length).toBeGreaterThan(0);
    const student = await adminCall('GET', `/classrooms/${room.name}/audit?student=dee&user=${encodeURIComponent('student:dee')}`);
    expect(student.body.items.length).toBeGreaterThan(0);
    expect(new Set(student.body.items.map((e: any) => e.user.username))).toEqual(new Set(['student:dee']));
    await adminCall('POST', `/classrooms/${room.name}/students/dee/revoke`);
    expect((await clusterGet(dee.server, '/api/v1/namespaces/default/pods', view)).status).toBe(401);
  });
});
