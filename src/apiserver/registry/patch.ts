import { storageKey } from '../../resources/catalog';
import { applyJsonPatch, jsonMergePatch, strategicMergePatch, PatchError } from '../patch/strategic-merge';
import { parseJSON } from '../codecs/body';
import { badRequest, internalError, invalid, notFound, tooLarge, unsupportedMediaType, StatusError } from '../status';
import { forbidden } from '../field-errors';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { checkUnknownFields } from './fields';
import { checkTypeMeta } from './resolve';
import { updateInternal } from './update';
import { convertIn, convertOut, objectOut } from './convert';
import { applyObject, isApplyPatch } from './apply';

/**
 * PATCH: apply a JSON patch, JSON merge patch or strategic merge patch to the stored object,
 * then update it as a PUT would. A resourceVersion in the patch is a precondition.
 */
export function patchObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  if (isApplyPatch(req)) return applyObject(ctx, req);
  const { def, info } = req;
  if (req.query.has('force')) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [forbidden('force', 'may not be specified for non-apply patch')]);
  }
  const key = storageKey(def);
  const ns = def.namespaced ? info.namespace : '';
  const stored = ctx.store.get(key, ns, info.name);
  if (!stored) throw notFound({ group: def.group, resource: def.resource }, info.name);
  const original = convertOut(def, info.apiVersion, stored);
  const patched = applyPatchRequest(req, original, def.group, def.kind);
  checkTypeMeta(patched, def, info.apiVersion);
  const warnings = checkUnknownFields(patched, req.query.get('fieldValidation'), def);
  const result = updateInternal(ctx, req, convertIn(def, patched));
  return { code: 200, ...objectOut(ctx, def, info.apiVersion, result), warnings };
}

/**
 * Apply the request's patch body to `original` by its Content-Type (JSON patch, merge patch or
 * strategic merge patch for `group`/`kind`); failures become the Status upstream answers with.
 */
export function applyPatchRequest(req: ApiRequest, original: KubeObject, group: string, kind: string): KubeObject {
  const contentType = (req.headers.get('content-type') ?? '').split(';')[0].trim();
  // Custom resources have no Go types to carry patch strategies: no strategic merge patch (as crdHandler).
  if (req.def.custom && contentType === 'application/strategic-merge-patch+json') {
    throw unsupportedMediaType(contentType, 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  }
  const patch = parseJSON(new TextDecoder().decode(req.body));
  try {
    switch (contentType) {
      case 'application/json-patch+json':
        if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
        return applyJsonPatch(original, patch);
      case 'application/merge-patch+json':
        return jsonMergePatch(original, patch);
      case 'application/strategic-merge-patch+json':
        return strategicMergePatch(original, patch, group, kind);
      default:
        throw unsupportedMediaType(contentType);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e;
    if (e instanceof PatchError) throw patchFailure(e);
    throw badRequest((e as Error).message);
  }
}

/** The Status of a failed patch, by kind of failure as handlers/patch.go answers it. */
export function patchFailure(e: PatchError): StatusError {
  if (e.tooLarge || e.status === 413) return tooLarge(e.message);
  if (e.status === 400) return badRequest(e.message);
  if (e.status === 422) {
    return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: 'Invalid', code: 422 });
  }
  return internalError(e.message);
}
