import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';

/** The control plane's drizzle handle over the D1 binding. */
export type ControlDb = DrizzleD1Database<Record<string, never>>;

/** A drizzle handle for the D1 binding (cheap: made per request, holds no state). */
export function controlDb(d1: D1Database): ControlDb {
  return drizzle(d1);
}

/** D1 binds at most 100 parameters per statement: rows per multi-row insert of `columns` columns. */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(100 / columns));
}

/** Split `xs` into chunks of at most `n`. */
export function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Run statements as one D1 batch (one round trip, one implicit transaction); none is a no-op. */
export async function runBatch(db: ControlDb, stmts: BatchItem<'sqlite'>[]): Promise<void> {
  if (stmts.length === 0) return;
  await db.batch(stmts as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
