import { storageKey } from '../../resources/catalog';
import { applyJsonPatch, jsonMergePatch, strategicMergePatch, PatchError } from '../patch/strategic-merge';
import { parseJSON } from '../codecs/body';
import { badRequest, internalError, notFound, tooLarge, unsupportedMediaType, StatusError } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { checkUnknownFields } from './fields';
import { checkTypeMeta } from './resolve';
import { updateInternal } from './update';
import { convertIn, convertOut } from './convert';

/**
 * PATCH: apply a JSON patch, JSON merge patch or strategic merge patch to the stored object,
 * then update it as a PUT would. A resourceVersion in the patch is a precondition.
 */
export function patchObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const key = storageKey(def);
  const ns = def.namespaced ? info.namespace : '';
  const stored = ctx.store.get(key, ns, info.name);
  const contentType = (req.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!stored) throw notFound({ group: def.group, resource: def.resource }, info.name);
  const original = convertOut(def, info.apiVersion, stored);
  const patch = parseJSON(new TextDecoder().decode(req.body));
  let patched: KubeObject;
  try {
    switch (contentType) {
      case 'application/json-patch+json':
        if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
        patched = applyJsonPatch(original, patch);
        break;
      case 'application/merge-patch+json':
        patched = jsonMergePatch(original, patch);
        break;
      case 'application/strategic-merge-patch+json':
        patched = strategicMergePatch(original, patch, def.group, def.kind);
        break;
      default:
        throw unsupportedMediaType(contentType);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e;
    if (e instanceof PatchError) throw patchFailure(e);
    throw badRequest((e as Error).message);
  }
  checkTypeMeta(patched, def, info.apiVersion);
  const warnings = checkUnknownFields(patched, req.query.get('fieldValidation'));
  const result = updateInternal(ctx, req, convertIn(def, patched));
  return { code: 200, body: convertOut(def, info.apiVersion, result), warnings };
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
