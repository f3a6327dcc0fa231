import type { Change } from '../cluster/storage';
import type { TimerTable } from '../cluster/timers';
import type { Controller, ControllerContext } from './types';

/** Reconciles one alarm may run before it yields and re-arms (bounded work per tick). */
export const MAX_RECONCILES_PER_ALARM = 200;

/**
 * Runs controllers from the timer table. Committed changes mark keys dirty (due now); the alarm
 * runs due keys, commits what they return and schedules their requeues. Timer keys are
 * `<controller>|<key>`.
 */
export class ControllerRuntime {
  private readonly byName = new Map<string, Controller>();
  private readonly byResource = new Map<string, Controller[]>();

  constructor(private readonly timers: TimerTable, controllers: Controller[]) {
    for (const c of controllers) {
      this.byName.set(c.name, c);
      for (const r of c.watches) this.byResource.set(r, [...(this.byResource.get(r) ?? []), c]);
    }
  }

  /** Mark the keys these changes concern as due now. */
  enqueueChanges(changes: Change[], ctx: ControllerContext): void {
    const now = ctx.now().getTime();
    for (const ch of changes) {
      for (const c of [...(this.byResource.get(ch.resource) ?? []), ...(this.byResource.get('*') ?? [])]) {
        for (const key of c.keysFor(ch, ctx)) this.timers.schedule(`${c.name}|${key}`, now + (c.delayMs ?? 0));
      }
    }
  }

  /** Schedule a key of a controller at a time. */
  schedule(controller: string, key: string, due: number): void {
    this.timers.schedule(`${controller}|${key}`, due);
  }

  /** After a restart: every key of every controller is due now. */
  resyncAll(ctx: ControllerContext): void {
    const now = ctx.now().getTime();
    for (const c of this.byName.values()) for (const key of c.resync(ctx)) this.timers.schedule(`${c.name}|${key}`, now);
  }

  /**
   * Run the due keys (at most MAX_RECONCILES_PER_ALARM). Each reconcile's writes are committed
   * on their own, so a failing one loses nothing of the others. Returns when the timer table
   * is next due, if ever.
   */
  runDue(ctx: ControllerContext): number | undefined {
    let budget = MAX_RECONCILES_PER_ALARM;
    while (budget > 0) {
      const due = this.timers.takeDue(ctx.now().getTime(), Math.min(budget, 50));
      if (!due.length) break;
      // Keys of a controller that reconciles in batches go to it at once, where its first key stood.
      const batches = new Map<Controller, string[]>();
      for (const timerKey of due) {
        const c = this.byName.get(timerKey.slice(0, timerKey.indexOf('|')));
        if (!c?.reconcileBatch) continue;
        const keys = batches.get(c);
        if (keys) keys.push(timerKey);
        else batches.set(c, [timerKey]);
      }
      for (const timerKey of due) {
        budget--;
        const bar = timerKey.indexOf('|');
        const c = this.byName.get(timerKey.slice(0, bar));
        if (!c) continue;
        if (c.reconcileBatch) {
          const keys = batches.get(c);
          batches.delete(c);
          if (keys) this.runBatch(c, keys, ctx);
          continue;
        }
        const key = timerKey.slice(bar + 1);
        try {
          const result = c.reconcile(key, ctx);
          if (result.ops.length) ctx.commit(result.ops);
          if (result.requeueAfterMs !== undefined) this.timers.schedule(timerKey, ctx.now().getTime() + Math.max(0, result.requeueAfterMs));
        } catch (e) {
          console.error(`reconcile ${timerKey} failed`, e);
          this.timers.schedule(timerKey, ctx.now().getTime() + 1000);
        }
      }
    }
    return this.timers.next();
  }

  /** One batch of a controller's keys: its writes in one commit; a failure retries them all. */
  private runBatch(c: Controller, timerKeys: string[], ctx: ControllerContext): void {
    const prefix = c.name.length + 1;
    try {
      const result = c.reconcileBatch!(timerKeys.map((k) => k.slice(prefix)), ctx);
      if (result.ops.length) ctx.commit(result.ops);
      const now = ctx.now().getTime();
      for (const [key, after] of result.requeue ?? []) this.timers.schedule(`${c.name}|${key}`, now + Math.max(0, after));
    } catch (e) {
      console.error(`reconcile ${c.name} (${timerKeys.length} keys) failed`, e);
      for (const k of timerKeys) this.timers.schedule(k, ctx.now().getTime() + 1000);
    }
  }
}
