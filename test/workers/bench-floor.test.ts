import { describe, it, expect } from 'vitest';
import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { FLOOR_ROW_BYTES, FLOOR_ROWS } from '../../src/bench/floor-object';

const floor = () => env.FLOOR!.get(env.FLOOR!.idFromName(`floor-${crypto.randomUUID()}`));

describe("the benchmarks' floor object", () => {
  it('is out of the product: /_bench/floor/… is a 404 without BENCH_FLOOR', async () => {
    for (const path of ['rpc', 'read/r1', 'list']) expect((await SELF.fetch(`https://kubeplay.test/_bench/floor/${path}`)).status).toBe(404);
    expect((await SELF.fetch('https://kubeplay.test/_bench/floor/write', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('holds 1,000 rows of about 2 KB and reads one by key', async () => {
    const stub = floor();
    const row = JSON.parse((await stub.read('r7'))!);
    expect(row.metadata.name).toBe('r7');
    expect(JSON.stringify(row).length).toBeGreaterThanOrEqual(FLOOR_ROW_BYTES - 8);
    expect(await stub.read('nope')).toBeUndefined();
    const list = JSON.parse(await stub.list());
    expect(list).toHaveLength(FLOOR_ROWS);
  });

  it('writes in one transaction: the counter grows, the object is upserted, a change row is appended', async () => {
    const stub = floor();
    const body = JSON.stringify({ metadata: { name: 'written' }, data: 'y'.repeat(2000) });
    const rv1 = await stub.write(body);
    const rv2 = await stub.write();
    expect(rv2).toBe(rv1 + 1);
    await runInDurableObject(stub, async (_obj, state) => {
      const sql = state.storage.sql;
      expect(sql.exec('SELECT value FROM counters').one().value).toBe(rv2);
      expect(sql.exec('SELECT value FROM objects WHERE key = ?', `r${rv1 % FLOOR_ROWS}`).one().value).toBe(body);
      expect(sql.exec('SELECT rv, key FROM changes ORDER BY rv').toArray()).toEqual([
        { rv: rv1, key: `r${rv1 % FLOOR_ROWS}` },
        { rv: rv2, key: `r${rv2 % FLOOR_ROWS}` },
      ]);
      expect(sql.exec('SELECT count(*) AS n FROM objects').one().n).toBe(FLOOR_ROWS);
    });
  });
});
