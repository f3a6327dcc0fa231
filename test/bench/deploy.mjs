// Deployability: what `wrangler deploy` would upload and how long the Worker takes to start,
// against Cloudflare's limits. No account is needed: `wrangler deploy --dry-run` builds the bundle
// it would upload, and `wrangler check startup` profiles the startup phase (the global scope:
// parsing the bundle and running its top level) in workerd on this machine. The startup is also
// measured for a trivial Worker with the same settings in the same run, as the baseline.
//
//   node test/bench/deploy.mjs [--quick]      (npm run bench runs it last)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
const MiB = 1024 * 1024;
/** Cloudflare's limits: the Worker's compressed size (free and paid plans) and its startup time. */
const LIMITS = { freeGzip: 3 * MiB, paidGzip: 10 * MiB, startupMs: 1000 };

const work = mkdtempSync(join(tmpdir(), 'kubeplay-deploy-'));
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

function run(args, cwd) {
  const r = spawnSync(wrangler, args, { cwd, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

/** The dry run's bundle: the modules it would upload (source maps and its README left out), raw and gzipped, and wrangler's own figures. */
function bundle(cwd, outdir) {
  const out = run(['deploy', '--dry-run', '--outdir', outdir], cwd);
  const files = readdirSync(outdir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(outdir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
  return { files, raw, gzip, wranglerRaw: m ? Number(m[1]) * 1024 : undefined, wranglerGzip: m ? Number(m[2]) * 1024 : undefined };
}

/** Milliseconds the startup phase kept the CPU busy (every sample but idle), from wrangler's CPU profile. */
function startupMs(cwd, workerBundle, i) {
  const file = join(work, `startup-${Math.random().toString(36).slice(2)}-${i}.cpuprofile`);
  run(['check', 'startup', '--worker', workerBundle, '--outfile', file], cwd);
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const fn = new Map(p.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let t = p.startTime;
  const at = p.timeDeltas.map((d) => (t += d));
  let busy = 0;
  for (let k = 0; k < p.samples.length; k++) if (fn.get(p.samples[k]) !== '(idle)') busy += (k + 1 < at.length ? at[k + 1] : p.endTime) - at[k];
  const gaps = p.timeDeltas.slice(1).sort((a, b) => a - b);
  return { ms: busy / 1000, intervalMs: (gaps[gaps.length >> 1] ?? 0) / 1000 };
}

/** The smallest of `RUNS` startup measurements of a prebuilt bundle (the least disturbed by other work on the machine). */
function startup(cwd, label) {
  const workerBundle = join(work, `${label}.bundle`);
  run(['deploy', '--dry-run', '--outfile', workerBundle], cwd);
  const runs = Array.from({ length: RUNS }, (_, i) => startupMs(cwd, workerBundle, i));
  return { min: Math.min(...runs.map((r) => r.ms)), runs: runs.map((r) => r.ms), intervalMs: Math.max(...runs.map((r) => r.intervalMs)) };
}

/** A Worker that only answers "ok", with kubeplay's compatibility settings: the startup baseline. */
function trivialWorker() {
  const dir = join(work, 'trivial');
  mkdirSync(dir);
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const setting = (key) => new RegExp(`^${key} = .*$`, 'm').exec(toml)?.[0] ?? '';
  writeFileSync(join(dir, 'wrangler.toml'), `name = "trivial"\nmain = "index.js"\n${setting('compatibility_date')}\n${setting('compatibility_flags')}\n`);
  writeFileSync(join(dir, 'index.js'), "export default { fetch() { return new Response('ok'); } };\n");
  return dir;
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const pct = (n, of) => `${((n / of) * 100).toFixed(0)}%`;
try {
  const b = bundle(root, join(work, 'dist'));
  const assets = statSync(join(root, 'web', 'dist'), { throwIfNoEntry: false }) ? readdirSync(join(root, 'web', 'dist'), { recursive: true }).length : 0;
  const app = startup(root, 'kubeplay');
  const base = startup(trivialWorker(), 'trivial');
  console.log(`\ndeployability (wrangler deploy --dry-run; wrangler check startup, ${RUNS} run(s), least kept)`);
  console.log(`bundle: ${b.files.join(', ')}: ${kib(b.raw)} raw, ${kib(b.gzip)} gzip` + (b.wranglerGzip ? ` (wrangler: ${kib(b.wranglerRaw)} / gzip ${kib(b.wranglerGzip)})` : ''));
  console.log(`  limit (compressed): ${pct(b.wranglerGzip ?? b.gzip, LIMITS.paidGzip)} of 10 MiB (paid plans), ${pct(b.wranglerGzip ?? b.gzip, LIMITS.freeGzip)} of 3 MiB (free); static assets: ${assets} files in web/dist, uploaded apart`);
  // A trivial Worker's startup is often below one sample of the profiler: then it is given as under that interval.
  const interval = Math.max(app.intervalMs, base.intervalMs, 1);
  const baseline = base.min >= interval ? `${(app.min / base.min).toFixed(0)}× a trivial Worker's ${base.min.toFixed(1)} ms` : `a trivial Worker's takes less than one profiler sample (< ${interval.toFixed(1)} ms)`;
  console.log(`startup: ${app.min.toFixed(0)} ms of CPU [${app.runs.map((r) => r.toFixed(0)).join(', ')}]; ${baseline}, in the same run; ${pct(app.min, LIMITS.startupMs)} of the 1 s limit (${(LIMITS.startupMs / app.min).toFixed(1)}× headroom; measured on this machine, whose CPUs are not Cloudflare's)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
