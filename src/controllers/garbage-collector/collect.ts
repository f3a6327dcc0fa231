import type { WriteOp } from '../../cluster/storage';
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';

/**
 * A level-triggered pass of the garbage collector (pkg/controller/garbagecollector):
 *  - a dependent all of whose owners are gone is deleted (background propagation);
 *  - an owner marked with the `orphan` finalizer has its dependents' references to it removed,
 *    then the finalizer;
 *  - an owner marked with `foregroundDeletion` has its dependents deleted first, then loses the
 *    finalizer once none is left.
 * Returns the writes to make (none when everything is collected).
 */
export function collectGarbage(ctx: ClusterContext): WriteOp[] {
  const byUid = new Map<string, { resource: string; obj: KubeObject }>();
  const dependents = new Map<string, { resource: string; obj: KubeObject }[]>();
  const resources = ctx.store.resourcesWithObjects();
  for (const resource of resources) {
    for (const { obj } of ctx.store.list(resource)) {
      byUid.set(obj.metadata.uid!, { resource, obj });
    }
  }
  for (const entry of byUid.values()) {
    for (const ref of entry.obj.metadata.ownerReferences ?? []) {
      const list = dependents.get(ref.uid) ?? [];
      list.push(entry);
      dependents.set(ref.uid, list);
    }
  }
  const ops: WriteOp[] = [];
  const touched = new Set<string>();
  for (const { resource, obj } of byUid.values()) {
    const refs = obj.metadata.ownerReferences ?? [];
    const ownerPresent = (uid: string) => {
      const o = byUid.get(uid);
      return !!o && (!o.obj.metadata.namespace || o.obj.metadata.namespace === obj.metadata.namespace);
    };
    if (refs.length && !obj.metadata.deletionTimestamp && !refs.some((r) => ownerPresent(r.uid))) {
      if (obj.metadata.finalizers?.length) {
        const marked = structuredClone(obj);
        marked.metadata.deletionTimestamp = timestamp(ctx.now());
        marked.metadata.deletionGracePeriodSeconds = 0;
        ops.push({ op: 'put', resource, object: marked });
      } else {
        ops.push({ op: 'delete', resource, object: obj });
      }
      touched.add(obj.metadata.uid!);
      continue;
    }
    if (!obj.metadata.deletionTimestamp) continue;
    const fins = obj.metadata.finalizers ?? [];
    const deps = (dependents.get(obj.metadata.uid!) ?? []).filter((d) => !touched.has(d.obj.metadata.uid!));
    if (fins.includes('orphan')) {
      for (const d of deps) {
        const copy = structuredClone(d.obj);
        copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid);
        if (!copy.metadata.ownerReferences.length) delete copy.metadata.ownerReferences;
        ops.push({ op: 'put', resource: d.resource, object: copy });
        touched.add(d.obj.metadata.uid!);
      }
      ops.push(release(resource, obj, 'orphan'));
    } else if (fins.includes('foregroundDeletion')) {
      const blocking = deps.filter((d) => !d.obj.metadata.deletionTimestamp || d.obj.metadata.finalizers?.length);
      for (const d of deps) {
        if (d.obj.metadata.deletionTimestamp) continue;
        ops.push({ op: 'delete', resource: d.resource, object: d.obj });
        touched.add(d.obj.metadata.uid!);
      }
      if (!blocking.length || blocking.every((d) => touched.has(d.obj.metadata.uid!) && !d.obj.metadata.finalizers?.length)) {
        if (!deps.length) ops.push(release(resource, obj, 'foregroundDeletion'));
      }
    }
  }
  return ops;
}

/** Drop one finalizer; the object goes away when it was the last. */
function release(resource: string, obj: KubeObject, finalizer: string): WriteOp {
  const copy = structuredClone(obj);
  copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (!copy.metadata.finalizers.length) return { op: 'delete', resource, object: obj };
  return { op: 'put', resource, object: copy };
}
