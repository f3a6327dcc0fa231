import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { handleApiRequest } from '../apiserver/handler';
import type { UserInfo } from '../apiserver/registry/context';
import { requestInfo } from '../apiserver/request-info';
import { statusResponse } from '../apiserver/status';
import type { ControllerContext } from '../controllers/types';
import { ControllerRuntime } from '../controllers/runtime';
import { controllers } from '../controllers';
import { d1Sink, type OutboxSink } from '../control-plane/sink';
import { ObjectStore, type Change, type WriteOp } from './storage';
import { TimerTable } from './timers';
import { WatchHub } from './watch-hub';
import { studentAccessOps } from '../rbac/student-access';
import { bootstrapCluster } from './bootstrap';
import { SqlFileStore } from '../sim/runtime/sql-files';
import { unpackStreamRequest } from '../http/stream-upgrade';
import { Tenancy } from './tenancy';
import { startAudit, withAuditId, type PendingAudit } from './audit';
import { resolveNodes, resolveProfile, type TenantSettings } from './settings';
import type { RevokeOptions, TokenCredential } from './revocation';
import { wipeCluster } from './reset';
import type { FlushResult } from './outbox';
import { Exercises } from './exercises';
import { exerciseController } from '../controllers/exercise/controller';
import { parseExercise } from '../exercises/schema';
import { countPods, type PodCounts } from './pod-counts';
import { serveApp, platformPage, type AppRequest } from '../apiserver/proxy/apps';
import { runtimeOf } from '../sim/runtime/controller';
import { ApiserverMetrics, requestLabels } from '../apiserver/instrumentation/request-metrics';
import { ClusterCA } from './cluster-ca';
import { rootCAUpdates } from '../resources/namespace/lifecycle';

/** How long past its time an alarm may not have fired before `arm` sets it again. */
const LOST_ALARM_MS = 5_000;

/**
 * One tenant cluster. A thin class: it initialises storage once, then delegates requests to the
 * API handler, its alarm to the controller runtime and the outbox, and its tenancy (settings,
 * limits, revocation, audit) to Tenancy. All tenant state lives on the instance and in its
 * SQLite storage, never in module scope. The cluster itself is built on first use, with the
 * settings `configure` stored.
 */
export class ClusterObject extends DurableObject<Env> {
  private readonly store: ObjectStore;
  private readonly timers: TimerTable;
  private readonly hub = new WatchHub();
  private readonly runtime: ControllerRuntime;
  private readonly cluster: ControllerContext & { caPem: string; files: SqlFileStore; ca: ClusterCA };
  private readonly tenancy: Tenancy;
  /** The exercises assigned to this cluster: assignments, recorded requests, attempts, grades. */
  private readonly exercises: Exercises;
  /** Where the outbox goes (D1); replaceable for fault tests. */
  private sink: OutboxSink;
  /** When the alarm is set for (ms), as far as this instance knows. */
  private alarmAt: number | null = null;
  /** The timer that looks for a lost alarm (see `watch`). */
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** Requests in progress by the Worker's request id (a retry waits for the first attempt). */
  private readonly inflight = new Map<string, Promise<Response>>();
  /** The cluster's objects exist (bootstrapped). */
  private booted = false;
  /** The apiserver's request counters (`/metrics`), kept for this instance's life as a process keeps its own. */
  private readonly metrics = new ApiserverMetrics(Date.now());

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const tx = <T>(fn: () => T) => ctx.storage.transactionSync(fn);
    this.sink = d1Sink(env.DB);
    this.tenancy = new Tenancy(ctx.storage.sql, tx, () => this.sink, ctx.id.name);
    this.exercises = new Exercises(ctx.storage.sql, this.tenancy.outbox);
    this.store = new ObjectStore(ctx.storage.sql, tx, {
      onCommit: (changes) => {
        this.tenancy.onCommit(changes, Date.now());
        this.exercises.onCommit(changes, Date.now());
      },
    });
    this.timers = new TimerTable(ctx.storage.sql);
    this.runtime = new ControllerRuntime(this.timers, [...controllers(), exerciseController(this.exercises.index, () => this.exercises.commands())]);
    this.cluster = {
      store: this.store,
      hub: this.hub,
      caPem: env.CA_PEM ?? '',
      settings: { profile: resolveProfile({}, env.TIMING_PROFILE) },
      now: () => new Date(),
      random: Math.random,
      commit: (ops: WriteOp[]) => this.commit(ops),
      kick: () => this.arm(),
      // Simulated containers' files (kubectl exec): emptyDir, hostPath, PV content, writable layers.
      files: new SqlFileStore(ctx.storage.sql),
      // The cluster's CA, which signs approved CSRs (made when first needed).
      ca: new ClusterCA(ctx.storage.sql, (pem) => this.publishCA(pem)),
    };
    ctx.blockConcurrencyWhile(() => this.start());
  }

  /**
   * What a new instance does first: load the tenant's state and set the alarm for what is due.
   * The timers are stored with the writes that made them, so a wake after eviction has nothing
   * to catch up on; only new code (a deploy, a dev server's reload: a new Worker version) has
   * every controller look at everything once (a level-triggered resync), as a restarted
   * kube-controller-manager does. Waking an idle cluster (a stats read) thus arms nothing.
   */
  private async start(): Promise<void> {
    this.open();
    const newCode = this.store.recordCodeVersion(this.env.CF_VERSION_METADATA?.id);
    if (this.booted && newCode) this.runtime.resyncAll(this.cluster);
    this.alarmAt = await this.ctx.storage.getAlarm();
    // An alarm stored as already due did not fire (wrangler dev was restarted meanwhile): set it again.
    if (this.alarmAt !== null && this.alarmAt <= Date.now()) this.alarmAt = null;
    this.arm();
  }

  /**
   * kube-root-ca.crt carries the platform CA (which signed the API server's certificate) and, once
   * the cluster has one, its own CA (which signs CSRs), as one bundle.
   */
  private caBundle(clusterCA = this.cluster.ca.pem()): string {
    return [this.env.CA_PEM, clusterCA].filter(Boolean).map((p) => p!.trimEnd() + '\n').join('');
  }

  /** The root-CA publisher's work when the cluster CA is made: every kube-root-ca.crt gets the new bundle. */
  private publishCA(pem: string): void {
    this.cluster.caPem = this.caBundle(pem);
    const ops = rootCAUpdates(this.store, this.cluster.caPem);
    if (ops.length) this.commit(ops);
  }

  /** Create the tables and load the tenant's state (also after `destroy` wiped them). */
  private open(): void {
    this.store.init();
    this.cluster.caPem = this.caBundle();
    this.timers.init();
    this.tenancy.init(Date.now());
    this.exercises.init();
    this.cluster.settings.profile = resolveProfile(this.tenancy.settings, this.env.TIMING_PROFILE);
    this.booted = this.tenancy.objects > 0;
  }

  /** Build the cluster's objects if it has none yet (first use, or after a reset). */
  private ensureCluster(): void {
    if (this.booted) return;
    this.booted = true;
    // Storage is the authority (once per instance): objects written since `open` count too.
    if (this.ctx.storage.sql.exec('SELECT 1 FROM objects LIMIT 1').toArray().length) return;
    this.commit([...bootstrapCluster(this.cluster, resolveNodes(this.tenancy.settings)), ...studentAccessOps(this.cluster, this.tenancy.settings.access, this.cluster.caPem)]);
  }

  /**
   * Commit, publish to watches, and mark what the controllers must look at. With `audit`, the
   * commit is a request's: its creates count against the object limit and its audit record
   * joins the transaction.
   */
  private commit(ops: WriteOp[], audit?: PendingAudit): Change[] {
    if (audit && !audit.done) this.tenancy.checkObjectLimit(ops, this.store);
    const changes = this.tenancy.commitFor(audit, () => this.store.commit(ops));
    this.hub.publish(changes);
    this.runtime.enqueueChanges(changes, this.cluster);
    this.arm();
    return changes;
  }

  /** Set the alarm to the earliest timer or outbox flush (none when nothing is scheduled). */
  private arm(): void {
    const t = this.timers.next();
    const o = this.tenancy.outbox.nextDue();
    const next = t === undefined ? o : o === undefined ? t : Math.min(t, o);
    if (next === undefined) return;
    // An alarm long overdue was lost (the local runtime can drop one set while a handler runs):
    // set it again rather than wait for it, or the cluster's controllers would stop for good.
    const lost = this.alarmAt !== null && this.alarmAt < Date.now() - LOST_ALARM_MS;
    if (this.alarmAt !== null && this.alarmAt <= next && !lost) {
      this.watch();
      return;
    }
    this.alarmAt = next;
    void this.ctx.storage.setAlarm(next);
    this.watch();
  }

  /**
   * While an alarm is expected, one in-memory timer looks again a little after it is due, so a
   * lost alarm is set again even when no request comes (a student only watching, `kubectl get
   * -w`, helm's `--wait`). It lives only as long as this instance; a new instance re-arms on start.
   */
  private watch(): void {
    if (this.watchdog !== undefined || this.alarmAt === null) return;
    this.watchdog = setTimeout(() => this.onWatchdog(), Math.max(0, this.alarmAt - Date.now()) + LOST_ALARM_MS + 1);
  }

  /** The watchdog's look: re-arm if the alarm was lost, and watch the next one. */
  private onWatchdog(): void {
    this.watchdog = undefined;
    this.arm();
  }

  /**
   * Serve one Kubernetes API request (RPC from the Worker, identity already verified).
   * `credential` is the verified token's `jti` and `iat`, checked against the tenant's
   * revocations. Every request is audited; the answer carries its `Audit-Id`. `requestId` is the
   * Worker's id of the request: a retry of one already committed is answered from that commit
   * (replays.ts), and one still in progress is waited for first. `attempt` is the Worker's count
   * (1 the first): a first attempt has no earlier commit to look for.
   */
  async serve(request: Request, path: string, base: string, user: UserInfo, credential?: TokenCredential, requestId?: string, attempt?: number): Promise<Response> {
    if (!requestId) return this.serveOnce(request, path, base, user, credential);
    const earlier = this.inflight.get(requestId);
    if (earlier) await earlier.catch(() => undefined);
    const replay = earlier || attempt !== 1 ? this.tenancy.replays.answer(requestId) : undefined;
    if (replay) return replay;
    const p = this.serveOnce(request, path, base, user, credential, requestId);
    this.inflight.set(requestId, p);
    try {
      return await p;
    } finally {
      if (this.inflight.get(requestId) === p) this.inflight.delete(requestId);
    }
  }

  private async serveOnce(request: Request, path: string, base: string, user: UserInfo, credential?: TokenCredential, requestId?: string): Promise<Response> {
    const now = Date.now();
    this.tenancy.learnTenant(base);
    const query = new URL(request.url).searchParams;
    const info = requestInfo(request.method, path, query);
    const audit = startAudit(request, path, info, user, now);
    if (requestId) audit.requestId = requestId;
    const finished = this.metrics.start(request.method, requestLabels(request.method, info, query, request.headers.get('content-type')));
    let res: Response;
    let code = 500;
    try {
      const refused = await this.tenancy.refusal(credential, info, user.username, this.hub.size);
      if (refused) {
        res = statusResponse(refused);
      } else {
        // Discovery, /version and the health checks need no objects: only resource requests (and /metrics, which counts them) build the cluster.
        if (info.isResourceRequest || path === '/metrics') this.ensureCluster();
        const ctx = { ...this.cluster, commit: (ops: WriteOp[]) => this.commit(ops, audit) };
        res = await handleApiRequest(ctx, { request, path, base, user, tenant: this.tenancy.tenantId, metrics: this.metrics });
      }
      code = res.status;
    } finally {
      finished(code, (Date.now() - now) / 1000);
    }
    await this.tenancy.completeAudit(audit, res, Date.now());
    for (const name of this.exercises.onRequest(audit.row, this.store, Date.now())) this.runtime.schedule('exercise', name, this.cluster.now().getTime());
    this.arm();
    return withAuditId(res, audit.row.auditId);
  }

  /**
   * Traffic from outside the cluster (the Worker's app routes, caller authenticated; their
   * token's revocation and the rate limit are checked here): src/apiserver/proxy/apps.ts.
   */
  async serveApp(req: AppRequest, credential?: TokenCredential): Promise<Response> {
    const refused = await this.tenancy.refusal(credential, requestInfo('GET', '/apps', new URLSearchParams()), 'apps', 0, 'apps');
    if (refused) return platformPage(refused.code, refused.code === 401 ? 'Sign in again' : 'Too many requests', `<p>${refused.status.message ?? ''}</p>`);
    this.ensureCluster();
    const rt = runtimeOf(this.cluster);
    return rt ? serveApp(rt, req) : platformPage(500, 'The cluster has no container runtime', '');
  }

  /** WebSocket upgrades (exec, attach, port-forward) forwarded by the Worker with stub.fetch. */
  async fetch(request: Request): Promise<Response> {
    const args = unpackStreamRequest(request);
    if (!args) return new Response(null, { status: 404 });
    return this.serve(...(args as Parameters<ClusterObject['serve']>));
  }

  /**
   * Apply settings (admin API): limits and the timing profile at once; the node shape when the
   * cluster is built (first use or `reset`).
   */
  async configure(settings: TenantSettings): Promise<void> {
    this.tenancy.configure(settings ?? {});
    this.cluster.settings.profile = resolveProfile(this.tenancy.settings, this.env.TIMING_PROFILE);
  }

  /**
   * Wipe the cluster to a fresh one (with new settings when given, else the stored ones): open
   * watches end, every object goes, a new cluster is built. Revocations and audit records stay.
   * The assigned exercises come back; their progress (status, attempts, requests recorded) and
   * D1's grades only with `keepGrades`.
   */
  async reset(settings?: TenantSettings, opts: { keepGrades?: boolean } = {}): Promise<void> {
    if (settings) await this.configure(settings);
    this.hub.closeAll();
    const kept = opts.keepGrades ? this.exercises.statuses(this.store) : undefined;
    wipeCluster(this.ctx.storage.sql, this.store, this.tenancy.outbox, Date.now(), opts.keepGrades === true);
    if (!opts.keepGrades) this.exercises.forgetProgress();
    this.tenancy.objects = 0;
    this.booted = false;
    this.ensureCluster();
    const restore = this.exercises.restoreOps(this.cluster.now(), kept);
    if (restore.length) this.commit(restore);
    this.arm();
  }

  /**
   * Assign exercises (admin API): each document is validated (an invalid one refuses the whole
   * call with every problem named) and becomes an Exercise object, written by the platform —
   * never through the Kubernetes API, where exercises are read-only. Returns their names.
   */
  async assignExercises(documents: unknown[], opts: { language?: 'en' | 'fr' } = {}): Promise<string[]> {
    const docs = documents.map((d) => parseExercise(d));
    this.ensureCluster();
    const ops = this.exercises.assignOps(this.store, docs, opts.language === 'fr' ? 'fr' : 'en', this.cluster.now());
    if (ops.length) this.commit(ops);
    return docs.map((d) => d.metadata.name);
  }

  /** Remove assigned exercises by name (their grades leave D1 too); returns those removed. */
  async unassignExercises(names: string[]): Promise<string[]> {
    const ops = this.exercises.unassignOps(this.store, names);
    if (ops.length) this.commit(ops);
    return ops.map((o) => o.object.metadata.name!);
  }

  /** Refuse tokens: those issued before `notBefore` (epoch seconds) and the given `jtis`. */
  async revoke(opts: RevokeOptions): Promise<void> {
    this.tenancy.revoke(opts ?? {}, Date.now());
  }

  /** Wipe everything, settings, revocations and pending outbox rows included; no alarm stays. */
  async destroy(): Promise<void> {
    this.hub.closeAll();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.alarmAt = null;
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    this.cluster.files = new SqlFileStore(this.ctx.storage.sql);
    this.cluster.ca = new ClusterCA(this.ctx.storage.sql, (pem) => this.publishCA(pem));
    this.open();
  }

  /**
   * The tenant's stored object count, last request time (epoch ms), alarms fired so far and the
   * one armed (epoch ms, null when none), its pods by state, and the requests that waited for the
   * rate limit or were refused by it (429) since this instance started.
   */
  async stats(): Promise<{ objects: number; lastActivityAt: number | null; alarms: number; alarmAt: number | null; pods: PodCounts; throttling: { queued: number; refused: number } }> {
    const { queued, rejected } = this.tenancy.fairness.counts;
    const alarmAt = await this.ctx.storage.getAlarm();
    return { objects: this.tenancy.objects, lastActivityAt: this.tenancy.lastActivityAt, alarms: this.cluster.store.counter('alarms'), alarmAt, pods: countPods(this.ctx.storage.sql), throttling: { queued, refused: rejected } };
  }

  /**
   * Deliver the outbox to D1 now, back-off or not (admin API before an audit query; tests).
   * Returns what was delivered, and the error if D1 refused.
   */
  async flushOutbox(): Promise<{ delivered: number; pending: number; error?: string }> {
    this.exercises.recordAttempts(this.store, Date.now());
    const r: FlushResult = await this.tenancy.flush(() => Date.now());
    this.arm();
    return { delivered: r.delivered, pending: this.tenancy.outbox.size(), ...(r.error ? { error: String(r.error) } : {}) };
  }

  async alarm(): Promise<void> {
    this.alarmAt = null;
    // Counted, so that a benchmark can show an idle cluster fires none (a wiped object's stray
    // alarm is not counted: it leaves nothing behind).
    if (this.booted) this.cluster.store.increment('alarms');
    try {
      this.runtime.runDue(this.cluster);
      if (this.tenancy.outbox.due(Date.now())) {
        this.exercises.recordAttempts(this.store, Date.now());
        const r = await this.tenancy.flush(() => Date.now());
        if (r.error) console.warn('outbox: D1 refused the flush; retrying with back-off', r.error);
      }
    } finally {
      this.arm();
    }
  }
}
