// `npm run bench`: latency and throughput of the cluster API under `wrangler dev` (what
// `npm start` runs), each figure also given as a ratio to a trivial route of the same Worker
// (`/healthz`, answered without the Durable Object) measured in the same run.
//
//   node test/bench/run.mjs [--quick]
import { Agent, request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { signAdminToken } from '../../scripts/lib/tokens.mjs';

const quick = process.argv.includes('--quick');
const N = quick ? 100 : 400;
const root = new URL('../..', import.meta.url).pathname;

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-'));
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' });
const agent = new Agent({ keepAlive: true, maxSockets: 16, ca: server.secrets.caPem });
// The benchmark's cluster, made through the admin API as an instructor would: twelve nodes (room
// for 1,000 pods), the fast profile, and limits high enough not to throttle the measurements.
const adminToken = await signAdminToken(server.secrets.signingJwk);
const made = await new Promise((resolve, reject) => {
  const body = JSON.stringify({
    name: 'bench', students: ['bench'],
    settings: { profile: 'fast', nodes: { count: 12 }, limits: { objects: 50_000, requestsPerSecond: 100_000, watches: 1000 } },
  });
  const req = request(`${server.url}/admin/v1/classrooms`, { method: 'POST', agent, headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(Buffer.concat(chunks).toString())) : reject(new Error(`classroom: ${res.statusCode} ${Buffer.concat(chunks)}`))));
  });
  req.on('error', reject);
  req.end(body);
});
const student = made.students[0];
const token = /token: (\S+)/.exec(student.kubeconfig)[1];
const base = student.server;
/** The cluster's alarm count, from the classroom view (live stats of its Durable Object). */
async function alarmsFired() {
  const r = await call('GET', `${server.url}/admin/v1/classrooms/bench`, undefined, { Authorization: `Bearer ${adminToken}` });
  return JSON.parse(r.body).students[0].alarms;
}

/** One request; resolves with { status, body, ms }. */
function call(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const url = path.startsWith('https://') ? path : path.startsWith('/healthz') ? `${server.url}${path}` : `${base}${path}`;
    const req = request(url, { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Run `n` sequential requests from `make(i)`; returns p50, p99 and requests per second. */
async function measure(name, n, make) {
  const times = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await make(i);
    if (r.status >= 300) throw new Error(`${name}: ${r.status} ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  const secs = (performance.now() - t0) / 1000;
  return { name, n, p50: pct(times, 50), p99: pct(times, 99), rps: n / secs };
}

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const pod = (name, ns) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'bench', index: name } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
});

const results = [];
for (let i = 0; i < 50; i++) await call('GET', '/healthz');
await call('GET', '/api/v1/namespaces');
results.push(await measure('trivial route (/healthz)', N, () => call('GET', '/healthz')));
// Pod start-up (fast profile): create N pods, then wait until the list shows them all Running.
async function startup(ns, n) {
  await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const t0 = performance.now();
  for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => call('POST', `/api/v1/namespaces/${ns}/pods`, pod(`s${i + j}`, ns))));
  for (;;) {
    const list = JSON.parse((await call('GET', `/api/v1/namespaces/${ns}/pods`)).body);
    if (list.items.filter((p) => p.status?.phase === 'Running').length === n) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}
async function until(path, done) {
  for (;;) {
    const obj = JSON.parse((await call('GET', path)).body);
    if (done(obj)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const start1 = await startup('start1', 1);
const start100 = await startup('start100', 100);
const start1000 = quick ? undefined : await startup('start1000', 1000);
// Free the nodes for what follows.
for (const ns of ['start1', 'start100', ...(start1000 === undefined ? [] : ['start1000'])]) await call('DELETE', `/api/v1/namespaces/${ns}`);
await until('/api/v1/pods', (l) => !l.items.some((p) => p.metadata.namespace.startsWith('start')));

// Workloads (fast profile): a 100-replica Deployment to Available, then a rolling update of it.
const deployment = (image) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' },
  spec: {
    replicas: 100, selector: { matchLabels: { app: 'big' } },
    template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '1m', memory: '8Mi' } } }] } },
  },
});
const settled = (image) => (d) => d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === 100
  && d.status?.availableReplicas === 100 && (d.status?.replicas ?? 0) === 100 && d.spec.template.spec.containers[0].image === image;
await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wl' } });
let t = performance.now();
await call('POST', '/apis/apps/v1/namespaces/wl/deployments', deployment('nginx:1.25'));
await until('/apis/apps/v1/namespaces/wl/deployments/big', settled('nginx:1.25'));
const deployAvailable = performance.now() - t;
t = performance.now();
await call('PATCH', '/apis/apps/v1/namespaces/wl/deployments/big', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
await until('/apis/apps/v1/namespaces/wl/deployments/big', settled('nginx:1.26'));
const rollout = performance.now() - t;
await call('DELETE', '/api/v1/namespaces/wl');
await until('/api/v1/namespaces/wl/pods', (l) => l.items.length === 0);
// Let the started pods settle so that the kubelets are idle during the latency figures.
await new Promise((r) => setTimeout(r, 2000));
await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b100' } });
await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b1000' } });
results.push(await measure('create pod', 100, (i) => call('POST', '/api/v1/namespaces/b100/pods', pod(`p${i}`, 'b100'))));
results.push(await measure('get pod', N, (i) => call('GET', `/api/v1/namespaces/b100/pods/p${i % 100}`)));
results.push(await measure('patch pod (strategic)', N, (i) => call('PATCH', `/api/v1/namespaces/b100/pods/p${i % 100}`, { metadata: { labels: { round: String(i) } } }, { 'Content-Type': 'application/strategic-merge-patch+json' })));
results.push(await measure('list 100 pods (JSON)', Math.min(N, 200), () => call('GET', '/api/v1/namespaces/b100/pods')));
results.push(await measure('list 100 pods (Table)', Math.min(N, 200), () => call('GET', '/api/v1/namespaces/b100/pods?limit=500', undefined, { Accept: TABLE })));
for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => call('POST', '/api/v1/namespaces/b1000/pods', pod(`p${i + j}`, 'b1000'))));
results.push(await measure('list 1,000 pods (JSON)', quick ? 20 : 60, () => call('GET', '/api/v1/namespaces/b1000/pods')));
results.push(await measure('list 1,000 pods (Table)', quick ? 20 : 60, () => call('GET', '/api/v1/namespaces/b1000/pods?limit=500', undefined, { Accept: TABLE })));

// Watch delivery: a write, then the time until the watcher reads its event.
const watchTimes = [];
await new Promise((resolve, reject) => {
  const rv = 0;
  const req = request(`${base}/api/v1/namespaces/b100/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=120`, { agent, headers: { Authorization: `Bearer ${token}` } }, async (res) => {
    let buf = '';
    const pending = new Map();
    res.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const ev = JSON.parse(line);
        const done = pending.get(ev.object.metadata.name);
        if (done) done();
      }
    });
    const n = quick ? 50 : 200;
    for (let i = 0; i < n; i++) {
      const name = `w${i}`;
      const t0 = process.hrtime.bigint();
      const seen = new Promise((r) => pending.set(name, r));
      await call('POST', '/api/v1/namespaces/b100/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });
      await seen;
      watchTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    req.destroy();
    resolve();
  });
  req.on('error', (e) => (e.code === 'ECONNRESET' ? resolve() : reject(e)));
  req.end();
});
results.push({ name: 'watch delivery (write → event)', n: watchTimes.length, p50: pct(watchTimes, 50), p99: pct(watchTimes, 99), rps: 1000 / pct(watchTimes, 50) });

// An idle cluster: CPU time the runtime (workerd) spends while nobody calls, once everything
// settled. Pods keep running; nothing should be due. The baseline is the trivial route's cost.
await call('DELETE', '/api/v1/namespaces/b1000');
await until('/api/v1/namespaces/b1000/pods', (l) => !l.items?.length);
await until('/api/v1/namespaces/b100/pods', (l) => l.items.every((p) => p.status?.phase === 'Running'));
await new Promise((r) => setTimeout(r, 5000));
const idleSeconds = Number(process.env.IDLE_SECONDS ?? (quick ? 20 : 600));
/** The pids below the dev server's process (wrangler, then its workerd), this run's only. */
const descendants = (pid) => {
  const kids = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  return kids.flatMap((k) => [k, ...descendants(k)]);
};
const workerdPids = descendants(server.child.pid).filter((pid) => spawnSync('cat', [`/proc/${pid}/comm`], { encoding: 'utf8' }).stdout.trim() === 'workerd');
/** CPU ms (user + system) the dev server's workerd processes have used so far. */
const workerdCpu = () => {
  let ticks = 0;
  for (const pid of workerdPids) {
    const r = spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' });
    const f = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
    ticks += Number(f[11] ?? 0) + Number(f[12] ?? 0);
  }
  return (ticks * 1000) / 100;
};
const cpu0 = workerdCpu();
const alarms0 = await alarmsFired();
await new Promise((r) => setTimeout(r, idleSeconds * 1000));
const idleAlarms = (await alarmsFired()) - alarms0;
const idleCpuPerMinute = ((workerdCpu() - cpu0) * 60) / idleSeconds;

await server.stop();
rmSync(dir, { recursive: true, force: true });
const floor = results[0];
console.log(`\nkubeplay benchmark (wrangler dev, https, concurrency 1, ${new Date().toISOString()})\n`);
console.log('operation                          n    p50 ms   p99 ms    req/s   p50 ÷ trivial');
for (const r of results) {
  console.log(`${r.name.padEnd(32)} ${String(r.n).padStart(4)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.rps.toFixed(0).padStart(8)} ${(r.p50 / floor.p50).toFixed(2).padStart(10)}×`);
}
console.log(`\npod create → Running (fast profile): 1 pod ${start1.toFixed(0)} ms; 100 pods ${start100.toFixed(0)} ms (${(start100 / 100).toFixed(1)} ms a pod)${start1000 === undefined ? '' : `; 1,000 pods ${start1000.toFixed(0)} ms (${(start1000 / 1000).toFixed(1)} ms a pod)`}`);
console.log(`100-replica Deployment → Available: ${deployAvailable.toFixed(0)} ms; rolling update of it: ${rollout.toFixed(0)} ms (${(rollout / floor.p50).toFixed(0)}× the trivial route's p50)`);
console.log(`idle cluster: ${idleAlarms} alarms fired in ${idleSeconds} s; ${idleCpuPerMinute.toFixed(0)} ms of workerd CPU a minute (${workerdPids.length} workerd process(es), measured over ${idleSeconds} s, ${((idleCpuPerMinute / 60000) * 100).toFixed(2)}% of one core)`);
process.exit(0);
