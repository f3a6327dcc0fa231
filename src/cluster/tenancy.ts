import type { UserInfo } from '../apiserver/registry/context';
import type { RequestInfo } from '../apiserver/request-info';
import { unauthorized, type StatusError } from '../apiserver/status';
import type { Change, ObjectStore, WriteOp } from './storage';
import type { OutboxSink, TenantReport } from '../control-plane/sink';
import { Outbox, type FlushResult } from './outbox';
import { Revocations, type RevokeOptions, type TokenCredential } from './revocation';
import { loadSettings, resolveLimits, saveSettings, type ResolvedLimits, type TenantSettings } from './settings';
import { objectLimitExceeded, tooMany } from './limits';
import { FairQueues, fairnessFor, flowOf, type FlowClass } from './fairness';
import { Replays } from './replays';
import { fillCreatedName, finishAudit, isAuthorizationDenial, type PendingAudit } from './audit';

const LAST_ACTIVITY_KEY = 'tenancy.lastActivity';
const TENANT_KEY = 'tenancy.tenant';
/** How far the last activity may run ahead of its stored value. */
const ACTIVITY_STORED_EVERY_MS = 1000;

/**
 * What makes a cluster a tenant of the hosted service, beside the cluster itself: its settings
 * and limits, token revocation, the audit trail and the outbox to D1, its object count and
 * last activity. One per Durable Object instance; its state is in SQLite and mirrored on the
 * instance (never in module scope). The store's commit hook is `onCommit`.
 */
export class Tenancy {
  readonly outbox: Outbox;
  readonly revocations: Revocations;
  /** Request ids already committed, so that a retried write is answered, not applied twice. */
  readonly replays: Replays;
  settings: TenantSettings = {};
  limits: ResolvedLimits = resolveLimits({});
  /** Stored objects (kept by the commit hook). */
  objects = 0;
  lastActivityAt: number | null = null;
  /** The request rate, queued fairly (see fairness.ts). */
  readonly fairness: FairQueues;
  /** The last activity as stored (see writeAudit). */
  private storedActivityAt: number | null = null;
  /** The request whose write is being committed right now (set only around a synchronous commit). */
  private committing?: PendingAudit;
  private tenant?: string;

  /**
   * `sink` is asked for at each flush (so tests may swap D1); `knownTenant` is the Durable
   * Object's name when the runtime tells it.
   */
  constructor(
    private readonly sql: SqlStorage,
    private readonly transactionSync: <T>(fn: () => T) => T,
    private readonly sink: () => OutboxSink,
    private readonly knownTenant: string | undefined,
  ) {
    this.outbox = new Outbox(sql);
    this.revocations = new Revocations(sql);
    this.replays = new Replays(sql);
    this.fairness = new FairQueues(fairnessFor(this.limits.requestsPerSecond), () => Date.now());
  }

  /** Create the tables (after the store's, which makes `meta`) and load the state. Idempotent. */
  init(now: number): void {
    this.outbox.init(now);
    this.revocations.init();
    this.replays.init();
    this.applySettings(loadSettings(this.sql));
    this.objects = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM objects').toArray()[0].n;
    const meta = (k: string) => this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', k).toArray()[0]?.value;
    const last = meta(LAST_ACTIVITY_KEY);
    this.lastActivityAt = last ? Number(last) : null;
    this.storedActivityAt = this.lastActivityAt;
    this.tenant = this.knownTenant ?? meta(TENANT_KEY);
    this.committing = undefined;
  }

  /** Store new settings and apply their limits (nodes and profile are the caller's). */
  configure(s: TenantSettings): void {
    saveSettings(this.sql, s);
    this.applySettings(s);
  }

  private applySettings(s: TenantSettings): void {
    this.settings = s;
    this.limits = resolveLimits(s);
    this.fairness.configure(fairnessFor(this.limits.requestsPerSecond));
  }

  /** Record a revocation (not-before epoch, denied jtis). */
  revoke(opts: RevokeOptions, now: number): void {
    this.revocations.revoke(opts, now);
  }

  /** The tenant's id (the object's name, or the one learned from the cluster URL), once known. */
  get tenantId(): string | undefined {
    return this.tenant;
  }

  /** The tenant's id for D1 rows: the object's name, else learned from the cluster URL once. */
  learnTenant(base: string): void {
    if (this.tenant) return;
    const m = /\/clusters\/([^/]+)$/.exec(base);
    if (!m) return;
    this.tenant = m[1];
    this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', TENANT_KEY, this.tenant);
  }

  /**
   * Why a request is refused before the cluster sees it, if it is: a revoked token (401
   * Unauthorized), the concurrent watches over the limit, or the request rate (429) — a request
   * over the rate first waits its turn in its flow's queue (fairness.ts) and is refused only when
   * that wait would be too long.
   */
  async refusal(credential: TokenCredential | undefined, info: RequestInfo, username: string, openWatches: number, kind?: FlowClass): Promise<StatusError | undefined> {
    if (this.revocations.refuses(credential)) return unauthorized();
    if (info.verb === 'watch' && openWatches >= this.limits.watches) return tooMany();
    const flow = flowOf(username, info, kind);
    if (flow === undefined) return undefined;
    const admitted = this.fairness.admit(flow);
    if (!(admitted === true || (admitted !== false && (await admitted)))) return tooMany();
    return undefined;
  }

  /** Refuse a request's writes that would store more objects than the limit allows (403). */
  checkObjectLimit(ops: WriteOp[], store: ObjectStore): void {
    const created = ops.filter((w) => w.op === 'put' && !store.get(w.resource, w.object.metadata.namespace ?? '', w.object.metadata.name ?? ''));
    if (!created.length || this.objects + created.length <= this.limits.objects) return;
    const first = created[0];
    const dot = first.resource.indexOf('.');
    const gr = dot < 0 ? { group: '', resource: first.resource } : { group: first.resource.slice(dot + 1), resource: first.resource.slice(0, dot) };
    throw objectLimitExceeded(gr, first.object.metadata.name ?? '', created.length, this.objects, this.limits.objects);
  }

  /** Run a synchronous commit on behalf of a request: its audit record joins the transaction. */
  commitFor<T>(audit: PendingAudit | undefined, commit: () => T): T {
    this.committing = audit && !audit.done && audit.writtenWithCode === undefined ? audit : undefined;
    try {
      return commit();
    } finally {
      this.committing = undefined;
    }
  }

  /** The store's commit hook, inside the transaction: outbox rows, object count, audit. */
  onCommit(changes: Change[], now: number): void {
    for (const c of changes) {
      if (c.type === 'ADDED') this.objects++;
      else if (c.type === 'DELETED') this.objects--;
    }
    this.outbox.recordChanges(changes, now);
    const a = this.committing;
    if (a) {
      a.row.stageAt = now;
      fillCreatedName(a.row, changes);
      if (a.requestId && a.writtenWithCode === undefined && changes.length) this.replays.record(a.requestId, a.row.code, changes[0].rv, a.row.auditId, now);
      this.writeAudit(a, now);
      a.writtenWithCode = a.row.code;
    }
  }

  private writeAudit(a: PendingAudit, now: number): void {
    this.outbox.recordAudit(a.row, now);
    this.lastActivityAt = Math.max(this.lastActivityAt ?? 0, a.row.requestReceivedAt);
    // Kept to the second in storage (a restart may forget the last second), not rewritten by
    // every request: the instance's own figure is exact.
    if (this.storedActivityAt !== null && this.lastActivityAt - this.storedActivityAt < ACTIVITY_STORED_EVERY_MS) return;
    this.storedActivityAt = this.lastActivityAt;
    this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', LAST_ACTIVITY_KEY, String(this.lastActivityAt));
  }

  /**
   * Complete a request's audit record with its response. A record already written with the
   * write's transaction stays as it is when the code is the one it was written with; otherwise
   * (reads, refusals, failed writes, an unexpected code) the record is written on its own (a
   * later record of the same auditID corrects the earlier one in D1).
   */
  async completeAudit(a: PendingAudit, res: Response, now: number): Promise<void> {
    let forbid = res.status === 401;
    if (res.status === 403) {
      try {
        forbid = isAuthorizationDenial((await res.clone().json<{ message?: string }>()).message);
      } catch {
        forbid = false;
      }
    }
    a.done = true;
    if (a.requestId && a.writtenWithCode !== undefined && a.writtenWithCode !== res.status) this.replays.settle(a.requestId, res.status);
    const decision = forbid ? 'forbid' : 'allow';
    if (a.writtenWithCode === res.status && a.row.decision === decision) return;
    finishAudit(a, res.status, forbid, now);
    this.transactionSync(() => this.writeAudit(a, now));
  }

  /** What D1's tenants row reports. */
  report(): TenantReport {
    return { objects: this.objects, lastActivityAt: this.lastActivityAt };
  }

  /** Deliver the outbox to D1 (see Outbox.flush). */
  flush(now: () => number): Promise<FlushResult> {
    return this.outbox.flush(this.sink(), this.tenant, () => this.report(), now);
  }
}
