// Benchmark of the instructor's class view: time from the server being ready to the roster of a
// 30-student classroom fully drawn in Chromium (every row with its cluster's live pod counts), as
// a ratio to a bare page load (the login page) of the same server in the same run; and the bytes
// the class view transferred on its first load.
//
//   node test/bench/dashboard-class.mjs [--runs N]
import { Agent, request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { signAdminToken } from '../../scripts/lib/tokens.mjs';
import { buildWeb } from '../../scripts/lib/build-web.mjs';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const STUDENTS = 30;
const root = new URL('../..', import.meta.url).pathname;
const log = (m) => process.stderr.write(`${m}\n`);

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
buildWeb({ quiet: true });
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-class-'));
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' });
const ready = performance.now();
log(`dev server at ${server.url}`);
const adminToken = await signAdminToken(server.secrets.signingJwk);
const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: server.secrets.caPem });

function call(method, url, { body, token } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
try {
  // The classroom, made as an instructor would, with a few students at work (deployments of two pods).
  const room = 'bench-class';
  const t0 = performance.now();
  const made = await call('POST', `${server.url}/admin/v1/classrooms`, { token: adminToken, body: { name: room, students: Array.from({ length: STUDENTS }, (_, i) => `s${String(i + 1).padStart(2, '0')}`), settings: { profile: 'fast', nodes: { count: 2 } } } });
  if (made.status !== 201) throw new Error(`classroom: ${made.status} ${made.body.slice(0, 300)}`);
  const provisionMs = performance.now() - t0;
  for (const s of JSON.parse(made.body).students.slice(0, 5)) {
    const token = /token: (\S+)/.exec(s.kubeconfig)[1];
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } };
    const r = await call('POST', `${s.server}/apis/apps/v1/namespaces/default/deployments`, { token, body: dep });
    if (r.status !== 201) throw new Error(`deployment: ${r.status} ${r.body.slice(0, 200)}`);
  }

  /** One load in a fresh context: ms from navigation to `done`, and bytes transferred. */
  async function load(url, done) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    await page.waitForFunction(done, null, { polling: 'raf', timeout: 60_000 });
    const ms = performance.now() - start;
    const bytes = await page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((n, e) => n + (e.transferSize || 0), 0));
    await context.close();
    return { ms, bytes };
  }
  const bare = () => load(`${server.url}/`, () => !!document.querySelector('.login-card textarea'));
  // Fully drawn: every student's row, each with its pod counts from its cluster.
  const drawn = `(() => { const rows = document.querySelectorAll('tr[data-student]'); return rows.length === ${STUDENTS} && [...rows].every((r) => /^\\d+$/.test(r.querySelector('[data-col="running"]')?.textContent?.trim() ?? '')); })()`;
  const classView = () => load(`${server.url}/#token=${adminToken}&/classrooms/${room}`, drawn);

  const first = await classView();
  const sinceReady = performance.now() - ready;
  const bareRuns = [];
  const classRuns = [];
  for (let i = 0; i < runs; i++) {
    bareRuns.push((await bare()).ms);
    classRuns.push((await classView()).ms);
  }
  const b = median(bareRuns);
  const c = median(classRuns);
  const out = {
    students: STUDENTS,
    provisionMs: Math.round(provisionMs),
    bareLoadMs: Math.round(b),
    classViewFirstMs: Math.round(first.ms),
    classViewMs: Math.round(c),
    classViewRatio: Number((c / b).toFixed(2)),
    classViewFirstRatio: Number((first.ms / b).toFixed(2)),
    serverReadyToClassViewMs: Math.round(sinceReady),
    firstLoadBytes: first.bytes,
    runs,
  };
  console.log(JSON.stringify(out, null, 2));
  log(`class view of ${STUDENTS}: ${out.classViewMs} ms (median of ${runs}) = ${out.classViewRatio}× a bare page load (${out.bareLoadMs} ms); first ${out.classViewFirstMs} ms (${out.classViewFirstRatio}×); ${(first.bytes / 1024).toFixed(1)} KiB transferred`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
