// A before/after figure for a change, measured in one run: two checkouts' dev servers, A (before:
// e.g. a worktree of main) and B (after: this checkout, or --after DIR, a snapshot of it that
// edits made meanwhile do not restart) run side by side, and each
// request-path operation is timed in blocks that alternate between them, so that both see the
// same load of a shared machine. Prints per operation the p50 and the workerd CPU per request
// of each, and B ÷ A.
//
//   node test/bench/ab.mjs <before checkout> [create,get,patch,list,table,watch] [--after DIR] [--n 200] [--block 20]
import { resolve } from 'node:path';
import { namespace, pod, SMP, TABLE } from './lib/objects.mjs';
import { pct } from './lib/stats.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const other = process.argv[2];
if (!other || other.startsWith('--')) {
  console.error('usage: node test/bench/ab.mjs <other checkout> [ops] [--n 200] [--block 20]');
  process.exit(2);
}
const ops = (process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 'create,get,patch,list,table,watch').split(',');
const N = Number(arg('n', 200));
const BLOCK = Number(arg('block', 20));

/** The bench server of a checkout (its own lib/server.mjs, so its own sources and build). */
async function serverOf(root, name) {
  const lib = await import(resolve(root, 'test/bench/lib/server.mjs'));
  lib.buildOpenApi();
  return lib.startBenchServer({ name, nodes: 12 });
}

/** Namespaces `ab` (100 pods, then creates) and `ab1000` (1,000 pods), and a watch of ConfigMaps in `ab`. */
async function prepare(c) {
  await c.call('POST', '/api/v1/namespaces', namespace('ab'));
  await c.call('POST', '/api/v1/namespaces', namespace('ab1000'));
  for (let i = 0; i < 100; i++) await c.call('POST', '/api/v1/namespaces/ab/pods', pod(`p${i}`, 'ab'));
  for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => c.call('POST', '/api/v1/namespaces/ab1000/pods', pod(`p${i + j}`, 'ab1000'))));
  const pending = new Map();
  const close = await c.stream('/api/v1/namespaces/ab/configmaps?watch=true&resourceVersion=0&timeoutSeconds=3600', (line) => pending.get(JSON.parse(line).object.metadata.name)?.());
  let created = 0;
  let made = 0;
  const op = {
    create: () => c.call('POST', '/api/v1/namespaces/ab/pods', pod(`new${created++}`, 'ab')),
    get: (i) => c.call('GET', `/api/v1/namespaces/ab/pods/p${i % 100}`),
    patch: (i) => c.call('PATCH', `/api/v1/namespaces/ab/pods/p${i % 100}`, { metadata: { labels: { round: String(i) } } }, SMP),
    list: () => c.call('GET', '/api/v1/namespaces/ab1000/pods'),
    table: () => c.call('GET', '/api/v1/namespaces/ab1000/pods?limit=500', undefined, { Accept: TABLE }),
    watch: async () => {
      const name = `w${made++}`;
      const t0 = process.hrtime.bigint();
      const seen = new Promise((r) => pending.set(name, r));
      const r = await c.call('POST', '/api/v1/namespaces/ab/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });
      if (r.status === 201) await seen;
      return { ...r, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
    },
  };
  return { op, close };
}

const a = await serverOf(resolve(other), 'before');
const after = arg('after') ? resolve(arg('after')) : new URL('../..', import.meta.url).pathname;
const b = await serverOf(after, 'after');
const sides = [
  { label: 'A', c: a, ...(await prepare(a)) },
  { label: 'B', c: b, ...(await prepare(b)) },
];
for (const s of sides) for (let i = 0; i < 30; i++) await s.op.get(i);

const rows = [];
for (const name of ops) {
  const n = name === 'list' || name === 'table' ? Math.min(N, 60) : N;
  const block = name === 'list' || name === 'table' ? Math.min(BLOCK, 5) : BLOCK;
  const got = sides.map(() => ({ times: [], cpu: 0 }));
  for (let done = 0; done < n; done += block) {
    // Which side goes first alternates too.
    const order = (done / block) % 2 ? [1, 0] : [0, 1];
    for (const k of order) {
      const s = sides[k];
      const c0 = s.c.cpu();
      for (let i = done; i < Math.min(n, done + block); i++) {
        const r = await s.op[name](i);
        if (r.status >= 300) throw new Error(`${name} (${s.label}): ${r.status} ${r.body.slice(0, 200)}`);
        got[k].times.push(r.ms);
      }
      got[k].cpu += s.c.cpu() - c0;
    }
  }
  const [A, B] = got.map((g) => ({ p50: pct(g.times, 50), p99: pct(g.times, 99), cpu: g.cpu / g.times.length }));
  rows.push({ name, n, A, B });
}
for (const s of sides) s.close();
await a.stop();
await b.stop();

const f = (x, d = 2) => x.toFixed(d).padStart(7);
console.log(`\nA/B (A = ${resolve(other)}, B = ${after}; alternating blocks, ${new Date().toISOString()})`);
console.log('operation      n   A p50   B p50  B÷A p50   A CPU   B CPU  B÷A CPU');
for (const r of rows) console.log(`${r.name.padEnd(10)} ${String(r.n).padStart(5)} ${f(r.A.p50)} ${f(r.B.p50)} ${f(r.B.p50 / r.A.p50)}× ${f(r.A.cpu)} ${f(r.B.cpu)} ${f(r.B.cpu / r.A.cpu)}×`);
process.exit(0);
