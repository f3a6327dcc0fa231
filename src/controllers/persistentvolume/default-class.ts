/**
 * Clusters made before the `standard` StorageClass joined the bootstrap objects get it once: on
 * the first resync after that, unless a default class already exists. A counter kept with the
 * cluster records that this was done, so a class the user later deletes is never recreated
 * (kind installs it once, at cluster creation, in the same way).
 */
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';
import type { ControllerContext } from '../types';
import { defaultClass, defaultStorageClass } from '../../resources/storageclass/default-class';

/** The controller key whose reconcile ensures the class. */
export const DEFAULT_CLASS_KEY = 'default-class';
const MARKER = 'default-storageclass-installed';
const CLASSES = 'storageclasses.storage.k8s.io';

/** Whether this cluster still has to be looked at (its marker is not set). */
export function defaultClassPending(ctx: ControllerContext): boolean {
  const store = ctx.store as { counter?: (c: string) => number };
  return typeof store.counter === 'function' && store.counter(MARKER) === 0;
}

/**
 * The class to create now (undefined when some class is already default or `standard`
 * exists); sets the marker either way, so this runs at most once per cluster.
 */
export function ensureDefaultClassOnce(ctx: ControllerContext): KubeObject | undefined {
  if (!defaultClassPending(ctx)) return undefined;
  ctx.store.increment(MARKER);
  const classes = ctx.store.list(CLASSES).map((e) => e.obj);
  if (defaultClass(classes) || classes.some((c) => c.metadata.name === 'standard')) return undefined;
  return defaultStorageClass(crypto.randomUUID(), timestamp(ctx.now()));
}
