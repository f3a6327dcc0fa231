import type { ObjectStore } from './storage';
import type { Outbox } from './outbox';

/**
 * Wipe a tenant cluster to nothing in one transaction, keeping what belongs to the tenant
 * rather than to the cluster (settings, revocations, the outbox's pending rows, the
 * resourceVersion counter): every object and the change log, the controllers' timers, the
 * simulated containers' files; and a `reset` row in the outbox so that D1 forgets the old
 * namespaces and RBAC objects (and grades, unless kept) in order. The caller closes watches and bootstraps afresh.
 */
export function wipeCluster(sql: SqlStorage, store: ObjectStore, outbox: Outbox, now: number, keepGrades = false): void {
  store.wipe(() => {
    for (const table of ['timers', 'sim_files']) {
      if (sql.exec('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', 'table', table).toArray().length) sql.exec(`DELETE FROM ${table}`);
    }
    outbox.recordReset(now, keepGrades);
  });
}
