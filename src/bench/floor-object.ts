import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

/** How many rows the floor's table holds, and the size of each (bytes of JSON). */
export const FLOOR_ROWS = 1000;
export const FLOOR_ROW_BYTES = 2048;

/** A JSON object of about `bytes` bytes: an object with a name and a padding field. */
export function floorRow(key: string, bytes = FLOOR_ROW_BYTES): string {
  const head = JSON.stringify({ apiVersion: 'v1', kind: 'Floor', metadata: { name: key }, data: '' });
  return JSON.stringify({ apiVersion: 'v1', kind: 'Floor', metadata: { name: key }, data: 'x'.repeat(Math.max(0, bytes - head.length)) });
}

/**
 * The benchmark's floor (test/bench/lib/floor.mjs): what the platform itself costs for the
 * shapes of work a cluster request does, with no Kubernetes logic — an RPC answering fixed JSON,
 * a read of one ~2 KB row, one transactional write (bump a counter, upsert a ~2 KB object,
 * append a change row: the cluster's own write, see src/cluster/storage.ts) and a list of 1,000
 * such rows as one JSON array. Routed only where BENCH_FLOOR is "1" (src/http/bench-floor.ts).
 */
export class FloorObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => this.init());
  }

  private init(): void {
    const sql = this.ctx.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS objects (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    sql.exec('CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
    sql.exec('CREATE TABLE IF NOT EXISTS changes (rv INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT NOT NULL)');
    if (sql.exec('SELECT count(*) AS n FROM objects').one().n as number >= FLOOR_ROWS) return;
    this.ctx.storage.transactionSync(() => {
      sql.exec("INSERT OR IGNORE INTO counters (name, value) VALUES ('rv', 0)");
      for (let i = 0; i < FLOOR_ROWS; i++) sql.exec('INSERT OR REPLACE INTO objects (key, value) VALUES (?, ?)', `r${i}`, floorRow(`r${i}`));
    });
  }

  /** Fixed JSON of about 300 bytes: the bare Worker → Durable Object RPC. */
  async ping(): Promise<string> {
    return PING;
  }

  /** One row by key (`r0` … `r999`). */
  async read(key: string): Promise<string | undefined> {
    return this.ctx.storage.sql.exec<{ value: string }>('SELECT value FROM objects WHERE key = ?', key).toArray()[0]?.value;
  }

  /**
   * One synchronous transaction: bump the counter, upsert `value` (a ~2 KB row when not given)
   * under one of the table's keys, append a change row. Returns the new counter value.
   */
  async write(value?: string): Promise<number> {
    const sql = this.ctx.storage.sql;
    return this.ctx.storage.transactionSync(() => {
      const rv = sql.exec<{ value: number }>("UPDATE counters SET value = value + 1 WHERE name = 'rv' RETURNING value").one().value;
      const key = `r${rv % FLOOR_ROWS}`;
      const body = value ?? floorRow(key);
      sql.exec('INSERT INTO objects (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, body);
      sql.exec('INSERT INTO changes (rv, key, value) VALUES (?, ?, ?)', rv, key, body);
      return rv;
    });
  }

  /** Every row as one JSON array. */
  async list(): Promise<string> {
    const rows = this.ctx.storage.sql.exec<{ value: string }>('SELECT value FROM objects ORDER BY key').toArray();
    return `[${rows.map((r) => r.value).join(',')}]`;
  }
}

const PING = JSON.stringify({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200,
  details: { name: 'floor', kind: 'ping', causes: [{ reason: 'FieldValueValid', message: 'a fixed answer of about three hundred bytes, for the RPC floor', field: 'metadata.name' }] },
});
