// The student dashboard's figures, in Debian's chromium against `wrangler dev` (what `npm start`
// runs), each time also as a ratio to a bare page load of the same server in the same run:
//  - first load: bytes transferred (HTML, scripts, styles; the API's answers counted apart) and the
//    time until the nodes are drawn;
//  - from `kubectl scale` to the new pods on screen (rows in the workloads tree), and to all of
//    them shown Running, in a page that is already open (the watches carry them).
//
//   node test/bench/dashboard.mjs [--rounds N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildWeb } from '../../scripts/lib/build-web.mjs';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { kubeconfig, signTenantToken } from '../../scripts/lib/tokens.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('--rounds', 5);
const root = new URL('../..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
buildWeb({ quiet: true });

const dir = mkdtempSync(join(tmpdir(), 'kubeplay-dash-bench-'));
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' });
const tenant = 'dash-bench';
const token = await signTenantToken(server.secrets.signingJwk, { tenant, user: `student:${tenant}`, groups: ['system:masters'] });
const kc = join(dir, 'kubeconfig');
writeFileSync(kc, kubeconfig({ server: `${server.url}/clusters/${tenant}`, caPem: server.secrets.caPem, token, tenant, user: tenant }));
const kubectl = (...args) => {
  const r = spawnSync('kubectl', ['--kubeconfig', kc, ...args], { encoding: 'utf8', env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** A fresh context (empty cache), as a first visit is. */
async function freshPage() {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { context, page };
}

/** Bare page load: a tiny text route of the same Worker (no assets, no Durable Object), to load. */
async function bareLoad() {
  const { context, page } = await freshPage();
  const t0 = process.hrtime.bigint();
  await page.goto(`${server.url}/healthz`, { waitUntil: 'load' });
  const t = ms(t0);
  await context.close();
  return t;
}

/** First load of the dashboard: bytes by kind and the time until every node is drawn. */
async function firstLoad() {
  const { context, page } = await freshPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map();
  const bytes = { page: 0, api: 0 };
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = types.get(e.requestId) ?? '';
    if (new URL(url, server.url).pathname.startsWith('/clusters/')) bytes.api += e.encodedDataLength;
    else bytes.page += e.encodedDataLength;
  });
  const t0 = process.hrtime.bigint();
  await page.goto(`${server.url}/#token=${token}&/nodes`);
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 3 && document.querySelectorAll('.node .chip').length > 0);
  const t = ms(t0);
  await context.close();
  return { t, bytes };
}

/** The built files' sizes, raw and gzipped (what a CDN would send). */
function distSizes() {
  const out = { raw: 0, gzip: 0, initial: 0, initialGzip: 0 };
  const html = readFileSync(join(root, 'web', 'dist', 'index.html'), 'utf8');
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  for (const f of walk(join(root, 'web', 'dist'))) {
    const buf = readFileSync(f);
    const gz = gzipSync(buf).length;
    out.raw += buf.length;
    out.gzip += gz;
    const rel = f.slice(join(root, 'web', 'dist').length);
    if (rel === '/index.html' || html.includes(rel)) {
      out.initial += buf.length;
      out.initialGzip += gz;
    }
  }
  return out;
}

// Warm the Worker and the cluster (first requests build the cluster), then measure.
await bareLoad();
kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=1');
kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
await firstLoad();

const bare = [];
const loads = [];
for (let i = 0; i < ROUNDS; i++) {
  bare.push(await bareLoad());
  loads.push(await firstLoad());
}

// From kubectl scale to the pods on screen, in one open page.
const { context, page } = await freshPage();
await page.goto(`${server.url}/#token=${token}&/ns/default/workloads`);
await page.waitForFunction(() => document.querySelectorAll('.tree-row[data-kind="Pod"]').length === 1);
const shown = [];
const running = [];
const kubectlOnly = [];
let replicas = 1;
for (let i = 0; i < ROUNDS; i++) {
  const want = replicas === 1 ? 4 : 1;
  const t0 = process.hrtime.bigint();
  kubectl('scale', 'deployment/web', `--replicas=${want}`);
  const tk = ms(t0);
  if (want > replicas) {
    await page.waitForFunction((n) => document.querySelectorAll('.tree-row[data-kind="Pod"]').length >= n, want, { polling: 'raf' });
    shown.push(ms(t0));
    await page.waitForFunction((n) => [...document.querySelectorAll('.tree-row[data-kind="Pod"]')].filter((r) => r.textContent.includes('Running')).length >= n, want, { polling: 'raf' });
    running.push(ms(t0));
    kubectlOnly.push(tk);
  } else {
    await page.waitForFunction((n) => document.querySelectorAll('.tree-row[data-kind="Pod"]').length === n, want, { polling: 'raf', timeout: 60_000 });
  }
  replicas = want;
}
await context.close();

const b = median(bare);
const load = median(loads.map((l) => l.t));
const bytes = loads[loads.length - 1].bytes;
const sizes = distSizes();
const line = (label, v, unit = 'ms') => console.log(`${label.padEnd(44)} ${v.toFixed(1).padStart(9)} ${unit}${unit === 'ms' ? `   ${(v / b).toFixed(1).padStart(6)}× bare load` : ''}`);
console.log(`\ndashboard bench (${ROUNDS} rounds, medians; bare page load ${b.toFixed(1)} ms)`);
line('first load until the nodes are drawn', load);
line('kubectl scale 1→4 (the command alone)', median(kubectlOnly));
line('kubectl scale 1→4 → new pods on screen', median(shown));
line('kubectl scale 1→4 → all shown Running', median(running));
console.log(`${'first load transferred: page (HTML, JS, CSS)'.padEnd(44)} ${(bytes.page / 1024).toFixed(1).padStart(9)} KiB`);
console.log(`${'first load transferred: API answers'.padEnd(44)} ${(bytes.api / 1024).toFixed(1).padStart(9)} KiB`);
console.log(`${'built page for first load, gzipped'.padEnd(44)} ${(sizes.initialGzip / 1024).toFixed(1).padStart(9)} KiB (${(sizes.initial / 1024).toFixed(1)} KiB raw)`);
console.log(`${'all built files, gzipped (terminal, YAML…)'.padEnd(44)} ${(sizes.gzip / 1024).toFixed(1).padStart(9)} KiB (${(sizes.raw / 1024).toFixed(1)} KiB raw)`);

await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });
