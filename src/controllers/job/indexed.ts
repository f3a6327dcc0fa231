/**
 * Indexed Jobs (pkg/controller/job/indexed_job_utils.go): each pod carries its completion index
 * in an annotation and a label, gets the hostname `<job>-<index>` and a generateName
 * `<job>-<index>-`, and its containers read JOB_COMPLETION_INDEX from that label through the
 * downward API (the kubelet resolves it). status.completedIndexes lists the succeeded indexes
 * as compressed intervals (`0-2,4`).
 */
import type { KubeObject } from '../../apiserver/types';

/** The annotation (and, for consistency, the label) with a pod's completion index. */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** The variable the job controller adds to every container of an Indexed Job. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** Names are generated from at most this many characters (names.MaxGeneratedNameLength). */
const MAX_GENERATED_NAME_LENGTH = 58;

/** The completion index of a pod, or undefined when it has none (or a malformed one). */
export function podIndex(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Parse `0-2,4` into the set of indexes below `completions`. */
export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const last = Math.min(Number(m[2] ?? m[1]), completions - 1);
    for (let i = Number(m[1]); i <= last; i++) out.add(i);
  }
  return out;
}

/** Format indexes as ordered, compressed intervals: `0-2,4`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The lowest `count` indexes below `completions` that are neither completed nor running. */
export function indexesToAdd(completed: Set<number>, running: Set<number>, completions: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!completed.has(i) && !running.has(i)) out.push(i);
  return out;
}

/**
 * What the job controller changes in a pod made from an Indexed Job's template for `index`:
 * the JOB_COMPLETION_INDEX variable in every (init) container, the index annotation and label,
 * the hostname, and the generateName.
 */
export function applyIndex(pod: KubeObject, jobName: string, index: number): KubeObject {
  const spec = pod.spec ?? {};
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.env ?? []).some((e: any) => e.name === COMPLETION_INDEX_ENV)) continue;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } }];
  }
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [COMPLETION_INDEX]: String(index) };
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [COMPLETION_INDEX]: String(index) };
  spec.hostname = `${jobName}-${index}`;
  pod.spec = spec;
  const suffix = `-${index}-`;
  let prefix = `${jobName}${suffix}`;
  if (prefix.length > MAX_GENERATED_NAME_LENGTH) prefix = prefix.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix;
  pod.metadata.generateName = prefix;
  return pod;
}
