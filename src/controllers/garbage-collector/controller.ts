import type { Controller } from '../types';
import { collectGarbage } from './collect';

/** One key: the collector's pass covers the whole cluster. */
const ALL = 'all';

/**
 * The garbage collector: after a deletion, or an owner marked for orphan or foreground
 * deletion, one pass collects dependents; it repeats until a pass changes nothing.
 */
export const garbageCollector: Controller = {
  name: 'garbage-collector',
  watches: ['*'],
  keysFor(change) {
    if (change.type === 'DELETED') return [ALL];
    const fins = change.object.metadata.finalizers ?? [];
    if (change.object.metadata.deletionTimestamp && (fins.includes('orphan') || fins.includes('foregroundDeletion'))) return [ALL];
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
