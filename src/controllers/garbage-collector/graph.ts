import type { KubeObject } from '../../apiserver/types';
import { catalog, type ResourceDef } from '../../resources/catalog';
import type { ServedResources } from '../../resources/resolver';

/** One stored object and the storage key of its resource. */
export interface Entry {
  resource: string;
  obj: KubeObject;
}

type OwnerRef = NonNullable<KubeObject['metadata']['ownerReferences']>[number];

/**
 * The served resource an ownerReference's apiVersion and kind name, if the API serves it: among
 * the cluster's `served` resources (custom ones included), else the built-in catalog.
 */
export function ownerResource(ref: Pick<OwnerRef, 'apiVersion' | 'kind'>, served?: ServedResources): ResourceDef | undefined {
  const [group, version] = ref.apiVersion.includes('/') ? ref.apiVersion.split('/') : ['', ref.apiVersion];
  if (served) return served.findKind(group, version, ref.kind);
  return catalog.find((d) => d.group === group && d.kind === ref.kind && d.versions.includes(version));
}

/** The ownership graph of one pass: objects by uid, and each owner's dependents. */
export interface ObjectIndex {
  byUid: Map<string, Entry>;
  dependents: Map<string, Entry[]>;
}

/**
 * Whether `owner` can own `dependent`: a namespaced owner only owns objects of its own
 * namespace; a cluster-scoped owner may own anything (upstream treats other references
 * as pointing at an absent owner).
 */
function canOwn(owner: KubeObject, dependent: KubeObject): boolean {
  return !owner.metadata.namespace || owner.metadata.namespace === dependent.metadata.namespace;
}

/** Index every object by uid, and each existing owner's valid dependents. */
export function indexObjects(entries: Entry[]): ObjectIndex {
  const byUid = new Map<string, Entry>();
  for (const e of entries) byUid.set(e.obj.metadata.uid!, e);
  const dependents = new Map<string, Entry[]>();
  for (const e of entries) {
    for (const ref of e.obj.metadata.ownerReferences ?? []) {
      const owner = byUid.get(ref.uid);
      if (!owner || !canOwn(owner.obj, e.obj)) continue;
      const list = dependents.get(ref.uid) ?? [];
      list.push(e);
      dependents.set(ref.uid, list);
    }
  }
  return { byUid, dependents };
}

/**
 * The references of `obj` sorted as upstream's classifyReferences: `dangling` (the owner is
 * absent), `waiting` (the owner is being deleted with the foregroundDeletion finalizer, waiting
 * for its dependents), `solid` (any other present owner, including one being deleted otherwise).
 * A reference to a kind the API does not serve cannot be verified: upstream's collector fails to
 * resolve it and leaves the object alone, so it counts as solid here.
 */
export function classifyOwners(obj: KubeObject, index: ObjectIndex, served?: ServedResources): { solid: OwnerRef[]; dangling: OwnerRef[]; waiting: OwnerRef[] } {
  const solid: OwnerRef[] = [];
  const dangling: OwnerRef[] = [];
  const waiting: OwnerRef[] = [];
  for (const ref of obj.metadata.ownerReferences ?? []) {
    const owner = index.byUid.get(ref.uid)?.obj;
    if (!owner && !ownerResource(ref, served)) solid.push(ref);
    else if (!owner || !canOwn(owner, obj)) dangling.push(ref);
    else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) waiting.push(ref);
    else solid.push(ref);
  }
  return { solid, dangling, waiting };
}
