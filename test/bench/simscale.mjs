// Scale of the simulation on its own (`npm run bench` runs the same section): a cluster grown to
// 100, 1,000 and 5,000 pods under `wrangler dev`, with per-pod cost, list and write times and
// the isolate's heap at each size (see lib/simscale.mjs).
//
//   node test/bench/simscale.mjs [--sizes 100,1000,5000] [--profile SIZE [--top N]]
//
// `--profile SIZE` records a CPU profile of the isolate while the batch reaching SIZE pods is
// brought to Running, and prints the functions taking the most time (self and inclusive).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { signAdminToken } from '../../scripts/lib/tokens.mjs';
import { connectInspector } from './lib/inspector.mjs';
import { formatSimScale, simScale } from './lib/simscale.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const sizes = (arg('--sizes') ?? '100,1000,5000').split(',').map(Number);
const profileAt = arg('--profile') === undefined ? undefined : Number(arg('--profile'));
const top = Number(arg('--top') ?? 40);
const root = new URL('../..', import.meta.url).pathname;

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-scale-'));
const inspectorPort = await freePort();
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: !process.env.BENCH_VERBOSE, ...(process.env.BENCH_LOG ? { log: (await import('node:fs')).openSync(process.env.BENCH_LOG, 'w') } : {}), timingProfile: 'fast', args: ['--inspector-port', String(inspectorPort)] });
try {
  const adminToken = await signAdminToken(server.secrets.signingJwk);
  const inspector = process.argv.includes('--no-heap') && profileAt === undefined ? undefined : await connectInspector(inspectorPort);
  let profiling = false;
  const rows = await simScale({
    server, adminToken, sizes, inspector, log: (m) => console.error(m),
    onStep: async (size) => {
      if (profiling) {
        printProfile(await inspector.stopProfile());
        profiling = false;
      }
      if (size === profileAt) {
        await inspector.startProfile();
        profiling = true;
      }
    },
  });
  if (profiling) printProfile(await inspector.stopProfile());
  inspector?.close();
  console.log(`\nkubeplay simulation scale (wrangler dev, fast profile, ${new Date().toISOString()})\n`);
  console.log(formatSimScale(rows));
} catch (e) {
  console.error(e, `\nwrangler's last output:\n${server.output().slice(-6000)}`);
  process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

function printProfile(p) {
  console.log(`\nCPU profile: ${p.ms.toFixed(0)} ms sampled\n-- self --`);
  for (const [name, ms] of p.self.slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms ${((ms / p.ms) * 100).toFixed(1).padStart(5)}%  ${name}`);
  console.log('-- inclusive --');
  for (const [name, ms] of p.total.slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms ${((ms / p.ms) * 100).toFixed(1).padStart(5)}%  ${name}`);
}
