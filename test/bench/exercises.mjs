// Evaluation cost of exercises: the same writes to a cluster with 10 catalogue exercises
// assigned and to one with none, in one run of `wrangler dev`, as workerd CPU time per write
// (the request, and every controller's work it causes until the cluster is idle again: the
// exercise controller's evaluations included) and as request latency. Target: ≤ 1.1×.
//
//   node test/bench/exercises.mjs [--quick]
import { Agent, request } from 'node:https';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { signAdminToken } from '../../scripts/lib/tokens.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 4;
const CM_WRITES = quick ? 100 : 200;
const PODS = quick ? 30 : 60;
const root = new URL('../..', import.meta.url).pathname;
const ASSIGNED = ['labels-selectors', 'wordpress-pod', 'replicaset-self-healing', 'deployment-rollout-undo', 'services-four-types', 'configmap-env-files', 'secret-env-files', 'emptydir-hostpath', 'requests-limits-qos', 'namespace-quota'];

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-ex-'));
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' });
const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: server.secrets.caPem });
const adminToken = await signAdminToken(server.secrets.signingJwk);

/** One request; resolves with { status, body, ms }. */
function call(method, url, body, token = adminToken, type = 'application/json') {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': type } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}
const ok = async (p) => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${r.status} ${r.body.slice(0, 300)}`);
  return r;
};

const admin = (path) => `${server.url}/admin/v1${path}`;
const room = JSON.parse((await ok(call('POST', admin('/classrooms'), { name: 'bench-ex', students: ['none', 'ten'], settings: { profile: 'fast', nodes: { count: 6 }, limits: { objects: 50_000, requestsPerSecond: 100_000 } } }))).body);
const clusters = Object.fromEntries(room.students.map((s) => [s.student, { base: s.server, token: /token: (\S+)/.exec(s.kubeconfig)[1] }]));
const catalogue = readdirSync(join(root, 'src/exercises/catalogue')).map((f) => readFileSync(join(root, 'src/exercises/catalogue', f), 'utf8'));
const documents = catalogue.filter((t) => ASSIGNED.some((n) => t.includes(`\n  name: ${n}\n`)));
if (documents.length !== 10) throw new Error(`expected 10 exercises, found ${documents.length}`);
await ok(call('POST', admin('/classrooms/bench-ex/exercises'), { documents, students: ['ten'] }));

/** The pids of this dev server's workerd processes, and the CPU ms they used so far. */
const descendants = (pid) => {
  const kids = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  return kids.flatMap((k) => [k, ...descendants(k)]);
};
const workerdPids = descendants(server.child.pid).filter((pid) => spawnSync('cat', [`/proc/${pid}/comm`], { encoding: 'utf8' }).stdout.trim() === 'workerd');
const workerdCpu = () => {
  let ticks = 0;
  for (const pid of workerdPids) {
    const r = spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' });
    const f = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
    ticks += Number(f[11] ?? 0) + Number(f[12] ?? 0);
  }
  return (ticks * 1000) / 100;
};

/** Wait until the student's cluster fires no more alarms (its controllers and outbox are done). */
async function settle(student) {
  let last = -1;
  for (let stable = 0; stable < 3; ) {
    await new Promise((r) => setTimeout(r, 1000));
    const a = JSON.parse((await ok(call('GET', admin(`/classrooms/bench-ex/students/${student}`)))).body).alarms;
    stable = a === last ? stable + 1 : 0;
    last = a;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One phase: `writes` requests to a student's cluster; CPU per write until idle, and latency p50. */
async function phase(student, name, writes) {
  const c = clusters[student];
  await settle(student);
  const cpu0 = workerdCpu();
  const times = [];
  for (const w of writes) times.push((await ok(call(w.method, `${c.base}${w.path}`, w.body, c.token, w.type))).ms);
  await settle(student);
  // The settle polls themselves cost a little, the same in both clusters.
  return { student, name, cpuPerWrite: (workerdCpu() - cpu0) / writes.length, p50: median(times) };
}

const ns = (name) => ({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
function configMapWrites(round) {
  const n = `cm-${round}`;
  const out = [ns(n)];
  for (let i = 0; i < CM_WRITES / 2; i++) out.push({ method: 'POST', path: `/api/v1/namespaces/${n}/configmaps`, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${round}-${i}` }, data: { i: String(i) } } });
  for (let i = 0; i < CM_WRITES / 2; i++) out.push({ method: 'PATCH', path: `/api/v1/namespaces/${n}/configmaps/c${round}-${i}`, body: { data: { j: String(i) } }, type: 'application/merge-patch+json' });
  return out;
}
/** The same writes into the namespace an assigned exercise reads (configmap-env-files'). */
function watchedWrites(round) {
  return configMapWrites(round).slice(1).map((w) => ({ ...w, path: w.path.replace(`/namespaces/cm-${round}/`, '/namespaces/configmap/') }));
}
function podWrites(round) {
  const n = `pods-${round}`;
  const out = [ns(n)];
  for (let i = 0; i < PODS; i++) out.push({ method: 'POST', path: `/api/v1/namespaces/${n}/pods`, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '1m', memory: '4Mi' } } }] } } });
  return out;
}

const results = [];
// Warm both clusters up (their Durable Objects started, caches loaded).
for (const s of ['none', 'ten']) await phase(s, 'warm-up', [...configMapWrites(`warm-${s}`).slice(0, 20), ns('configmap')]);
for (let r = 0; r < ROUNDS; r++) {
  // Alternate the order, so that neither cluster always runs first.
  const order = r % 2 ? ['ten', 'none'] : ['none', 'ten'];
  for (const s of order) results.push(await phase(s, 'configmap create/patch', configMapWrites(`${s}-${r}`)));
  for (const s of order) results.push(await phase(s, '… in an exercise namespace', watchedWrites(`${s}-${r}`)));
  for (const s of order) results.push(await phase(s, 'pod create (to Running)', podWrites(`${s}-${r}`)));
}
const graded = JSON.parse((await ok(call('GET', admin('/classrooms/bench-ex/grades')))).body);
await server.stop();
rmSync(dir, { recursive: true, force: true });

console.log(`\nkubeplay exercises benchmark (wrangler dev, fast profile, ${ROUNDS} rounds, medians, ${new Date().toISOString()})\n`);
console.log('writes                      exercises   CPU ms/write   p50 ms   CPU ratio   p50 ratio');
for (const name of ['configmap create/patch', '… in an exercise namespace', 'pod create (to Running)']) {
  const of = (s, k) => median(results.filter((x) => x.name === name && x.student === s).map((x) => x[k]));
  const [c0, c10, l0, l10] = [of('none', 'cpuPerWrite'), of('ten', 'cpuPerWrite'), of('none', 'p50'), of('ten', 'p50')];
  console.log(`${name.padEnd(28)}${'0'.padStart(9)}   ${c0.toFixed(2).padStart(12)} ${l0.toFixed(2).padStart(8)}`);
  console.log(`${''.padEnd(28)}${'10'.padStart(9)}   ${c10.toFixed(2).padStart(12)} ${l10.toFixed(2).padStart(8)} ${(c10 / c0).toFixed(2).padStart(10)}× ${(l10 / l0).toFixed(2).padStart(10)}×`);
}
const ten = graded.students.find((s) => s.student === 'ten');
console.log(`\n10 exercises assigned (${ten.exercises.map((e) => e.exercise).join(', ')}); evaluated, never passed: ${ten.exercises.every((e) => e.state !== 'Passed')}`);
process.exit(0);
