import type { ClusterContext } from '../apiserver/registry/context';
import { finalizeNamespace } from '../resources/namespace/lifecycle';
import { collectGarbage } from '../controllers/garbage-collector/collect';

/** At most this many passes per alarm, so one alarm does bounded work. */
const MAX_PASSES = 20;

/**
 * The background work of the cluster's alarm: finalize terminating namespaces and collect
 * garbage until nothing changes. Returns true when work remains for another alarm.
 */
export function runBackgroundWork(ctx: ClusterContext): boolean {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const { obj } of ctx.store.list('namespaces')) {
      if (!obj.metadata.deletionTimestamp) continue;
      const ops = finalizeNamespace(ctx, obj);
      if (ops.length) {
        ctx.commit(ops);
        changed = true;
      }
    }
    const gc = collectGarbage(ctx);
    if (gc.length) {
      ctx.commit(gc);
      changed = true;
    }
    if (!changed) return false;
  }
  return true;
}
