import type { Change, WriteOp } from '../cluster/storage';
import type { ClusterContext } from '../apiserver/registry/context';

/** What one reconcile wants: writes to commit, and when to look at the key again. */
export interface ReconcileResult {
  ops: WriteOp[];
  /** Milliseconds until this key should be reconciled again (nothing scheduled if undefined). */
  requeueAfterMs?: number;
}

/** What one batch of keys wants: writes to commit at once, and when to look at each key again. */
export interface BatchResult {
  ops: WriteOp[];
  /** Milliseconds until each listed key should be reconciled again. */
  requeue?: Map<string, number>;
}

/** The cluster as controllers see it: the registry context plus its settings. */
export interface ControllerContext extends ClusterContext {
  settings: ClusterSettings;
  /** Deterministic-enough randomness, injectable in tests. */
  random(): number;
}

/** Per-cluster settings that change how the simulation behaves. */
export interface ClusterSettings {
  profile: 'realistic' | 'fast';
}

/**
 * A level-triggered controller: `keysFor` maps committed changes to the keys to reconcile,
 * `reconcile` reads the current state of one key and returns the writes it intends. Running a
 * reconcile twice must be harmless; `resync` lists every key after a restart.
 */
export interface Controller {
  name: string;
  /** Storage keys of the resources whose changes concern this controller (`*`: all). */
  watches: string[];
  keysFor(change: Change, ctx: ControllerContext): string[];
  /** Keys marked by a change are due this much later (a burst is reconciled once); 0 by default. */
  delayMs?: number;
  reconcile(key: string, ctx: ControllerContext): ReconcileResult;
  /**
   * Optional: the keys of this controller due in one alarm run, reconciled at once (one read of
   * the shared state, one commit), as a controller draining its work queue. Instead of
   * `reconcile` when present; `requeue` gives, per key, when to look again.
   */
  reconcileBatch?(keys: string[], ctx: ControllerContext): BatchResult;
  resync(ctx: ControllerContext): string[];
}
