// Scale of the simulation: a cluster grown to 100, 1,000 and 5,000 pods, and at each size the
// cost of bringing a batch of pods to Running (wall time, workerd CPU, object writes and alarms
// per pod), of listing and of writing, and the isolate's heap. Its own cluster (20 nodes with
// room for 300 pods each), made through the admin API on the benchmark's server.
import { Agent, request } from 'node:https';
import { workerdOf } from './workerd.mjs';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One https request; resolves with { status, body, ms }. */
function client(agent, token) {
  return (method, url, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
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

const pod = (name, ns) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'scale', index: name } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
});

/**
 * Grow a cluster through `sizes` (cumulative pod counts) and measure each step. `inspector`
 * (optional, from connectInspector) gives the isolate's heap; `onStep` is called before each
 * batch (e.g. to start a CPU profile). Returns one row per size.
 */
export async function simScale({ server, adminToken, sizes = [100, 1000, 5000], inspector, onStep, log = () => {} }) {
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: server.secrets.caPem });
  const admin = client(agent, adminToken);
  const made = await admin('POST', `${server.url}/admin/v1/classrooms`, {
    name: 'simscale', students: ['scale'],
    settings: { profile: 'fast', nodes: { count: 20, cpu: '8', memory: '16Gi', pods: 300 }, limits: { objects: 200_000, requestsPerSecond: 1_000_000, watches: 1000 } },
  });
  if (made.status !== 201) throw new Error(`classroom: ${made.status} ${made.body}`);
  const student = JSON.parse(made.body).students[0];
  const base = student.server;
  const call = client(agent, /token: (\S+)/.exec(student.kubeconfig)[1]);
  const ok = async (p) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${r.status} ${r.body.slice(0, 300)}`);
    return r;
  };
  const stats = async () => JSON.parse((await ok(admin('GET', `${server.url}/admin/v1/classrooms/simscale`))).body).students[0];
  /** The cluster's resourceVersion: every object write counts one. */
  const rv = async () => Number(JSON.parse((await ok(call('GET', `${base}/api/v1/namespaces?limit=1`))).body).metadata.resourceVersion);
  /** Wait until no alarm fired for `quietMs` (the cluster is idle again). */
  const settle = async (quietMs = 600) => {
    let last = (await stats()).alarms;
    for (let since = Date.now(); Date.now() - since < quietMs; ) {
      await sleep(100);
      const a = (await stats()).alarms;
      if (a !== last) {
        last = a;
        since = Date.now();
      }
    }
  };
  const workerd = workerdOf(server.child.pid);
  await ok(call('GET', `${base}/api/v1/namespaces`));
  await settle();
  const heap0 = inspector ? await inspector.liveHeap() : undefined;
  const rss0 = workerd.rssBytes();
  const rows = [];
  let have = 0;
  for (const size of sizes) {
    const batch = size - have;
    const ns = `scale${size}`;
    await ok(call('POST', `${base}/api/v1/namespaces`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
    await settle();
    await onStep?.(size);
    const [cpu0, alarms0, rv0] = [workerd.cpuMs(), (await stats()).alarms, await rv()];
    const t0 = performance.now();
    for (let i = 0; i < batch; i += 25) await Promise.all(Array.from({ length: Math.min(25, batch - i) }, (_, j) => ok(call('POST', `${base}/api/v1/namespaces/${ns}/pods`, pod(`p${i + j}`, ns)))));
    const createMs = performance.now() - t0;
    log(`${size}: ${batch} pods created in ${createMs.toFixed(0)} ms`);
    // The cheap poll: one pod not Running yet, if any (a field selector, answered from the store).
    while (JSON.parse((await ok(call('GET', `${base}/api/v1/namespaces/${ns}/pods?fieldSelector=status.phase!%3DRunning&limit=1`))).body).items.length) await sleep(20);
    const runningMs = performance.now() - t0;
    log(`${size}: all Running after ${runningMs.toFixed(0)} ms`);
    await settle();
    const [cpu1, alarms1, rv1] = [workerd.cpuMs(), (await stats()).alarms, await rv()];
    have = size;
    const lists = [];
    for (let i = 0; i < 5; i++) lists.push((await ok(call('GET', `${base}/api/v1/pods`))).ms);
    const writes = [];
    for (let i = 0; i < 30; i++) writes.push((await ok(call('POST', `${base}/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w${i}` }, data: { a: 'b' } }))).ms);
    const patches = [];
    for (let i = 0; i < 30; i++) patches.push((await ok(call('PATCH', `${base}/api/v1/namespaces/${ns}/pods/p${i % batch}`, { metadata: { labels: { round: String(i) } } }, { 'Content-Type': 'application/strategic-merge-patch+json' }))).ms);
    await settle();
    const objects = (await stats()).objectCount;
    rows.push({
      size, batch, objects, createMs, runningMs,
      cpuPerPod: (cpu1 - cpu0) / batch, writesPerPod: (rv1 - rv0) / batch, alarmsPerPod: (alarms1 - alarms0) / batch,
      listMs: pct(lists, 50), writeMs: pct(writes, 50), patchMs: pct(patches, 50),
      ...(await (async () => {
        const live = inspector ? await inspector.liveHeap() : undefined;
        return { heap: live === undefined ? undefined : live - heap0, heapTotal: live };
      })()),
      rss: workerd.rssBytes() - rss0,
    });
  }
  agent.destroy();
  return rows;
}

/** The rows as a table, each figure also as a ratio to the first size's. */
export function formatSimScale(rows) {
  const first = rows[0];
  const mb = (b) => (b === undefined ? '—' : `${(b / 1048576).toFixed(1)} MB`);
  const r = (v, b) => `${v.toFixed(v < 10 ? 2 : 0)} (${(v / b).toFixed(2)}×)`;
  const lines = ['pods   batch  objects  to Running ms/pod  CPU ms/pod    writes/pod  alarms/pod  list all pods ms   create cm ms   patch pod ms   live heap, Δ'];
  for (const x of rows) {
    lines.push([
      String(x.size).padEnd(6), String(x.batch).padStart(5), String(x.objects).padStart(8),
      r(x.runningMs / x.batch, first.runningMs / first.batch).padStart(18), r(x.cpuPerPod, first.cpuPerPod).padStart(13),
      x.writesPerPod.toFixed(2).padStart(10), x.alarmsPerPod.toFixed(3).padStart(11),
      r(x.listMs, first.listMs * (x.size / first.size)).padStart(18), r(x.writeMs, first.writeMs).padStart(14), r(x.patchMs, first.patchMs).padStart(14),
      `${mb(x.heapTotal)}, +${mb(x.heap)} (RSS +${mb(x.rss)})`.padStart(16),
    ].join(' '));
  }
  lines.push('ratios: per-pod figures to the first size\'s; list time to the first size\'s scaled by the pod count (1.00× = linear)');
  return lines.join('\n');
}
