import type { Change } from '../../cluster/storage';
import type { ClusterContext } from '../../apiserver/registry/context';
import { storageKey } from '../../resources/catalog';
import type { Controller } from '../types';
import { collectGarbage } from './collect';
import { ownerResource } from './graph';
import { resourcesOf } from '../../resources/resolver';

/** One key: the collector's pass covers the whole cluster. */
const ALL = 'all';

/**
 * Whether a created or updated object has a new ownerReference the collector must act on: its
 * owner is absent (another uid, or none) or is being deleted in the foreground. Upstream's graph
 * builder records such references as virtual nodes and verifies them (attemptToDelete). Owners of
 * kinds the API does not serve are left alone, as upstream cannot resolve them either.
 */
function hasNewDanglingOrWaitingOwner(change: Change, ctx: ClusterContext): boolean {
  const before = new Set((change.old?.metadata.ownerReferences ?? []).map((r) => r.uid));
  const served = resourcesOf(ctx.store);
  for (const ref of change.object.metadata.ownerReferences ?? []) {
    if (before.has(ref.uid)) continue;
    const def = ownerResource(ref, served);
    if (!def) continue;
    const owner = ctx.store.get(storageKey(def), def.namespaced ? change.namespace : '', ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return true;
    if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) return true;
  }
  return false;
}

/**
 * The garbage collector: after a deletion, an owner marked for orphan or foreground deletion,
 * or a new reference to an absent or foreground-deleting owner, one pass collects dependents;
 * it repeats until a pass changes nothing.
 */
export const garbageCollector: Controller = {
  name: 'garbage-collector',
  watches: ['*'],
  keysFor(change, ctx) {
    if (change.type === 'DELETED') return [ALL];
    const fins = change.object.metadata.finalizers ?? [];
    if (change.object.metadata.deletionTimestamp && (fins.includes('orphan') || fins.includes('foregroundDeletion'))) return [ALL];
    if (hasNewDanglingOrWaitingOwner(change, ctx)) return [ALL];
    return [];
  },
  reconcile(_key, ctx) {
    const ops = collectGarbage(ctx);
    return ops.length ? { ops, requeueAfterMs: 0 } : { ops };
  },
  resync() {
    return [ALL];
  },
};
