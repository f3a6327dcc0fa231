/**
 * The create/update normalisation most upstream strategies share (PrepareForCreate /
 * PrepareForUpdate of pkg/registry/<group>/<kind>/strategy.go): a new object starts with an
 * empty status and generation 1; an update keeps the stored status and bumps the generation
 * when the spec changed. Also the generic status-subresource strategy (keep spec, take status).
 */
import type { KubeObject } from '../../apiserver/types';
import type { StatusStrategy } from '../strategy';
import { clone, deepEqual } from './common';

/** Options of the shared preparation. */
export interface PrepareOptions {
  /** The kind tracks metadata.generation (most workloads do; Pods and Services do not). */
  generation?: boolean;
  /** The status a new object starts with (default `{}`). */
  initialStatus?: () => Record<string, any>;
  /** Also bump the generation when annotations change (Deployments do, for rollbacks). */
  annotationsBumpGeneration?: boolean;
}

/** PrepareForCreate: reset status, set generation 1. */
export function prepareCreate(obj: KubeObject, opts: PrepareOptions = {}): void {
  obj.status = opts.initialStatus ? opts.initialStatus() : {};
  if (opts.generation) obj.metadata.generation = 1;
}

/** PrepareForUpdate: keep the old status; bump generation on a spec change. */
export function prepareUpdate(obj: KubeObject, old: KubeObject, opts: PrepareOptions = {}): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = clone(old.status);
  if (!opts.generation) return;
  const gen = old.metadata.generation ?? 0;
  const changed =
    !deepEqual(obj.spec, old.spec) ||
    (opts.annotationsBumpGeneration === true && !deepEqual(obj.metadata.annotations, old.metadata.annotations));
  obj.metadata.generation = changed ? gen + 1 : gen;
}

/**
 * The status strategy of most kinds: everything but status and metadata comes from the stored
 * object; labels, annotations and ownerReferences stay as stored.
 */
export function keepSpecStatusStrategy(): StatusStrategy {
  return {
    prepareForUpdate(obj, old) {
      for (const k of Object.keys(obj)) if (!['status', 'metadata', 'apiVersion', 'kind'].includes(k)) delete obj[k];
      for (const k of Object.keys(old)) if (!['status', 'metadata', 'apiVersion', 'kind'].includes(k)) obj[k] = clone(old[k]);
      obj.metadata.labels = clone(old.metadata.labels);
      obj.metadata.annotations = clone(old.metadata.annotations);
      obj.metadata.ownerReferences = clone(old.metadata.ownerReferences);
      for (const k of ['labels', 'annotations', 'ownerReferences']) if (obj.metadata[k] === undefined) delete obj.metadata[k];
      if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
    },
  };
}
