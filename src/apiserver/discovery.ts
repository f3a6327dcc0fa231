import type { ResourceDef } from '../resources/catalog';
import type { ServedResources } from '../resources/resolver';
import { subresourcesOf } from '../resources/customresource/serving';

/**
 * Discovery documents, legacy (APIVersions, APIGroupList, APIResourceList) and aggregated
 * (apidiscovery.k8s.io v2 and v2beta1), built from the cluster's served resources (the catalog
 * and its CustomResourceDefinitions).
 */

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Which aggregated format the Accept header asks for first, if any. */
export function negotiateDiscovery(accept: string | null): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '');
    if (!p.includes('g=apidiscovery.k8s.io') || !p.includes('as=APIGroupDiscoveryList')) continue;
    if (p.includes('v=v2beta1')) return 'v2beta1';
    if (p.includes('v=v2')) return 'v2';
  }
  return undefined;
}

const scope = (d: ResourceDef) => (d.namespaced ? 'Namespaced' : 'Cluster');

function discoveryResource(d: ResourceDef, group: string, version: string) {
  const r: Record<string, unknown> = {
    resource: d.resource,
    responseKind: { group, version, kind: d.kind },
    scope: scope(d),
    singularResource: d.singular,
    verbs: d.verbs,
  };
  if (d.shortNames) r.shortNames = d.shortNames;
  if (d.categories) r.categories = d.categories;
  const subs = subresourcesOf(d, version);
  if (subs.length) {
    r.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? group, version: s.version ?? version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return r;
}

/** The aggregated document of `/api` (core=true) or `/apis`. */
export function aggregatedDiscovery(served: ServedResources, core: boolean, format: 'v2' | 'v2beta1') {
  const all = served.all();
  const items = served.groups()
    .filter((g) => (g.name === '') === core)
    .map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: all
          .filter((d) => d.group === g.name && d.versions.includes(version))
          .map((d) => discoveryResource(d, g.name, version)),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${format}`, metadata: {}, items };
}

/** `GET /api` without aggregated discovery. */
export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(g: { name: string; versions: string[] }) {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** `GET /apis` without aggregated discovery. */
export function apiGroupList(served: ServedResources) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: served.groups().filter((g) => g.name !== '').map(apiGroup) };
}

/** `GET /apis/GROUP`. */
export function apiGroupDoc(served: ServedResources, name: string) {
  const g = served.groups().find((x) => x.name === name && name !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) } : undefined;
}

/** `GET /api/v1` or `/apis/GROUP/VERSION`: an APIResourceList, subresources as `pods/status`. */
export function apiResourceList(served: ServedResources, group: string, version: string) {
  const defs = served.all().filter((d) => d.group === group && d.versions.includes(version));
  if (!defs.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const d of defs) {
    const r: Record<string, unknown> = { name: d.resource, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: d.verbs };
    if (d.shortNames) r.shortNames = d.shortNames;
    if (d.categories) r.categories = d.categories;
    resources.push(r);
    for (const s of subresourcesOf(d, version)) {
      const sr: Record<string, unknown> = { name: `${d.resource}/${s.name}`, singularName: '', namespaced: d.namespaced, kind: s.kind, verbs: s.verbs };
      if (s.group !== undefined) sr.group = s.group;
      if (s.version !== undefined) sr.version = s.version;
      resources.push(sr);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
