import { storageKey } from '../../resources/catalog';
import { admissionFor } from '../../resources/admission';
import type { WriteOp } from '../../cluster/storage';
import { decodeObject } from '../codecs/body';
import { badRequest, invalid, notFound, staleConflict } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { checkUnknownFields } from './fields';
import { jsonEqual, keepServerMetadata, validateObjectMeta } from './meta';
import { checkTypeMeta, strategyOf, subresourceStrategyOf } from './resolve';
import { convertIn, convertOut, objectOut } from './convert';
import { finishIfReleased } from './delete';
import { admitRequestByPolicies } from '../../resources/validatingadmissionpolicy/request';
import { recordManagedFields } from '../managedfields/writer';
import type { ManagedEntry } from '../managedfields/manager';

/** How a write records its managed fields (see managedfields/writer.ts). */
export interface WriteOptions {
  /** The managed fields to store (server-side apply computes them itself). */
  entries?: ManagedEntry[];
  /** The subresource the write is recorded under, when not the request's (`scale`). */
  subresource?: string;
  /** The admission policies already ran on this write (as the subresource's, `scale`). */
  policiesAdmitted?: boolean;
}

/** PUT: replace an object (or its status), with optimistic concurrency on resourceVersion. */
export function updateObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const obj: KubeObject = decodeObject(req.body, req.headers.get('content-type'));
  checkTypeMeta(obj, def, info.apiVersion);
  const warnings = checkUnknownFields(obj, req.query.get('fieldValidation'), def);
  if (obj.metadata.name && obj.metadata.name !== info.name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${info.name})`);
  }
  const stored = updateInternal(ctx, req, convertIn(def, obj));
  return { code: 200, ...objectOut(ctx, def, info.apiVersion, stored), warnings };
}

/**
 * Update with a new version of the object (already of the storage version): keep the server's
 * metadata, check the resourceVersion precondition, prepare, validate, admit, store. An update
 * that changes nothing is not written (no new resourceVersion, no watch event).
 */
export function updateInternal(ctx: ClusterContext, req: ApiRequest, obj: KubeObject, opts: WriteOptions = {}): KubeObject {
  const { def, info } = req;
  const key = storageKey(def);
  const gr = { group: def.group, resource: def.resource };
  const ns = def.namespaced ? info.namespace : '';
  const old = ctx.store.get(key, ns, info.name);
  if (!old) throw notFound(gr, info.name);
  if (def.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = ns;
  }
  obj.metadata.name = info.name;
  const rv = obj.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) throw staleConflict(gr, info.name);
  keepServerMetadata(obj, old);
  const errs = validateObjectMeta(obj, key, def.namespaced);
  if (info.subresource === 'status' || info.subresource === 'approval') {
    const s = subresourceStrategyOf(def, info.subresource, info.apiVersion);
    s.prepareForUpdate?.(obj, old);
    errs.push(...(s.validateUpdate?.(obj, old) ?? []));
  } else {
    const strategy = strategyOf(def, info.apiVersion);
    strategy.defaults?.(obj);
    strategy.prepareForUpdate?.(obj, old);
    errs.push(...(strategy.validateUpdate?.(obj, old) ?? []));
  }
  if (errs.length) throw invalid(def.kind, def.group, info.name, errs);
  // Finalizers may only be added while the object is not being deleted (as upstream).
  obj.metadata.resourceVersion = old.metadata.resourceVersion;
  const dryRun = req.query.getAll('dryRun').includes('All');
  admissionFor(key)?.admitUpdate?.(ctx, obj, old, { dryRun, user: req.user });
  if (!opts.policiesAdmitted) admitRequestByPolicies(ctx, req, { operation: 'UPDATE', object: obj, oldObject: old });
  if (!Array.isArray(obj.metadata.managedFields) && old.metadata.managedFields) obj.metadata.managedFields = old.metadata.managedFields;
  if (jsonEqual(obj, old)) return old;
  recordManagedFields(req, old, obj, ctx.now(), opts);
  if (jsonEqual(obj, old)) return old;
  if (dryRun) return obj;
  const released = finishIfReleased(key, obj, old);
  const ops: WriteOp[] = [released ? { op: 'delete', resource: key, object: old } : { op: 'put', resource: key, object: obj }];
  const changes = ctx.commit(ops);
  if (released) ctx.kick();
  return changes[0].object;
}
