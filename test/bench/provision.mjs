// Provisioning benchmark: how long the admin API takes to create a classroom of 30 and of 200
// students (every tenant row, every Durable Object configured, one token and kubeconfig each),
// under `wrangler dev` as `npm start` runs it. Each figure is also given as a ratio to a trivial
// route of the same Worker (`/healthz`) measured in the same run, and the first kubectl-style
// request of a new student (its cluster's first answer) is timed too.
//
//   node test/bench/provision.mjs [--quick]      (--quick: 30 students only)
import { Agent, request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { signAdminToken } from '../../scripts/lib/tokens.mjs';

const quick = process.argv.includes('--quick');
const root = new URL('../..', import.meta.url).pathname;

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-prov-'));
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' });
const log = (m) => process.stderr.write(`${m}\n`);
log(`dev server at ${server.url}`);
const adminToken = await signAdminToken(server.secrets.signingJwk);
const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: server.secrets.caPem });

/** One request; resolves with { status, body, ms }. */
function call(method, url, { body, token } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { method, agent, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}
const adminApi = (method, path, body) => call(method, `${server.url}/admin/v1${path}`, { body, token: adminToken });

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// Baseline: the trivial route, warmed, then 200 sequential requests.
for (let i = 0; i < 50; i++) await call('GET', `${server.url}/healthz`);
const trivial = [];
for (let i = 0; i < 200; i++) trivial.push((await call('GET', `${server.url}/healthz`)).ms);
const floor = pct(trivial, 50);

log('baseline measured');
// Warm the admin path and the Durable Object code once (a classroom of one, deleted again).
await adminApi('POST', '/classrooms', { name: 'warm', students: ['w'], settings: { profile: 'fast' } });
await adminApi('DELETE', '/classrooms/warm');

/**
 * Create a classroom of `n` students: in one call when `batch` is 0, else as the CLI does (an
 * empty classroom, then `batch` students per call). Returns the timings.
 */
async function provision(n, batch) {
  const students = Array.from({ length: n }, (_, i) => `s${i + 1}`);
  const name = `bench-${n}-${batch}`;
  const t0 = performance.now();
  const made = [];
  const parts = batch ? [[]].concat(Array.from({ length: Math.ceil(n / batch) }, (_, i) => students.slice(i * batch, (i + 1) * batch))) : [students];
  for (const [i, part] of parts.entries()) {
    const r = i === 0 ? await adminApi('POST', '/classrooms', { name, students: part, settings: { profile: 'fast' } }) : await adminApi('POST', `/classrooms/${name}/students`, { students: part });
    if (r.status !== 201) throw new Error(`create ${n}: ${r.status} ${r.body.slice(0, 300)}`);
    made.push(...JSON.parse(r.body).students);
    if (i > 0 && i % 5 === 0) log(`  ${made.length}/${n}`);
  }
  const createMs = performance.now() - t0;
  const failed = made.filter((s) => s.state !== 'active');
  if (failed.length) throw new Error(`create ${n}: ${failed.length} failed: ${failed[0].error}`);
  const last = made[made.length - 1];
  const token = /token: (\S+)/.exec(last.kubeconfig)[1];
  const firstReq = await call('GET', `${last.server}/api/v1/namespaces/default`, { token });
  if (firstReq.status !== 200) throw new Error(`first request: ${firstReq.status}`);
  const show = await adminApi('GET', `/classrooms/${name}`);
  const del = await adminApi('DELETE', `/classrooms/${name}`);
  if (del.status !== 200) throw new Error(`delete ${n}: ${del.status} ${del.body.slice(0, 300)}`);
  return { n, how: batch ? `${batch} per call` : 'one call', createMs, firstMs: firstReq.ms, showMs: show.ms, deleteMs: del.ms };
}

const runs = process.env.RUNS ? JSON.parse(process.env.RUNS) : quick ? [[30, 0], [30, 10]] : [[30, 0], [30, 10], [200, 0], [200, 10]];
const results = [];
for (const [n, batch] of runs) {
  log(`provisioning ${n} students (${batch ? `${batch} per call` : 'one call'})…`);
  results.push(await provision(n, batch));
}

await server.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`\nkubeplay provisioning benchmark (wrangler dev, https, fast profile, ${new Date().toISOString()})`);
console.log(`trivial route (/healthz) p50 ${floor.toFixed(2)} ms over ${trivial.length} requests\n`);
console.log('students   how           create ms   per student ms   ÷ trivial   first request ms   show ms   delete ms');
for (const r of results) {
  console.log(
    `${String(r.n).padStart(8)}   ${r.how.padEnd(12)} ${r.createMs.toFixed(0).padStart(11)} ${(r.createMs / r.n).toFixed(1).padStart(16)} ${(r.createMs / floor).toFixed(0).padStart(10)}× ${r.firstMs.toFixed(1).padStart(18)} ${r.showMs.toFixed(0).padStart(9)} ${r.deleteMs.toFixed(0).padStart(11)}`,
  );
}
process.exit(0);
