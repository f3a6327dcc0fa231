import { apiVersionOf, storageKey, type ResourceDef } from '../../resources/catalog';
import { strategies, statusStrategies, subresourceStrategies } from '../../resources/strategies';
import type { Strategy, StatusStrategy } from '../../resources/strategy';
import { badRequest, notFound, forbidden } from '../status';
import type { KubeObject } from '../types';
import type { ClusterContext } from './context';
import { base64ErrorOffset } from '../codecs/go-base64';
import { customResourceStatusStrategy, customResourceStrategy } from '../../resources/customresource/strategy';

/**
 * The strategy of a resource (an empty one for kinds without rules of their own); a custom
 * resource's validates with the schema of the request's `version`, as upstream's per-version storage.
 */
export function strategyOf(def: ResourceDef, version?: string): Strategy {
  if (def.custom) return customResourceStrategy(def, version);
  return strategies[storageKey(def)] ?? {};
}

/** The strategy of an updatable subresource: `status` (below) or another one (`approval`). */
export function subresourceStrategyOf(def: ResourceDef, subresource: string, version?: string): StatusStrategy {
  if (subresource === 'status') return statusStrategyOf(def, version);
  const s = subresourceStrategies[`${storageKey(def)}/${subresource}`];
  if (!s) throw badRequest(`the subresource ${subresource} of ${def.resource} cannot be updated`);
  return s;
}

/** The status-subresource strategy: keep the stored spec, take the new status. */
export function statusStrategyOf(def: ResourceDef, version?: string): StatusStrategy {
  if (def.custom) return customResourceStatusStrategy(def, version);
  return (
    statusStrategies[storageKey(def)] ?? {
      prepareForUpdate(obj: KubeObject, old: KubeObject) {
        for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
        for (const k of Object.keys(old)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') obj[k] = structuredClone(old[k]);
        obj.metadata.labels = old.metadata.labels;
        obj.metadata.annotations = old.metadata.annotations;
      },
    }
  );
}

/**
 * Check the decoded body names the served kind, and fill apiVersion/kind if it left them out
 * (as the apiserver's decoder does with its defaulting GVK).
 */
export function checkTypeMeta(obj: any, def: ResourceDef, version: string): void {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest('the body of the request was not a JSON object');
  const want = apiVersionOf(def.group, version);
  if (obj.apiVersion && obj.apiVersion !== want) {
    // Another version of the same resource (autoscaling/v1 vs v2) is converted by the caller.
    if (!(def.versions.some((v) => apiVersionOf(def.group, v) === obj.apiVersion))) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
    }
  }
  if (obj.kind && obj.kind !== def.kind) {
    throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${def.kind})`);
  }
  obj.apiVersion ??= want;
  obj.kind ??= def.kind;
  obj.metadata ??= {};
  if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) throw badRequest('metadata must be an object');
  checkDecodable(obj, def, version);
}

/**
 * Namespace lifecycle admission: content may only be created in a namespace that exists and
 * is not terminating.
 */
export function admitNamespace(ctx: ClusterContext, def: ResourceDef, namespace: string, name = ''): void {
  if (!def.namespaced) return;
  const ns = ctx.store.get('namespaces', '', namespace);
  if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
  if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
    throw forbidden(
      { group: def.group, resource: def.resource },
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
}

/**
 * Checks the typed decoder would make: `[]byte` fields (Secret data) must be base64, or the
 * body cannot be handled as the kind at all (400, as the apiserver's decode error).
 */
export function checkDecodable(obj: any, def: ResourceDef, version: string): void {
  if (def.group !== '' || def.kind !== 'Secret' || !obj.data || typeof obj.data !== 'object') return;
  for (const v of Object.values(obj.data)) {
    if (typeof v !== 'string') continue;
    const at = base64ErrorOffset(v);
    if (at !== undefined) throw badRequest(`Secret in version "${version}" cannot be handled as a Secret: illegal base64 data at input byte ${at}`);
  }
}
