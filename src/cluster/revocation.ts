/**
 * Revocation of a tenant's tokens, enforced by its Durable Object (the Worker verifies tokens
 * without any database read): a not-before epoch — tokens issued (`iat`) before it are refused
 * — and a list of denied token ids (`jti`). Both live in the object's SQLite storage and are
 * mirrored in memory, so the check per request reads nothing. The denied list is bounded: the
 * oldest entries beyond MAX_DENIED are dropped (tokens are short-lived; a wholesale revocation
 * uses the not-before epoch instead).
 */

import type { TokenCredential } from '../auth/tokens';

/** The verified token's identity (`jti`, `iat` in seconds), as the Worker hands it over with each request. */
export type { TokenCredential };

/** What a revocation asks: a new not-before epoch (seconds) and/or token ids to deny. */
export interface RevokeOptions {
  notBefore?: number;
  jtis?: string[];
}

/** Denied jtis kept at most (oldest forgotten first). */
export const MAX_DENIED = 10_000;

const NOT_BEFORE_KEY = 'tenancy.notBefore';

export class Revocations {
  private notBefore = 0;
  private denied = new Set<string>();

  constructor(private readonly sql: SqlStorage) {}

  /** Create the table (the `meta` table must exist) and load the state. Idempotent. */
  init(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS denied_tokens (jti TEXT PRIMARY KEY, added INTEGER NOT NULL)');
    const row = this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', NOT_BEFORE_KEY).toArray()[0];
    this.notBefore = Number(row?.value ?? 0) || 0;
    this.denied = new Set(this.sql.exec<{ jti: string }>('SELECT jti FROM denied_tokens').toArray().map((r) => r.jti));
  }

  /** The current not-before epoch (seconds; 0 when none). */
  get notBeforeEpoch(): number {
    return this.notBefore;
  }

  /** Record a revocation. The not-before epoch only moves forward. */
  revoke(opts: RevokeOptions, now: number): void {
    if (typeof opts.notBefore === 'number' && Number.isFinite(opts.notBefore) && opts.notBefore > this.notBefore) {
      this.notBefore = Math.floor(opts.notBefore);
      this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', NOT_BEFORE_KEY, String(this.notBefore));
    }
    const jtis = (opts.jtis ?? []).filter((j) => typeof j === 'string' && j && !this.denied.has(j));
    if (!jtis.length) return;
    for (const j of jtis) {
      this.sql.exec('INSERT OR IGNORE INTO denied_tokens (jti, added) VALUES (?, ?)', j, now);
      this.denied.add(j);
    }
    if (this.denied.size > MAX_DENIED) {
      const drop = this.sql
        .exec<{ jti: string }>('SELECT jti FROM denied_tokens ORDER BY added, jti LIMIT ?', this.denied.size - MAX_DENIED)
        .toArray()
        .map((r) => r.jti);
      for (const j of drop) {
        this.sql.exec('DELETE FROM denied_tokens WHERE jti = ?', j);
        this.denied.delete(j);
      }
    }
  }

  /** Whether a request with this credential must be refused (401). Anonymous requests pass. */
  refuses(c: TokenCredential | undefined): boolean {
    if (!c) return false;
    if (c.jti && this.denied.has(c.jti)) return true;
    if (this.notBefore > 0 && typeof c.iat === 'number' && c.iat < this.notBefore) return true;
    return false;
  }
}
