// `npm run bench:load` (and the end of `npm run bench`): a class at once. 30 tenants at their
// default limits, 5 concurrent clients each — two writers racing read-modify-write updates of
// one ConfigMap, a churner creating, patching and deleting ConfigMaps, a lister, a watcher that
// resumes from its last resourceVersion — against one dev server for a bounded time. Prints
// p50/p99 per verb as ratios to the floor routes measured under the same load (lib/floor.mjs),
// every answer outside 2xx by code, and a consistency check of every object: each acknowledged
// write there (final values), resourceVersions strictly increasing, every watch complete.
//
//   node test/bench/load.mjs [--quick] [--seconds N] [--tenants N] [--soak]
//
// --soak: 10 minutes of the same churn (every churned object deleted), sampling the isolate's
// JS heap (devtools Runtime.getHeapUsage, garbage included) and workerd's RSS every 10 s,
// then leaving the class idle: no alarm may fire in 30 s nor stay armed, and the last minute's
// heap must stay within 10% of the first minute's.
import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';
import { buildOpenApi, startBenchServer } from './lib/server.mjs';
import { FLOOR_ROUTES, measureFloor } from './lib/floor.mjs';
import { pct } from './lib/stats.mjs';
import { workerdPids } from './lib/cpu.mjs';
import { connectInspector } from './lib/inspector.mjs';
import { freePort } from '../../scripts/lib/dev-server.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const quick = process.argv.includes('--quick');
const soak = process.argv.includes('--soak');
const SECONDS = arg('--seconds', soak ? 600 : quick ? 20 : 60);
const TENANTS = arg('--tenants', quick ? 10 : 30);
/** A request not answered within this long counts as lost (and is reported by its own name). */
const TIMEOUT_MS = 30_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

buildOpenApi();
const inspectorPort = await freePort();
const c = await startBenchServer({ name: 'load-floor', nodes: 1, args: ['--inspector-port', String(inspectorPort)] });
// The isolate of the Worker and every Durable Object: its JS heap, and what it threw or logged as an error.
const inspector = await connectInspector(inspectorPort);
const isolate = { exceptions: 0, errors: 0, first: [] };
inspector.on('Runtime.exceptionThrown', (p) => {
  isolate.exceptions++;
  if (isolate.first.length < 5) isolate.first.push(`exception: ${p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text}`.slice(0, 300));
});
inspector.on('Runtime.consoleAPICalled', (p) => {
  if (p.type !== 'error') return;
  isolate.errors++;
  if (isolate.first.length < 5) isolate.first.push(`console.error: ${p.args.map((a) => a.value ?? a.description).join(' ')}`.slice(0, 300));
});
await inspector.send('Runtime.enable');
const quiet = await measureFloor(c, { n: quick ? 50 : 200 });

/** A tenant's client: its own keep-alive agent (five clients' sockets), calls bounded in time; no token, no Authorization. */
function tenantClient(server, token) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: c.ca });
  const call = (method, path, body, headers = {}) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const url = path.startsWith('https://') ? path : path.startsWith('/_bench/') || path === '/healthz' ? `${c.url}${path}` : `${server}${path}`;
      const req = request(url, { method, agent, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json', ...headers } }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
        res.on('error', (e) => resolve({ status: `error ${e.code ?? e.message}`, body: '', ms: performance.now() - t0 }));
      });
      req.setTimeout(TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      req.on('error', (e) => resolve({ status: `error ${e.code ?? e.message}`, body: '', ms: performance.now() - t0 }));
      if (body !== undefined) req.write(JSON.stringify(body));
      req.end();
    });
  /** A watch: `onEvent` per event line; resolves when the response ends (or fails). `holder.close` ends it. */
  const watch = (path, onEvent, onOpen, holder) =>
    new Promise((resolve) => {
      const req = request(`${server}${path}`, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        onOpen?.(res.statusCode);
        let buf = '';
        res.on('data', (d) => {
          buf += d;
          let nl;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.trim()) onEvent(JSON.parse(line), res.statusCode);
          }
        });
        res.on('end', () => resolve(res.statusCode));
        res.on('error', () => resolve('error'));
      });
      req.on('error', (e) => resolve(`error ${e.code ?? e.message}`));
      holder.close = () => req.destroy();
      req.end();
    });
  return { call, watch, agent };
}

// The class: 30 students at the default limits, provisioned as an instructor would.
const adminClient = tenantClient(c.url, c.adminToken);
const students = Array.from({ length: TENANTS }, (_, i) => `s${String(i).padStart(2, '0')}`);
const made = await adminClient.call('POST', `${c.url}/admin/v1/classrooms`, { name: 'load', students, settings: { profile: 'fast' } });
if (made.status !== 201) throw new Error(`classroom: ${made.status} ${made.body}`);
const tenants = JSON.parse(made.body).students.map((s) => ({ name: s.student, ...tenantClient(s.server, /token: "?([^"\s]+)"?/.exec(s.kubeconfig)[1]) }));

/** Latencies by verb, answers by verb and code, and what each tenant's clients saw acknowledged. */
const lat = {};
const codes = {};
/**
 * Answers outside 2xx/409/429: when (seconds into the run) and the first body of each code, and
 * how many were wrangler dev's proxy's own 503 for a write it could not pass to the Worker (its
 * fetch to the Worker failed; a GET it retries by itself, unseen).
 */
const odd = { at: [], bodies: {}, proxy: 0 };
const PROXY_503 = 'Your worker restarted mid-request';
let runStart = 0;
const note = (verb, r) => {
  (lat[verb] ??= []).push(r.ms);
  const key = `${verb} ${r.status}`;
  codes[key] = (codes[key] ?? 0) + 1;
  if (!/^(2\d\d|409|429)$/.test(String(r.status))) {
    odd.at.push(Math.round((performance.now() - runStart) / 1000));
    odd.bodies[r.status] ??= String(r.body ?? '').slice(0, 200);
    if (r.status === 503 && String(r.body).startsWith(PROXY_503)) odd.proxy++;
  }
  return r;
};
const CM = '/api/v1/namespaces/default/configmaps';
let stopping = false;
const wait429 = (r) => sleep(1000 * Number(r.headers?.['retry-after'] ?? 1));

/** Two writers racing read-modify-write updates of `shared`, as client-go's RetryOnConflict. */
async function writer(t, w) {
  for (let round = 0; !stopping; round++) {
    for (;;) {
      const got = note('get', await t.call('GET', `${CM}/shared`));
      if (got.status === 429) { await wait429(got); continue; }
      if (got.status !== 200) {
        if (stopping) return;
        await sleep(200);
        continue;
      }
      const cm = JSON.parse(got.body);
      const n = Number(cm.data.n) + 1;
      cm.data = { ...cm.data, [`w${w}`]: String(round), n: String(n) };
      const put = note('update', await t.call('PUT', `${CM}/shared`, cm));
      if (put.status === 200) {
        t.acks.push({ name: 'shared', rv: Number(JSON.parse(put.body).metadata.resourceVersion), n, writer: w, round, at: performance.now() - put.ms });
        break;
      }
      if (put.status === 429) await wait429(put);
      else if (put.status !== 409) {
        if (typeof put.status !== 'number' || put.status >= 500) t.unknownUpdates++; // applied or not: n may count it
        await sleep(200);
      }
      if (stopping) return;
    }
  }
}

/** Whether a churner's `i`th ConfigMap stays: odd ones do, except in a soak, where the stored objects stay as many. */
const stays = (i) => !soak && i % 2 === 1;

/** Creates, patches and deletes ConfigMaps of its own: those that stay are patched, the others go. */
async function churner(t) {
  for (let i = 0; !stopping; i++) {
    const name = `churn-${i}`;
    const steps = [
      ['create', 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: '0' } }, 201, 'ADDED'],
      ['patch', 'PATCH', `${CM}/${name}`, { data: { v: '1' } }, 200, 'MODIFIED'],
      ...(!stays(i) ? [['delete', 'DELETE', `${CM}/${name}`, undefined, 200, 'DELETED']] : []),
    ];
    for (const [verb, method, path, body, ok, type] of steps) {
      // After an answer whose outcome is unknown (a 5xx, a lost connection), the step is tried
      // again; a create then answered 409 AlreadyExists, or a delete 404, had been applied.
      let unknown = false;
      for (;;) {
        const r = note(verb, await t.call(method, path, body, method === 'PATCH' ? { 'Content-Type': 'application/merge-patch+json' } : {}));
        if (r.status === ok) {
          // A DELETE answers the object as it was; its watch event carries the deletion's resourceVersion.
          if (type === 'DELETED') t.deletes.push({ name, at: performance.now() });
          else t.acks.push({ name, rv: Number(JSON.parse(r.body).metadata.resourceVersion), type, at: performance.now() - r.ms });
          break;
        }
        if (unknown && ((verb === 'create' && r.status === 409) || (verb === 'delete' && r.status === 404))) break;
        if (stopping) return; // this object is left out of the final check (t.churned)
        if (r.status === 429) await wait429(r);
        else {
          unknown ||= typeof r.status !== 'number' || r.status >= 500;
          await sleep(200); // counted; the step is tried again
        }
      }
    }
    t.churned = i + 1;
  }
}

async function lister(t) {
  while (!stopping) {
    note('list', await t.call('GET', CM));
    note('list', await t.call('GET', '/api/v1/namespaces/default/pods'));
    await sleep(50);
  }
}

/** Watches ConfigMaps from a listed resourceVersion, resuming from the last one it saw. */
function watcher(t) {
  t.seen = new Map(); // rv → { name, type, n, at }
  t.ws = { outOfOrder: 0, expired: 0, reconnects: 0, errors: 0 };
  t.stream = {};
  let ready;
  const opened = new Promise((r) => (ready = r));
  const run = async () => {
    // The first list, retried (and counted by its code) until it answers one: a 429 or a
    // connection that the dev server dropped must not end the watcher.
    for (;;) {
      if (t.closing) return;
      const list = note('list', await t.call('GET', CM));
      if (list.status === 200) {
        t.lastRV = Number(JSON.parse(list.body).metadata.resourceVersion);
        break;
      }
      await (list.status === 429 ? wait429(list) : sleep(200));
    }
    for (let first = true; !t.closing; first = false) {
      if (!first) t.ws.reconnects++;
      const end = await t.watch(`${CM}?watch=true&resourceVersion=${t.lastRV}&timeoutSeconds=${quick ? 5 : 15}`, (ev) => {
        if (ev.type === 'ERROR') {
          if (ev.object?.code === 410) t.ws.expired++;
          else t.ws.errors++;
          return;
        }
        const rv = Number(ev.object.metadata.resourceVersion);
        if (ev.type !== 'BOOKMARK') {
          if (rv <= t.lastRV) t.ws.outOfOrder++;
          t.seen.set(rv, { name: ev.object.metadata.name, type: ev.type, n: ev.object.data?.n, at: performance.now() });
        }
        t.lastRV = Math.max(t.lastRV, rv);
      }, (status) => {
        note('watch', { status, ms: 0 });
        ready();
      }, t.stream);
      if (typeof end === 'string') t.ws.errors++;
      if (end === 429) await sleep(1000);
    }
  };
  t.watching = run();
  return opened;
}

/** The floor routes, one request at a time, while the class works: the same load's floor. */
const underLoad = Object.fromEntries(FLOOR_ROUTES.map((f) => [f.key, []]));
const floorClient = tenantClient(c.url, undefined); // /healthz with no token: the Worker's own answer
async function prober() {
  for (let i = 0; !stopping; i++) {
    for (const f of FLOOR_ROUTES) {
      if (f.key === 'list' && i % 10) continue;
      const r = await floorClient.call(...f.req(i));
      if (r.status < 300) underLoad[f.key].push(r.ms);
      else note(`floor ${f.key}`, r);
    }
  }
}

/** RSS (KiB) of the dev server's workerd processes: the isolates of every Durable Object. */
const pids = workerdPids(c.server.child.pid);
const workerdRss = () => {
  let kib = 0;
  for (const p of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kib;
};

// Every tenant's shared ConfigMap, its watcher open, then everyone at once.
for (const t of tenants) {
  t.acks = [];
  t.deletes = [];
  t.unknownUpdates = 0;
  t.churned = 0;
  for (;;) {
    const r = note('create', await t.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { n: '0' } }));
    if (r.status === 201) break;
    await sleep(200);
  }
}
await Promise.all(tenants.map((t) => watcher(t)));
/**
 * The isolate's JS heap and workerd's RSS: at the start and end the live heap (after the full
 * collection of a heap snapshot), and every 10 s in a soak V8's used size (garbage included).
 */
const memory = [];
const sample = async (live = false) => memory.push({ at: performance.now(), kib: workerdRss(), heap: await (live ? inspector.liveHeap() : inspector.heapUsed()), live });
/** wrangler's workerd processes (its proxy's and the Worker's), checked every 2 s: a new one is a restart of the Worker's runtime. */
const pidsSeen = new Set(pids);
const restarts = [];
const pidWatch = setInterval(() => {
  for (const p of workerdPids(c.server.child.pid)) if (!pidsSeen.has(p)) {
    pidsSeen.add(p);
    restarts.push(Math.round((performance.now() - runStart) / 1000));
  }
}, 2000);
await sample(true);
let sampling = Promise.resolve();
const sampler = soak ? setInterval(() => (sampling = sampling.then(sample)), 10_000) : undefined;
const t0 = performance.now();
runStart = t0;
const cpu0 = c.cpu();
const work = [prober(), ...tenants.flatMap((t) => [writer(t, 0), writer(t, 1), churner(t), lister(t)])];
await sleep(SECONDS * 1000);
stopping = true;
await Promise.all(work);
const elapsed = (performance.now() - t0) / 1000;
const cpuSeconds = (c.cpu() - cpu0) / 1000;
clearInterval(sampler);
clearInterval(pidWatch);
await sampling;
await sample(true);

// Let every watch catch up with the last acknowledged write (bounded), then close them.
const lastAck = (t) => Math.max(0, ...t.acks.map((a) => a.rv));
for (const deadline = performance.now() + 20_000; performance.now() < deadline && tenants.some((t) => t.lastRV < lastAck(t)); ) await sleep(200);
for (const t of tenants) {
  t.closing = true;
  t.stream.close?.();
}

// Consistency of every tenant's objects against what its clients were told.
const problems = { lost: 0, halfApplied: 0, duplicateRV: 0, writerOrder: 0, watchGaps: 0, watchOutOfOrder: 0, watchExpired: 0, wrongFinal: 0 };
const delivery = [];
for (const t of tenants) {
  const rvs = t.acks.map((a) => a.rv);
  problems.duplicateRV += rvs.length - new Set(rvs).size;
  for (const w of [0, 1]) {
    const mine = t.acks.filter((a) => a.writer === w).map((a) => a.rv);
    for (let i = 1; i < mine.length; i++) if (mine[i] <= mine[i - 1]) problems.writerOrder++;
  }
  for (const a of t.acks) {
    const ev = t.seen.get(a.rv);
    if (!ev || ev.name !== a.name || (a.type && ev.type !== a.type)) problems.watchGaps++;
    else if (a.n !== undefined && Number(ev.n) !== a.n) problems.halfApplied++;
    else delivery.push(Math.max(0, ev.at - a.at));
  }
  const deleted = new Set([...t.seen.values()].filter((e) => e.type === 'DELETED').map((e) => e.name));
  for (const d of t.deletes) if (!deleted.has(d.name)) problems.watchGaps++;
  problems.watchOutOfOrder += t.ws.outOfOrder;
  problems.watchExpired += t.ws.expired;
  const shared = JSON.parse((await t.call('GET', `${CM}/shared`)).body);
  const updates = t.acks.filter((a) => a.name === 'shared');
  // Every acknowledged update counted in n, and nothing else but updates whose answer was lost.
  const n = Number(shared.data.n);
  if (n < updates.length || n > updates.length + t.unknownUpdates) problems.lost += Math.abs(updates.length - n);
  for (const w of [0, 1]) {
    const last = updates.filter((a) => a.writer === w).at(-1);
    if (last && shared.data[`w${w}`] !== String(last.round)) problems.wrongFinal++;
  }
  const names = new Map(JSON.parse((await t.call('GET', CM)).body).items.map((o) => [o.metadata.name, o]));
  for (let i = 0; i < t.churned; i++) {
    const o = names.get(`churn-${i}`);
    if (!stays(i) ? o !== undefined : o?.data?.v !== '1') problems.wrongFinal++;
  }
}

// After the soak: idle, then no alarm may fire, and none may stay armed.
let idle;
if (soak) {
  await sleep(15_000);
  const students = async () => JSON.parse((await adminClient.call('GET', `${c.url}/admin/v1/classrooms/load`)).body).students;
  const fired = (xs) => xs.reduce((s, x) => s + (x.alarms ?? 0), 0);
  const a0 = fired(await students());
  await sleep(30_000);
  const after = await students();
  const armed = after.filter((x) => x.alarmAt);
  idle = { fired: fired(after) - a0, armed: armed.length, due: armed.map((x) => `${x.student} ${x.alarmAt}`).slice(0, 5) };
}
const throttling = JSON.parse((await adminClient.call('GET', `${c.url}/admin/v1/classrooms/load`)).body).students.reduce((s, x) => ({ queued: s.queued + (x.throttling?.queued ?? 0), refused: s.refused + (x.throttling?.refused ?? 0) }), { queued: 0, refused: 0 });
inspector.close();
await c.stop();

// The report.
const f2 = (x) => (x === undefined ? '—' : x.toFixed(2));
const floorOf = { get: 'read', list: 'list', create: 'write', update: 'write', patch: 'write', delete: 'write', 'watch delivery': 'rpc' };
const total = Object.values(codes).reduce((a, b) => a + b, 0);
console.log(`\nkubeplay load (${TENANTS} tenants × 5 clients, ${elapsed.toFixed(0)} s, ${new Date().toISOString()}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})\n`);
console.log(`${total} requests, ${(total / elapsed).toFixed(0)} req/s; workerd CPU ${cpuSeconds.toFixed(0)} s (${((cpuSeconds / elapsed) * 100).toFixed(0)}% of one core); ${tenants.reduce((s, t) => s + t.acks.length + t.deletes.length, 0)} writes acknowledged; rate limit: ${throttling.queued} requests waited, ${throttling.refused} refused\n`);
console.log(`${'verb'.padEnd(16)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  ${'floor (same load)'.padEnd(30)} ${'p50 ÷ floor'.padStart(11)} ${'p99 ÷ floor'.padStart(11)}`);
const rows = [...Object.entries(lat).filter(([v]) => v !== 'watch'), ['watch delivery', delivery]];
for (const [verb, xs] of rows) {
  const key = floorOf[verb] ?? 'rpc';
  const fl = underLoad[key];
  const fp50 = pct(fl, 50);
  const fp99 = pct(fl, 99);
  console.log(`${verb.padEnd(16)} ${String(xs.length).padStart(6)} ${f2(pct(xs, 50)).padStart(8)} ${f2(pct(xs, 99)).padStart(8)}  ${`${key} ${f2(fp50)}/${f2(fp99)} ms`.padEnd(30)} ${`${f2(pct(xs, 50) / fp50)}×`.padStart(11)} ${`${f2(pct(xs, 99) / fp99)}×`.padStart(11)}`);
}
console.log(`\nfloors on a quiet server (p50 ms): ${Object.entries(quiet).map(([k, r]) => `${k} ${f2(r.p50)}`).join(', ')}`);
const other = Object.entries(codes).filter(([k]) => !/ 2\d\d$/.test(k)).sort();
console.log(`\nanswers outside 2xx: ${other.length ? other.map(([k, n]) => `${k}: ${n}`).join(', ') : 'none'}`);
if (odd.at.length) {
  const bySecond = Object.entries(odd.at.reduce((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {})).map(([s, n]) => `${s} s: ${n}`);
  console.log(`  when (seconds into the run): ${bySecond.join(', ')}`);
  for (const [code, body] of Object.entries(odd.bodies)) console.log(`  ${code}: ${JSON.stringify(body)}`);
}
const unexpected = other.filter(([k]) => !/ (409|429)$/.test(k)).reduce((s, [, n]) => s + n, 0);
const tooMany = other.filter(([k]) => / 429$/.test(k)).reduce((s, [, n]) => s + n, 0);
console.log(`consistency: ${Object.entries(problems).map(([k, n]) => `${k} ${n}`).join(', ')}; watch reconnects ${tenants.reduce((s, t) => s + t.ws.reconnects, 0)}`);
console.log(`workerd restarts (a new process below wrangler): ${restarts.length ? restarts.map((s) => `${s} s`).join(', ') : 'none'}`);
console.log(`isolate: ${isolate.exceptions} uncaught exceptions, ${isolate.errors} console errors${isolate.first.length ? `\n  ${isolate.first.join('\n  ')}` : ''}`);
const mib = (b) => (b / 1048576).toFixed(1);
const mid = memory[Math.floor(memory.length / 2)];
console.log(`memory: live JS heap ${mib(memory[0].heap)} MiB at the start, ${mib(memory.at(-1).heap)} MiB at the end (${(memory.at(-1).heap / memory[0].heap).toFixed(2)}×)${soak ? `, used ${mib(mid.heap)} MiB in the middle` : ''}; workerd RSS ${(memory[0].kib / 1024).toFixed(0)} → ${(memory.at(-1).kib / 1024).toFixed(0)} MiB`);
let heapGrowth = 1;
if (soak) {
  const series = memory.filter((m) => !m.live);
  const head = series.filter((m) => m.at - memory[0].at <= 60_000);
  const tail = series.filter((m) => memory.at(-1).at - m.at <= 60_000);
  const avg = (xs, k) => xs.reduce((s, m) => s + m[k], 0) / xs.length;
  heapGrowth = avg(tail, 'heap') / avg(head, 'heap');
  console.log(`soak: JS heap first minute ${mib(avg(head, 'heap'))} MiB, last minute ${mib(avg(tail, 'heap'))} MiB (${heapGrowth.toFixed(2)}×), max ${mib(Math.max(...series.map((m) => m.heap)))} MiB over ${series.length} samples; workerd RSS ${(avg(head, 'kib') / 1024).toFixed(0)} → ${(avg(tail, 'kib') / 1024).toFixed(0)} MiB (${(avg(tail, 'kib') / avg(head, 'kib')).toFixed(2)}×)`);
  console.log(`  heap every minute (MiB): ${series.filter((_, i) => i % 6 === 0).map((m) => mib(m.heap)).join(' ')}`);
  console.log(`idle afterwards: ${idle.fired} alarms fired in 30 s, ${idle.armed} armed${idle.due.length ? ` (${idle.due.join(', ')})` : ''}`);
}
// Flat: the last minute's heap within 10% of the first minute's.
const failed = unexpected > 0 || tooMany > 0 || Object.values(problems).some((n) => n > 0) || (soak && (idle.fired > 0 || idle.armed > 0 || heapGrowth > 1.1));
console.log(`\nverdict: ${failed ? 'FAILED' : 'ok'} (answers outside 2xx/409/429: ${unexpected}, of which wrangler dev's proxy's 503: ${odd.proxy}; 429: ${tooMany}; lost or half-applied writes: ${problems.lost + problems.halfApplied + problems.wrongFinal})`);
process.exit(failed ? 1 : 0);
