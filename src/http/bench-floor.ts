import { Hono } from 'hono';
import type { Env } from '../env';

/**
 * The benchmark's floor routes (test/bench/lib/floor.mjs), each one RPC to the FloorObject
 * (src/bench/floor-object.ts): `GET rpc` (fixed JSON), `GET read/:key`, `POST write` (the body,
 * ~2 KB of JSON, is the object written), `GET list` (1,000 rows). They exist only when the Worker
 * variable BENCH_FLOOR is "1", which only the benchmarks' dev servers set; elsewhere they are 404s.
 */
export const benchFloor = new Hono<{ Bindings: Env }>();

const json = (body: string, status = 200) => new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
const floor = (env: Env) => env.FLOOR!.get(env.FLOOR!.idFromName('floor'));

benchFloor.use('*', async function enabled(c, next) {
  if (c.env.BENCH_FLOOR !== '1' || !c.env.FLOOR) return c.notFound();
  return next();
});
benchFloor.get('/rpc', async (c) => json(await floor(c.env).ping()));
benchFloor.get('/read/:key', async (c) => {
  const row = await floor(c.env).read(c.req.param('key'));
  return row === undefined ? json('{"kind":"Status","code":404}', 404) : json(row);
});
benchFloor.post('/write', async (c) => {
  const body = await c.req.text();
  const rv = await floor(c.env).write(body || undefined);
  return json(body ? body : `{"rv":${rv}}`, 201);
});
benchFloor.get('/list', async (c) => json(await floor(c.env).list()));
