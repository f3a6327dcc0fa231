import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { handleApiRequest } from '../apiserver/handler';
import type { ClusterContext, UserInfo } from '../apiserver/registry/context';
import { ObjectStore, type Change, type WriteOp } from './storage';
import { WatchHub } from './watch-hub';
import { bootstrapObjects } from './bootstrap';
import { runBackgroundWork } from './background';
import { nodeNames, nodeObject, DEFAULT_NODES } from '../sim/nodes';
import { timestamp } from '../apiserver/registry/meta';

/**
 * One tenant cluster. A thin class: it initialises storage once, then delegates requests to the
 * API handler and alarms to the background work (namespace finalization, garbage collection).
 * All tenant state lives on the instance and in its SQLite storage, never in module scope.
 */
export class ClusterObject extends DurableObject<Env> {
  private readonly store: ObjectStore;
  private readonly hub = new WatchHub();
  private readonly cluster: ClusterContext & { caPem: string };
  private alarmPending = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ObjectStore(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    const self = this;
    this.cluster = {
      store: this.store,
      hub: this.hub,
      caPem: env.CA_PEM ?? '',
      now: () => new Date(),
      commit: (ops: WriteOp[]) => self.commit(ops),
      kick: () => self.kick(),
    };
    ctx.blockConcurrencyWhile(async () => {
      this.store.init();
      if (this.store.currentRV() === 0) this.bootstrap();
    });
  }

  private bootstrap(): void {
    const now = timestamp(this.cluster.now());
    const ops = bootstrapObjects(this.cluster, this.cluster.caPem);
    nodeNames(DEFAULT_NODES).forEach((name, i) => {
      const node = nodeObject(name, i, DEFAULT_NODES, now);
      node.metadata.uid = crypto.randomUUID();
      node.metadata.creationTimestamp = now;
      ops.push({ op: 'put', resource: 'nodes', object: node });
    });
    this.store.commit(ops);
  }

  private commit(ops: WriteOp[]): Change[] {
    const changes = this.store.commit(ops);
    this.hub.publish(changes);
    if (changes.some((c) => c.type === 'DELETED' || c.object.metadata.deletionTimestamp)) this.kick();
    return changes;
  }

  /** Run the background work soon (one alarm; idempotent). */
  private kick(): void {
    if (this.alarmPending) return;
    this.alarmPending = true;
    void this.ctx.storage.setAlarm(Date.now() + 10);
  }

  /** Serve one Kubernetes API request (RPC from the Worker, identity already verified). */
  async serve(request: Request, path: string, base: string, user: UserInfo): Promise<Response> {
    return handleApiRequest(this.cluster, { request, path, base, user });
  }

  async alarm(): Promise<void> {
    this.alarmPending = false;
    try {
      const again = runBackgroundWork(this.cluster);
      if (again) this.kick();
    } catch (e) {
      console.error('background work failed', e);
      this.kick();
    }
  }
}
