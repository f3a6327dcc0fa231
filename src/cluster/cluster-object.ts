import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { handleApiRequest } from '../apiserver/handler';
import type { UserInfo } from '../apiserver/registry/context';
import type { ControllerContext } from '../controllers/types';
import { ControllerRuntime } from '../controllers/runtime';
import { controllers } from '../controllers';
import { ObjectStore, type Change, type WriteOp } from './storage';
import { TimerTable } from './timers';
import { WatchHub } from './watch-hub';
import { bootstrapCluster } from './bootstrap';

/**
 * One tenant cluster. A thin class: it initialises storage once, then delegates requests to the
 * API handler and its alarm to the controller runtime. All tenant state lives on the instance
 * and in its SQLite storage, never in module scope.
 */
export class ClusterObject extends DurableObject<Env> {
  private readonly store: ObjectStore;
  private readonly timers: TimerTable;
  private readonly hub = new WatchHub();
  private readonly runtime: ControllerRuntime;
  private readonly cluster: ControllerContext & { caPem: string };
  /** When the alarm is set for (ms), as far as this instance knows. */
  private alarmAt: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ObjectStore(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    this.timers = new TimerTable(ctx.storage.sql);
    this.runtime = new ControllerRuntime(this.timers, controllers());
    this.cluster = {
      store: this.store,
      hub: this.hub,
      caPem: env.CA_PEM ?? '',
      settings: { profile: env.TIMING_PROFILE === 'fast' ? 'fast' : 'realistic' },
      now: () => new Date(),
      random: Math.random,
      commit: (ops: WriteOp[]) => this.commit(ops),
      kick: () => this.arm(),
    };
    ctx.blockConcurrencyWhile(async () => {
      this.store.init();
      this.timers.init();
      if (this.store.currentRV() === 0) this.store.commit(bootstrapCluster(this.cluster));
      // After any (re)start: every controller looks at everything once (level-triggered resync).
      this.runtime.resyncAll(this.cluster);
      this.alarmAt = await ctx.storage.getAlarm();
      this.arm();
    });
  }

  /** Commit, publish to watches, and mark what the controllers must look at. */
  private commit(ops: WriteOp[]): Change[] {
    const changes = this.store.commit(ops);
    this.hub.publish(changes);
    this.runtime.enqueueChanges(changes, this.cluster);
    this.arm();
    return changes;
  }

  /** Set the alarm to the earliest timer (none when nothing is scheduled). */
  private arm(): void {
    const next = this.timers.next();
    if (next === undefined) return;
    if (this.alarmAt !== null && this.alarmAt <= next) return;
    this.alarmAt = next;
    void this.ctx.storage.setAlarm(next);
  }

  /** Serve one Kubernetes API request (RPC from the Worker, identity already verified). */
  async serve(request: Request, path: string, base: string, user: UserInfo): Promise<Response> {
    return handleApiRequest(this.cluster, { request, path, base, user });
  }

  async alarm(): Promise<void> {
    this.alarmAt = null;
    try {
      this.runtime.runDue(this.cluster);
    } finally {
      this.arm();
    }
  }
}
