/**
 * The exercises assigned to a cluster as the controller and the request hook read them: each
 * stored Exercise object's document, parsed once per generation, with the storage keys its
 * checks read and whether it looks at the student's requests. One per cluster (never module
 * state); the stored objects are the authority.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ObjectStore } from '../../cluster/storage';
import { exerciseSchema, type Exercise } from '../../exercises/schema';
import { checkWatches } from '../../exercises/checks';
import { resolveResource } from '../../exercises/resources';

/** Storage key of Exercise objects. */
export const EXERCISES = 'exercises.kubeplay.dev';

/** An assigned exercise, ready to evaluate. */
export interface CompiledExercise {
  exercise: Exercise;
  language: 'en' | 'fr';
  /** Namespaces (`*`: any, `''`: cluster-scoped) by storage key, whose changes may change a check's result. */
  watches: Map<string, Set<string>>;
  /** Command checks as `verb resource subresource` (the requests worth recording). */
  commands: Set<string>;
}

/** `verb resource subresource`: how command checks and recorded requests are matched. */
export const commandKey = (verb: string, resource: string, subresource = '') => `${verb} ${resource} ${subresource}`;

/** Whether a change of `resource` in `namespace` concerns an exercise's checks. */
export function reads(c: CompiledExercise, resource: string, namespace: string): boolean {
  const set = c.watches.get(resource);
  return set !== undefined && (set.has('*') || set.has(namespace));
}

/** The spec of an Exercise object as a document (its stored spec, without `language`). */
export function exerciseOf(obj: KubeObject): Exercise {
  const { language: _l, ...spec } = obj.spec ?? {};
  return exerciseSchema.parse({ apiVersion: 'kubeplay.dev/v1', kind: 'Exercise', metadata: { name: obj.metadata.name }, spec });
}

export class ExerciseIndex {
  private memo = new Map<string, CompiledExercise>();

  /** The parsed form of a stored Exercise (cached by uid and generation). */
  compiled(obj: KubeObject): CompiledExercise {
    const k = `${obj.metadata.uid}/${obj.metadata.generation ?? 0}`;
    let c = this.memo.get(k);
    if (c) return c;
    const exercise = exerciseOf(obj);
    const watches = new Map<string, Set<string>>();
    for (const w of exercise.spec.checks.flatMap((x) => checkWatches(x, exercise.spec.namespace))) {
      const set = watches.get(w.resource) ?? new Set<string>();
      set.add(w.namespace);
      watches.set(w.resource, set);
    }
    const commands = new Set(exercise.spec.checks.filter((x) => x.command).map((x) => commandKey(x.command!.verb, resolveResource(x.command!.resource, true) as string, x.command!.subresource)));
    c = { exercise, language: obj.spec?.language === 'fr' ? 'fr' : 'en', watches, commands };
    if (this.memo.size > 200) this.memo.clear();
    this.memo.set(k, c);
    return c;
  }

  /** Every stored Exercise with its parsed form. */
  all(store: ObjectStore): { obj: KubeObject; c: CompiledExercise }[] {
    return store.list(EXERCISES).map((e) => ({ obj: e.obj, c: this.compiled(e.obj) }));
  }
}
