import type { WriteOp } from '../../cluster/storage';
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { deleteOps, finishIfReleased, type DeleteOptions } from '../../apiserver/registry/delete';
import { classifyOwners, indexObjects, type Entry, type ObjectIndex } from './graph';
import { resourcesOf, type ServedResources } from '../../resources/resolver';

/**
 * One level-triggered pass of the garbage collector over the whole cluster
 * (pkg/controller/garbagecollector/garbagecollector.go). Returns the writes to make; none
 * when everything is collected. The controller repeats passes until one returns nothing.
 */
export function collectGarbage(ctx: ClusterContext): WriteOp[] {
  const entries: Entry[] = [];
  for (const resource of ctx.store.resourcesWithObjects()) {
    for (const { obj } of ctx.store.list(resource)) entries.push({ resource, obj });
  }
  return planGarbage(entries, ctx, resourcesOf(ctx.store));
}

/**
 * The writes of one pass over `entries` (every object of the cluster). Each object is written
 * at most once per pass; what a write changes is seen by the next pass. As upstream:
 *  - an owner being deleted with the `orphan` finalizer loses its references from all its
 *    dependents, then the finalizer (orphanDependents);
 *  - an owner being deleted with `foregroundDeletion` keeps that finalizer while a dependent
 *    whose reference to it has blockOwnerDeletion=true still exists (processDeletingDependentsItem);
 *  - an object with at least one solid owner (present and not waiting for its dependents) stays,
 *    minus its references to absent or waiting owners;
 *  - an object with owners none of which is solid is deleted through the apiserver's delete
 *    (graceful for pods on a node, finalizers honoured): in the foreground when an owner waits
 *    for it and it has dependents of its own, else as its own finalizers say (attemptToDeleteItem).
 * `ctx` needs only `now()`; `served` resolves owners' kinds (the built-in catalog without it).
 */
export function planGarbage(entries: Entry[], ctx: Pick<ClusterContext, 'now'>, served?: ServedResources): WriteOp[] {
  const index = indexObjects(entries);
  const ops: WriteOp[] = [];
  const touched = new Set<string>();
  const write = (op: WriteOp, uid: string) => {
    ops.push(op);
    touched.add(uid);
  };
  for (const entry of entries) {
    const { resource, obj } = entry;
    const uid = obj.metadata.uid!;
    if (touched.has(uid)) continue;
    if (obj.metadata.deletionTimestamp) {
      const op = finalizeOwner(entry, index, touched, write);
      if (op) write(op, uid);
      continue;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) continue;
    const { solid, dangling, waiting } = classifyOwners(obj, index, served);
    if (solid.length) {
      if (!dangling.length && !waiting.length) continue;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      write({ op: 'put', resource, object: withoutRefs(obj, drop) }, uid);
      continue;
    }
    let policy: DeleteOptions['propagationPolicy'] = 'Background';
    if (waiting.length && index.dependents.get(uid)?.length) policy = 'Foreground';
    else if (obj.metadata.finalizers?.includes('orphan')) policy = 'Orphan';
    else if (obj.metadata.finalizers?.includes('foregroundDeletion')) policy = 'Foreground';
    const d = deleteOps(ctx as ClusterContext, resource, obj, { propagationPolicy: policy, dryRun: false });
    for (const op of d.ops) write(op, uid);
  }
  return ops;
}

/** The write for an owner being deleted (orphaning its dependents or releasing it), if any. */
function finalizeOwner(entry: Entry, index: ObjectIndex, touched: Set<string>, write: (op: WriteOp, uid: string) => void): WriteOp | undefined {
  const { resource, obj } = entry;
  const uid = obj.metadata.uid!;
  const fins = obj.metadata.finalizers ?? [];
  const deps = index.dependents.get(uid) ?? [];
  if (fins.includes('orphan')) {
    // Every reference must be gone before the finalizer goes; those written already this
    // pass are finished on the next one.
    const pending = deps.filter((d) => touched.has(d.obj.metadata.uid!));
    for (const d of deps) {
      if (touched.has(d.obj.metadata.uid!)) continue;
      write({ op: 'put', resource: d.resource, object: withoutRefs(d.obj, new Set([uid])) }, d.obj.metadata.uid!);
    }
    return pending.length ? undefined : release(resource, obj, 'orphan');
  }
  if (fins.includes('foregroundDeletion')) {
    const blocking = deps.filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion));
    return blocking.length ? undefined : release(resource, obj, 'foregroundDeletion');
  }
  return undefined;
}

/** A copy of `obj` without its references to the owners in `uids`. */
function withoutRefs(obj: KubeObject, uids: Set<string>): KubeObject {
  const copy = structuredClone(obj);
  copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
  if (!copy.metadata.ownerReferences.length) delete copy.metadata.ownerReferences;
  return copy;
}

/** Drop one finalizer; the object goes away when it was the last (a pod in grace waits for its kubelet). */
function release(resource: string, obj: KubeObject, finalizer: string): WriteOp {
  const copy = structuredClone(obj);
  copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (!copy.metadata.finalizers.length) delete copy.metadata.finalizers;
  if (finishIfReleased(resource, copy, obj)) return { op: 'delete', resource, object: obj };
  return { op: 'put', resource, object: copy };
}
