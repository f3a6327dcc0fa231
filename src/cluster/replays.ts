import { AUDIT_ID_HEADER } from './audit';

/**
 * Writes the object can recognise as already applied. The Worker gives each request an id and
 * sends the same id again when it retries after a lost connection (src/http/cluster-call.ts);
 * the first commit of a request records its id, response code and resourceVersion in the same
 * transaction, so a repeated id is answered from that commit — the object as it was written,
 * from the change log — and never applied twice. Rows are kept for `KEEP_MS`, long past the
 * Worker's last retry.
 */

/** How long a request id is remembered (the Worker retries within about a second). */
export const KEEP_MS = 10 * 60_000;
/** Prune old ids every this many records. */
const PRUNE_EVERY = 200;

export class Replays {
  private sincePrune = 0;

  constructor(private readonly sql: SqlStorage) {}

  init(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS replays (id TEXT PRIMARY KEY, at INTEGER NOT NULL, code INTEGER NOT NULL, rv INTEGER NOT NULL, audit_id TEXT NOT NULL)');
  }

  /** Inside a commit's transaction: the request `id` committed at `rv`, to be answered `code`. */
  record(id: string, code: number, rv: number, auditId: string, now: number): void {
    this.sql.exec('INSERT OR IGNORE INTO replays (id, at, code, rv, audit_id) VALUES (?, ?, ?, ?, ?)', id, now, code, rv, auditId);
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.sql.exec('DELETE FROM replays WHERE at < ?', now - KEEP_MS);
    }
  }

  /** The response's code, once known, when it is not the one recorded at the commit. */
  settle(id: string, code: number): void {
    this.sql.exec('UPDATE replays SET code = ? WHERE id = ?', code, id);
  }

  /**
   * The answer to a request id already committed, or undefined when it never was: its code and
   * the object as that commit wrote it (a Status Success if the change log no longer holds it).
   */
  answer(id: string): Response | undefined {
    const row = this.sql.exec<{ code: number; rv: number; audit_id: string }>('SELECT code, rv, audit_id FROM replays WHERE id = ?', id).toArray()[0];
    if (!row) return undefined;
    const change = this.sql.exec<{ data: string }>('SELECT data FROM changes WHERE rv = ?', row.rv).toArray()[0];
    const body = change?.data ?? JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: row.code });
    return new Response(body, { status: row.code, headers: { 'Content-Type': 'application/json', [AUDIT_ID_HEADER]: row.audit_id } });
  }
}
