import type { Change } from './storage';
import type { GradeRow } from './exercises';
import { AUDIT_RETENTION, type AuditRow, type OutboxRecord, type OutboxSink, type TenantReport } from '../control-plane/sink';

/**
 * The tenant's outbox: what D1 must hear of — namespaces, RBAC objects and audit records —
 * written to the Durable Object's SQLite in the same transaction as the change it reports (the
 * store's commit hook calls `recordChanges`), and flushed to D1 by the alarm in `seq` order.
 * Rows leave the outbox only after the sink accepted them; while it fails they wait and the
 * flush is retried with exponential back-off. An empty outbox asks for no alarm.
 */

/** Storage keys whose objects go to D1's tenant_rbac, with their kind (served once RBAC is). */
export const RBAC_KINDS: Record<string, string> = {
  'roles.rbac.authorization.k8s.io': 'Role',
  'clusterroles.rbac.authorization.k8s.io': 'ClusterRole',
  'rolebindings.rbac.authorization.k8s.io': 'RoleBinding',
  'clusterrolebindings.rbac.authorization.k8s.io': 'ClusterRoleBinding',
};

/** How long rows gather before a flush (a burst of requests goes to D1 in one batch). */
export const FLUSH_DELAY_MS = 1000;
/** Records per D1 batch, and batches per flush (the rest waits for the next alarm). */
export const FLUSH_BATCH = 200;
const MAX_BATCHES_PER_FLUSH = 10;
/** Back-off after a failed delivery: 1 s, doubling, at most a minute. */
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
/**
 * Longest a D1 batch may take before the flush counts it as failed: the alarm awaits the
 * flush, and an alarm that never returns would stop every controller of the cluster. A batch
 * that lands after all is harmless: its upserts are idempotent.
 */
export const DELIVERY_TIMEOUT_MS = 30_000;
/** The outbox prunes its audit records past the retention bound every this many records. */
const PRUNE_EVERY = 256;

/** How one flush went. */
export interface FlushResult {
  delivered: number;
  /** The error of a failed delivery (rows kept, retry scheduled). */
  error?: unknown;
}

export class Outbox {
  /** How long a D1 batch may take (DELIVERY_TIMEOUT_MS; shorter in fault tests). */
  deliveryTimeoutMs = DELIVERY_TIMEOUT_MS;
  private pending = false;
  /** When the gathered rows are due to be flushed (ms), set when the first row arrives. */
  private dueAt = 0;
  /** No flush before this time (back-off after a failure). */
  private retryAt = 0;
  private failures = 0;
  private auditsSincePrune = 0;
  private inflight?: Promise<void>;

  constructor(private readonly sql: SqlStorage) {}

  /** Create the table and learn whether rows wait. Idempotent. */
  init(now: number): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, data TEXT NOT NULL)');
    this.pending = this.sql.exec('SELECT 1 FROM outbox LIMIT 1').toArray().length > 0;
    if (this.pending) this.dueAt = now;
  }

  /** Forget in-memory state after the storage was wiped (destroy). */
  forget(): void {
    this.pending = false;
    this.dueAt = this.retryAt = this.failures = 0;
  }

  private add(kind: OutboxRecord['kind'], row: unknown, now: number): void {
    this.sql.exec('INSERT INTO outbox (kind, data) VALUES (?, ?)', kind, JSON.stringify(row));
    if (!this.pending) {
      this.pending = true;
      this.dueAt = now + FLUSH_DELAY_MS;
    }
  }

  /** Rows for the namespaces and RBAC objects among committed changes (inside the commit). */
  recordChanges(changes: Change[], now: number): void {
    for (const c of changes) {
      const deleted = c.type === 'DELETED';
      const m = c.object.metadata;
      if (c.resource === 'namespaces') {
        const phase = String((c.object.status as { phase?: string } | undefined)?.phase ?? 'Active');
        this.add('namespace', { name: c.name, uid: m.uid ?? '', phase, resourceVersion: c.rv, deleted, at: now }, now);
      } else if (RBAC_KINDS[c.resource]) {
        this.add('rbac', { kind: RBAC_KINDS[c.resource], namespace: c.namespace, name: c.name, uid: m.uid ?? '', body: JSON.stringify(c.object), resourceVersion: c.rv, deleted, at: now }, now);
      }
    }
  }

  /** An audit record (inside a write's transaction, or on its own for reads). */
  recordAudit(row: AuditRow, now: number): void {
    this.add('audit', row, now);
    if (++this.auditsSincePrune >= PRUNE_EVERY) {
      this.auditsSincePrune = 0;
      // Past the retention bound the oldest records would be pruned from D1 anyway.
      this.sql.exec(
        `DELETE FROM outbox WHERE kind = 'audit' AND seq < (SELECT seq FROM outbox WHERE kind = 'audit' ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
        AUDIT_RETENTION - 1,
      );
    }
  }

  /**
   * The cluster was wiped: D1 forgets its namespaces and RBAC objects, and its grades unless
   * the instructor keeps them (inside the wipe).
   */
  recordReset(now: number, keepGrades = false): void {
    this.add('reset', { at: now, ...(keepGrades ? { keepGrades } : {}) }, now);
  }

  /** An exercise's grade (its status changed, or its attempts), for D1's exercise_grades. */
  recordGrade(row: GradeRow, now: number): void {
    this.add('grade', row, now);
  }

  /** Whether rows wait for D1. */
  hasPending(): boolean {
    return this.pending;
  }

  /** When the alarm should flush (undefined: nothing waits). */
  nextDue(): number | undefined {
    return this.pending ? Math.max(this.dueAt, this.retryAt) : undefined;
  }

  /** Whether a flush is due at `now` (rows wait and no back-off holds them). */
  due(now: number): boolean {
    return this.pending && now >= this.retryAt;
  }

  /** Rows waiting, oldest first (at most `limit`). */
  peek(limit = FLUSH_BATCH): OutboxRecord[] {
    return this.sql
      .exec<{ seq: number; kind: OutboxRecord['kind']; data: string }>('SELECT seq, kind, data FROM outbox ORDER BY seq LIMIT ?', limit)
      .toArray()
      .map((r) => ({ seq: r.seq, kind: r.kind, row: JSON.parse(r.data) }) as OutboxRecord);
  }

  /** Number of rows waiting. */
  size(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM outbox').toArray()[0].n;
  }

  /**
   * Deliver waiting rows to the sink in order, a batch at a time; each batch's rows are deleted
   * only after the sink accepted it. On failure the rows stay and the next try waits (back-off).
   * `report()` is read per batch. `tenant` undefined: nothing is delivered (rows wait).
   */
  async flush(sink: OutboxSink, tenant: string | undefined, report: () => TenantReport, now: () => number): Promise<FlushResult> {
    // One flush at a time (the alarm and an explicit flush may overlap while D1 answers): a
    // later caller waits for the running one, then delivers what is left.
    while (this.inflight) await this.inflight;
    const run = this.deliver(sink, tenant, report, now);
    this.inflight = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      this.inflight = undefined;
    }
  }

  private async deliver(sink: OutboxSink, tenant: string | undefined, report: () => TenantReport, now: () => number): Promise<FlushResult> {
    let delivered = 0;
    if (!tenant) return { delivered };
    for (let i = 0; i < MAX_BATCHES_PER_FLUSH; i++) {
      const batch = this.peek();
      if (!batch.length) break;
      try {
        await withTimeout(sink.deliver(tenant, batch, report()), this.deliveryTimeoutMs);
      } catch (error) {
        this.failures++;
        this.retryAt = now() + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (this.failures - 1));
        return { delivered, error };
      }
      this.failures = 0;
      this.retryAt = 0;
      this.sql.exec('DELETE FROM outbox WHERE seq <= ?', batch[batch.length - 1].seq);
      delivered += batch.length;
    }
    this.pending = this.sql.exec('SELECT 1 FROM outbox LIMIT 1').toArray().length > 0;
    // More than one flush's worth waits: go on at the next alarm, right away.
    if (this.pending) this.dueAt = now();
    return { delivered };
  }
}

/** `p`, or a rejection once `ms` have passed without it settling. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`D1 did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
