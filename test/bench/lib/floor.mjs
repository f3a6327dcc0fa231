// The platform's floor, measured in the same run and the same Worker as kubeplay's own figures
// (../../../shared/docs/performance-floor.md's routes): the trivial route `/healthz`, a bare
// Worker → Durable Object RPC, a Durable Object read of one ~2 KB row, a transactional write of
// one (bump a counter, upsert the object, append a change row) and a list of 1,000 such rows.
// The routes exist only where the Worker variable BENCH_FLOOR is "1" (src/http/bench-floor.ts);
// startBenchServer (./server.mjs) sets it.
import { measure } from './stats.mjs';

/** A ~2 KB JSON object, the write floor's request body. */
const row = JSON.stringify({ apiVersion: 'v1', kind: 'Floor', metadata: { name: 'w' }, data: 'x'.repeat(1980) });

/** The floor routes: key (what a kubeplay figure names as its floor), label, request. */
export const FLOOR_ROUTES = [
  { key: 'bare', name: 'floor: trivial route (/healthz)', req: () => ['GET', '/healthz'] },
  { key: 'rpc', name: 'floor: Worker → DO RPC', req: () => ['GET', '/_bench/floor/rpc'] },
  { key: 'read', name: 'floor: DO read of a 2 KB row', req: (i) => ['GET', `/_bench/floor/read/r${i % 1000}`] },
  { key: 'write', name: 'floor: DO write of a 2 KB row', req: () => ['POST', '/_bench/floor/write', row] },
  { key: 'list', name: 'floor: DO list of 1,000 × 2 KB', req: () => ['GET', '/_bench/floor/list'] },
];

/** One request of floor route `key` (the `i`th: reads walk the keys). */
export function floorCall(client, key, i = 0) {
  return client.call(...FLOOR_ROUTES.find((f) => f.key === key).req(i));
}

/**
 * Measure every floor route with `client.call` (n requests each, a tenth of that for the list,
 * after a warm-up); returns { bare, rpc, read, write, list }, each a result of `measure`.
 * `cpu` as in measure.
 */
export async function measureFloor(client, { n = 400, cpu } = {}) {
  const out = {};
  for (const f of FLOOR_ROUTES) {
    const count = f.key === 'list' ? Math.max(20, Math.round(n / 10)) : n;
    for (let i = 0; i < Math.min(20, count); i++) await client.call(...f.req(i));
    out[f.key] = await measure(f.name, count, (i) => client.call(...f.req(i)), { cpu });
  }
  return out;
}
