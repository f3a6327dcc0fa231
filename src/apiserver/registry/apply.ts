import { apiVersionOf, storageKey } from '../../resources/catalog';
import { parseYAML } from '../codecs/body';
import { required } from '../field-errors';
import { badRequest, invalid } from '../status';
import type { KubeObject } from '../types';
import { applyConfiguration } from '../managedfields/manager';
import { storageTypeOf, writerOf } from '../managedfields/writer';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { checkUnknownFields } from './fields';
import { checkTypeMeta } from './resolve';
import { createInternal } from './create';
import { updateInternal } from './update';
import { convertIn, convertOut } from './convert';

/** Whether a PATCH is a server-side apply (application/apply-patch+yaml; the body may be JSON). */
export function isApplyPatch(req: ApiRequest): boolean {
  return (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase() === 'application/apply-patch+yaml';
}

/**
 * Server-side apply (PATCH, application/apply-patch+yaml): merge the applied configuration into
 * the object as its field manager, refusing with 409 to change fields other managers own unless
 * `force=true`; an object that does not exist is created from the configuration (201).
 */
export function applyObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info, query } = req;
  if (!query.get('fieldManager')) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [required('fieldManager', 'is required for apply patch')]);
  }
  const config: KubeObject = parseYAML(new TextDecoder().decode(req.body));
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw badRequest('the body of the request was not a JSON object');
  const expected = apiVersionOf(def.group, info.apiVersion);
  if (config.apiVersion !== expected) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${config.apiVersion ?? ''}, expected: ${expected}`);
  }
  checkTypeMeta(config, def, info.apiVersion);
  if (config.metadata.name !== undefined && config.metadata.name !== info.name) {
    throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${info.name})`);
  }
  if (def.namespaced && config.metadata.namespace !== undefined && config.metadata.namespace !== info.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const warnings = checkUnknownFields(config, query.get('fieldValidation'), def);
  delete config.metadata.managedFields;
  const force = query.get('force') === 'true';
  const writer = writerOf(req, ctx.now());
  // A custom resource merges by its CRD's schema; built-in kinds by their generated types.
  // (undefined: the default, the built-in kind's type).
  const type = def.custom ? storageTypeOf(def) : undefined;
  const stored = ctx.store.get(storageKey(def), def.namespaced ? info.namespace : '', info.name);
  if (!stored) {
    const empty: KubeObject = { apiVersion: config.apiVersion, kind: config.kind, metadata: { name: info.name, ...(def.namespaced ? { namespace: info.namespace } : {}) } };
    const applied = applyConfiguration(empty, config, writer, force, type);
    const created = createInternal(ctx, { ...req, info: { ...info, verb: 'create' } }, convertIn(def, applied.object), { entries: applied.entries });
    return { code: 201, body: convertOut(def, info.apiVersion, created), warnings };
  }
  const live = convertOut(def, info.apiVersion, stored);
  const applied = applyConfiguration(live, config, writer, force, type);
  const result = updateInternal(ctx, req, convertIn(def, applied.object), { entries: applied.entries });
  return { code: 200, body: convertOut(def, info.apiVersion, result), warnings };
}
