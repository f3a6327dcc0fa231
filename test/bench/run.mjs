// `npm run bench`: latency and throughput of the cluster API under `wrangler dev` (what
// `npm start` runs), each figure given as a ratio to its floor route — what the platform itself
// costs for that shape of work (lib/floor.mjs) — measured in the same run and the same Worker.
// Sections live in lib/; a new figure is a module there and a line here.
//
//   node test/bench/run.mjs [--quick] [--skip startup,workloads,churn,idle,scale,deploy]
import { spawnSync } from 'node:child_process';
import { buildOpenApi, startBenchServer } from './lib/server.mjs';
import { measureFloor } from './lib/floor.mjs';
import { measureApi } from './lib/api.mjs';
import { measureWatch } from './lib/watch.mjs';
import { measureChurn } from './lib/churn.mjs';
import { measureStartup, measureWorkloads } from './lib/startup.mjs';
import { measureIdle } from './lib/idle.mjs';
import { until } from './lib/objects.mjs';
import { printTable } from './lib/report.mjs';
import { formatSimScale, simScale } from './lib/simscale.mjs';

const quick = process.argv.includes('--quick');
const skipAt = process.argv.indexOf('--skip');
const skip = new Set(skipAt > 0 ? process.argv[skipAt + 1].split(',') : []);
const N = quick ? 100 : 400;

buildOpenApi();
const c = await startBenchServer({ name: 'bench', nodes: 12 });
for (let i = 0; i < 50; i++) await c.call('GET', '/healthz');
await c.call('GET', '/api/v1/namespaces');

const start = skip.has('startup') ? undefined : await measureStartup(c, { quick });
const workloads = skip.has('workloads') ? undefined : await measureWorkloads(c);
// Let the started pods settle so that the kubelets are idle during the latency figures.
await new Promise((r) => setTimeout(r, 2000));

const floors = await measureFloor(c, { n: N, cpu: c.cpu });
const results = [...Object.values(floors), ...(await measureApi(c, { n: N, quick }))];
results.push(await measureWatch(c, { n: quick ? 50 : 200 }));
if (!skip.has('churn')) results.push(...(await measureChurn(c, { n: quick ? 100 : 300, rate: 20 })));

let idle;
if (!skip.has('idle')) {
  // Everything settled first: pods keep running; nothing should be due.
  await c.call('DELETE', '/api/v1/namespaces/b1000');
  await until(c, '/api/v1/namespaces/b1000/pods', (l) => !l.items?.length);
  await until(c, '/api/v1/namespaces/b100/pods', (l) => l.items.every((p) => p.status?.phase === 'Running'));
  await new Promise((r) => setTimeout(r, 5000));
  idle = await measureIdle(c, Number(process.env.IDLE_SECONDS ?? (quick ? 20 : 600)));
}
// Scale of the simulation: a cluster of its own grown to 100, 1,000 and 5,000 pods (lib/simscale.mjs).
const scale = skip.has('scale') ? undefined : await simScale({ server: c.server, adminToken: c.adminToken, sizes: quick ? [100, 1000] : [100, 1000, 5000] });
await c.stop();

printTable(`kubeplay benchmark (wrangler dev, https, concurrency 1, ${new Date().toISOString()}); CPU ms = workerd CPU per request; each figure against its floor route measured in alternating blocks`, results, floors);
const churned = results.find((r) => r.churn !== undefined);
if (churned) console.log(`\nbackground churn: ${churned.churn.toFixed(1)} ConfigMap patches/s achieved during the churn figures (asked: 20/s)`);
const bare = floors.bare.p50;
if (start) console.log(`\npod create → Running (fast profile): 1 pod ${start.start1.toFixed(0)} ms; 100 pods ${start.start100.toFixed(0)} ms (${(start.start100 / 100).toFixed(1)} ms a pod)${start.start1000 === undefined ? '' : `; 1,000 pods ${start.start1000.toFixed(0)} ms (${(start.start1000 / 1000).toFixed(1)} ms a pod)`}`);
if (workloads) console.log(`100-replica Deployment → Available: ${workloads.deployAvailable.toFixed(0)} ms; rolling update of it: ${workloads.rollout.toFixed(0)} ms (${(workloads.rollout / bare).toFixed(0)}× the trivial route's p50)`);
if (idle) console.log(`idle cluster: ${idle.alarms} alarms fired in ${idle.seconds} s; ${idle.cpuPerMinute.toFixed(0)} ms of workerd CPU a minute (${c.workerdProcesses} workerd process(es), ${((idle.cpuPerMinute / 60000) * 100).toFixed(2)}% of one core)`);
if (scale) console.log(`\nsimulation scale (a cluster of 20 nodes grown by batches of pods, fast profile):\n${formatSimScale(scale)}`);
// Deployability last: the bundle's size and the Worker's startup against Cloudflare's limits.
if (!skip.has('deploy')) spawnSync(process.execPath, [new URL('./deploy.mjs', import.meta.url).pathname, ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
process.exit(0);
