/**
 * The resources one cluster serves: the built-in catalog plus the custom resources of its served
 * CustomResourceDefinitions. Everything that resolves a request, lists discovery, prints a Table,
 * builds OpenAPI or follows an ownerReference asks here rather than the static catalog. Built-in
 * kinds are found in the catalog first, so their requests cost what they did; the custom defs are
 * rebuilt only when a CRD changed (their uids and resourceVersions are the memo's key).
 */
import type { KubeObject } from '../apiserver/types';
import { catalog, findResource, groups as builtInGroups, type ResourceDef } from './catalog';
import { customResourceDef } from './customresource/serving';
import { compareKubeAwareVersions } from './customresource/versions';

/** The storage key of CustomResourceDefinitions. */
export const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';

/** What the resolver reads of the cluster's store. */
export interface CRDSource {
  list(resource: string): readonly { readonly obj: KubeObject }[];
}

interface Memo {
  signature: string;
  custom: ResourceDef[];
  all: ResourceDef[];
  groups: { name: string; versions: string[] }[];
}

/** Memos per store: the key is the cluster's own store object, so no tenant sees another's. */
const memos = new WeakMap<CRDSource, Memo>();

function memoOf(store: CRDSource): Memo {
  const crds = store.list(CRD_KEY);
  let signature = '';
  for (const { obj } of crds) signature += `${obj.metadata.uid}@${obj.metadata.resourceVersion};`;
  const cached = memos.get(store);
  if (cached && cached.signature === signature) return cached;
  const custom: ResourceDef[] = [];
  for (const { obj } of crds) {
    const def = customResourceDef(obj);
    // A CRD may not shadow a built-in resource (upstream delegates those paths to the built-in API).
    if (def && !findResource(def.group, def.versions[0], def.resource)) custom.push(def);
  }
  const memo: Memo = { signature, custom, all: [...catalog, ...custom], groups: groupsOf(custom) };
  memos.set(store, memo);
  return memo;
}

/** Built-in groups in catalog order, then the custom groups by name, versions kube-aware sorted. */
function groupsOf(custom: ResourceDef[]): { name: string; versions: string[] }[] {
  const out = builtInGroups();
  const extra = new Map<string, Set<string>>();
  for (const def of custom) {
    const known = out.find((g) => g.name === def.group);
    if (known) {
      for (const v of def.versions) if (!known.versions.includes(v)) known.versions.push(v);
      continue;
    }
    const set = extra.get(def.group) ?? new Set<string>();
    for (const v of def.versions) set.add(v);
    extra.set(def.group, set);
  }
  for (const name of [...extra.keys()].sort()) out.push({ name, versions: [...extra.get(name)!].sort(compareKubeAwareVersions) });
  return out;
}

/** The served resources of one cluster (see the file comment). */
export class ServedResources {
  constructor(private readonly store: CRDSource) {}

  /** The resource served at group/version/resource, if any. */
  find(group: string, version: string, resource: string): ResourceDef | undefined {
    return findResource(group, version, resource) ?? memoOf(this.store).custom.find((d) => d.group === group && d.resource === resource && d.versions.includes(version));
  }

  /** The resource of a kind in group/version (ownerReferences name kinds). */
  findKind(group: string, version: string, kind: string): ResourceDef | undefined {
    const match = (d: ResourceDef) => d.group === group && d.kind === kind && d.versions.includes(version);
    return catalog.find(match) ?? memoOf(this.store).custom.find(match);
  }

  /** Every served resource: the catalog, then the custom resources. */
  all(): ResourceDef[] {
    return memoOf(this.store).all;
  }

  /** The custom resources alone. */
  custom(): ResourceDef[] {
    return memoOf(this.store).custom;
  }

  /** The API groups in discovery order, each with its versions, preferred first. */
  groups(): { name: string; versions: string[] }[] {
    return memoOf(this.store).groups;
  }
}

/** The served resources of the cluster whose store this is. */
export function resourcesOf(store: CRDSource): ServedResources {
  return new ServedResources(store);
}
