// The rate limit at its defaults, as a class uses a cluster: `kubectl apply -f` of a directory
// of 50 objects, a `helm install` of a 20-object chart and 10 clients racing read-modify-write
// updates of one ConfigMap, all at once, get no 429 (the classroom view counts what waited and
// what was refused); a runaway flood is still held to the limit (src/cluster/fairness.ts).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { inject } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectlBinary } from './kubectl';
import { kubeconfigToken, raceWriters, rawClient } from './raw-api';

const chart = fileURLToPath(new URL('../fixtures/charts/class', import.meta.url));
const client = rawClient(inject('caPem'), 128);
const admin = (path: string, method = 'GET', body?: unknown) => client.call(`${inject('serverUrl')}/admin/v1${path}`, { method, token: inject('adminToken'), body });
let dir = '';

/** A classroom of one student with these settings: the student's kubeconfig file, token and server. */
async function student(classroom: string, settings: Record<string, unknown>) {
  const r = await admin('/classrooms', 'POST', { name: classroom, students: ['s'], settings });
  expect(r.status, r.body).toBe(201);
  const made = JSON.parse(r.body).students[0] as { kubeconfig: string; server: string };
  const file = join(dir, `${classroom}.kubeconfig`);
  writeFileSync(file, made.kubeconfig);
  return { file, server: made.server, token: kubeconfigToken(made.kubeconfig) };
}

/** The student's throttling counts from the classroom view (live stats of the cluster's object). */
async function throttling(classroom: string): Promise<{ queued: number; refused: number }> {
  const r = await admin(`/classrooms/${classroom}`);
  return JSON.parse(r.body).students[0].throttling;
}

/** Run a command to its end (not blocking the event loop, so the others run meanwhile). */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: { ...process.env, KUBECTL_KUBERC: 'false', ...env } });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeplay-throttling-'));
});
afterAll(async () => {
  await admin('/classrooms/throttle-class', 'DELETE');
  await admin('/classrooms/throttle-runaway', 'DELETE');
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('throttling at the default limits', () => {
  it('lets a class-sized burst through without a 429: apply -f of 50 objects, helm install of 20, 10 racing writers', async () => {
    const s = await student('throttle-class', { profile: 'fast' });
    const objects = join(dir, 'objects');
    mkdirSync(objects);
    for (let i = 0; i < 50; i++) writeFileSync(join(objects, `cm-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-${i}\n  namespace: default\ndata:\n  i: "${i}"\n`);
    const cm = `${s.server}/api/v1/namespaces/default/configmaps`;
    expect((await client.call(cm, { method: 'POST', token: s.token, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raced' }, data: { n: '0' } } })).status).toBe(201);

    // -v=6 prints every response's status: a 429 kubectl retried silently would show there.
    const [apply, helm, race] = await Promise.all([
      run(kubectlBinary(), ['--kubeconfig', s.file, 'apply', '-f', objects, '-v=6']),
      run(inject('helm'), ['--kubeconfig', s.file, '-n', 'default', 'install', 'klass', chart, '--wait', '--timeout', '120s']),
      raceWriters(client.call, `${cm}/raced`, s.token, 10, 5),
    ]);
    expect(apply.code, apply.out.slice(-2000)).toBe(0);
    expect(apply.out.match(/^configmap\/applied-\d+ created$/gm)?.length).toBe(50);
    expect(apply.out).not.toMatch(/\b429\b|Too Many Requests/);
    expect(helm.code, helm.out).toBe(0);
    expect(helm.out).toMatch(/STATUS: deployed/);
    expect(Object.keys(race.codes).filter((k) => !/ (200|409)$/.test(k))).toEqual([]);
    expect(race.acknowledged).toHaveLength(50);
    const final = JSON.parse((await client.call(`${cm}/raced`, { token: s.token })).body);
    expect(final.data.n).toBe('50');
    for (let w = 0; w < 10; w++) expect(final.data[`w${w}`]).toBe('4');
    // Every acknowledged write has its own resourceVersion: none was lost or applied twice.
    expect(new Set(race.acknowledged.map((a) => a.rv)).size).toBe(50);
    expect((await throttling('throttle-class')).refused).toBe(0);
  });

  it('still holds a runaway client to the limit: what would wait too long is refused with 429 and Retry-After', async () => {
    // 2 requests a second: a burst of 4, then waits of up to 5 s; 16 requests at a time overflow it.
    const s = await student('throttle-runaway', { profile: 'fast', limits: { requestsPerSecond: 2 } });
    const runaway = rawClient(inject('caPem'), 16);
    const t0 = Date.now();
    const answers = await Promise.all(Array.from({ length: 60 }, () => runaway.call(`${s.server}/api/v1/namespaces/default/configmaps`, { token: s.token })));
    const seconds = (Date.now() - t0) / 1000;
    runaway.close();
    const served = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    expect(served + refused.length).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(4 + Math.ceil(seconds * 2) + 1);
    expect(refused[0].headers['retry-after']).toBe('1');
    expect(JSON.parse(refused[0].body)).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429, message: 'Too many requests, please try again later.' });
    expect((await throttling('throttle-runaway')).refused).toBe(refused.length);
  });
});
