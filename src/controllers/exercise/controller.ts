/**
 * The exercise controller: keeps each Exercise's status (every check's result, the score) in
 * step with the cluster. Level-triggered like the others: a change to an object kind some
 * exercise's checks read marks that exercise dirty, and its reconcile evaluates every check
 * again from the stored state. Nothing polls: an idle cluster evaluates nothing and arms no
 * alarm; a check that must hold for a while asks to be looked at once, when its time is up.
 */
import type { Controller } from '../types';
import { jsonEqual } from '../../apiserver/registry/meta';
import { evaluateExercise } from '../../exercises/evaluate';
import type { ClusterView, CommandUse } from '../../exercises/checks';
import { EXERCISES, reads, type ExerciseIndex } from './compiled';

/** How long after a change its exercises are evaluated (changes within it are evaluated together). */
export const EVALUATION_DELAY_MS = 200;

/** The controller over a cluster's exercise index and its record of the student's requests. */
export function exerciseController(index: ExerciseIndex, commands: () => CommandUse[]): Controller {
  return {
    name: 'exercise',
    watches: ['*'],
    // A burst of writes (kubectl apply of a manifest, a rollout) is evaluated once, a moment later.
    delayMs: EVALUATION_DELAY_MS,
    keysFor(change, ctx) {
      if (change.resource === EXERCISES) {
        // Its own status writes change nothing a check reads: only a new or changed spec counts.
        if (change.type === 'DELETED') return [];
        return change.type === 'ADDED' || change.old?.metadata.generation !== change.object.metadata.generation ? [change.name] : [];
      }
      const out: string[] = [];
      for (const { obj, c } of index.all(ctx.store)) if (reads(c, change.resource, change.namespace)) out.push(obj.metadata.name!);
      return out;
    },
    reconcile(name, ctx) {
      const obj = ctx.store.get(EXERCISES, '', name);
      if (!obj) return { ops: [] };
      const c = index.compiled(obj);
      const view: ClusterView = {
        list: (resource, namespace) => ctx.store.list(resource, namespace).map((e) => e.obj),
        commands,
      };
      const now = ctx.now().getTime();
      const e = evaluateExercise(c.exercise, view, obj.status, now, c.language);
      const ops = jsonEqual(obj.status ?? {}, e.status) ? [] : [{ op: 'put' as const, resource: EXERCISES, object: { ...structuredClone(obj), status: e.status } }];
      return { ops, ...(e.recheckAt !== undefined ? { requeueAfterMs: Math.max(0, e.recheckAt - now) } : {}) };
    },
    resync(ctx) {
      return ctx.store.list(EXERCISES).map((e) => e.obj.metadata.name!);
    },
  };
}
