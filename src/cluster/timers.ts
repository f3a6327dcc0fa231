/**
 * The timer table: when each controller key is next due. A Durable Object has one alarm; this
 * table holds the whole schedule and the alarm is always set to its earliest entry (or
 * cleared when the table is empty, so an idle cluster sets no alarm).
 */
export class TimerTable {
  /**
   * The earliest due time as far as this instance knows (`null`: ask the table). Never later
   * than the table's: only `schedule` lowers it, and whatever else removes rows only makes the
   * table's later, so an alarm set from it is at worst early (it finds nothing due and re-arms).
   */
  private earliest: number | undefined | null = null;

  constructor(private readonly sql: SqlStorage) {}

  init(): void {
    this.earliest = null;
    this.sql.exec('CREATE TABLE IF NOT EXISTS timers (key TEXT PRIMARY KEY, due INTEGER NOT NULL)');
    this.sql.exec('CREATE INDEX IF NOT EXISTS timers_due ON timers (due)');
  }

  /** Make `key` due at `due` (ms since epoch), keeping an earlier time already set. */
  schedule(key: string, due: number): void {
    const at = Math.floor(due);
    this.sql.exec('INSERT INTO timers (key, due) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET due = MIN(due, excluded.due)', key, at);
    if (this.earliest !== null) this.earliest = this.earliest === undefined ? at : Math.min(this.earliest, at);
  }

  /** Take up to `limit` keys due at or before `now`, earliest first (they leave the table). */
  takeDue(now: number, limit: number): string[] {
    // One statement: the rows leave the table as they are read (RETURNING has no order of its own).
    const rows = this.sql
      .exec<{ key: string; due: number }>('DELETE FROM timers WHERE key IN (SELECT key FROM timers WHERE due <= ? ORDER BY due, key LIMIT ?) RETURNING key, due', Math.floor(now), limit)
      .toArray();
    if (rows.length) this.earliest = null;
    return rows.sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.key);
  }

  /** The earliest due time, if any key is scheduled. */
  next(): number | undefined {
    if (this.earliest !== null) return this.earliest;
    const row = this.sql.exec<{ due: number | null }>('SELECT MIN(due) AS due FROM timers').toArray()[0];
    this.earliest = row?.due ?? undefined;
    return this.earliest;
  }

  /** Number of scheduled keys. */
  size(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM timers').toArray()[0].n;
  }
}
