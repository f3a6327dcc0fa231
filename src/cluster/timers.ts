/**
 * The timer table: when each controller key is next due. A Durable Object has one alarm; this
 * table holds the whole schedule and the alarm is always set to its earliest entry (or
 * cleared when the table is empty, so an idle cluster sets no alarm).
 */
export class TimerTable {
  constructor(private readonly sql: SqlStorage) {}

  init(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS timers (key TEXT PRIMARY KEY, due INTEGER NOT NULL)');
    this.sql.exec('CREATE INDEX IF NOT EXISTS timers_due ON timers (due)');
  }

  /** Make `key` due at `due` (ms since epoch), keeping an earlier time already set. */
  schedule(key: string, due: number): void {
    this.sql.exec('INSERT INTO timers (key, due) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET due = MIN(due, excluded.due)', key, Math.floor(due));
  }

  /** Take up to `limit` keys due at or before `now`, earliest first (they leave the table). */
  takeDue(now: number, limit: number): string[] {
    const rows = this.sql.exec<{ key: string }>('SELECT key FROM timers WHERE due <= ? ORDER BY due, key LIMIT ?', Math.floor(now), limit).toArray();
    for (const r of rows) this.sql.exec('DELETE FROM timers WHERE key = ?', r.key);
    return rows.map((r) => r.key);
  }

  /** The earliest due time, if any key is scheduled. */
  next(): number | undefined {
    const row = this.sql.exec<{ due: number | null }>('SELECT MIN(due) AS due FROM timers').toArray()[0];
    return row?.due ?? undefined;
  }

  /** Number of scheduled keys. */
  size(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM timers').toArray()[0].n;
  }
}
