import { storageKey } from '../../resources/catalog';
import { admissionFor } from '../../resources/admission';
import type { WriteOp } from '../../cluster/storage';
import { decodeObject } from '../codecs/body';
import { alreadyExists, badRequest, forbidden, invalid } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { checkUnknownFields } from './fields';
import { generateName, timestamp, validateObjectMeta } from './meta';
import { admitNamespace, checkTypeMeta, strategyOf } from './resolve';
import { convertIn, convertOut, objectOut } from './convert';
import { admitRequestByPolicies } from '../../resources/validatingadmissionpolicy/request';
import { recordManagedFields } from '../managedfields/writer';
import type { WriteOptions } from './update';

/** Tries before giving up on a generated name that keeps colliding. */
const GENERATE_NAME_TRIES = 8;

/**
 * POST a new object, in rest.BeforeCreate's order: type meta, namespace, unknown fields,
 * generateName, server metadata, defaults, prepareForCreate, validation, admission, store.
 */
export function createObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const obj: KubeObject = decodeObject(req.body, req.headers.get('content-type'));
  checkTypeMeta(obj, def, info.apiVersion);
  const warnings = checkUnknownFields(obj, req.query.get('fieldValidation'), def);
  const internal = convertIn(def, obj);
  const result = createInternal(ctx, req, internal);
  return { code: 201, ...objectOut(ctx, def, info.apiVersion, result), warnings };
}

/** Create a decoded object (already of the storage version). */
export function createInternal(ctx: ClusterContext, req: ApiRequest, obj: KubeObject, opts: WriteOptions = {}): KubeObject {
  const { def, info } = req;
  const key = storageKey(def);
  if (def.namespaced) {
    if (obj.metadata.namespace && info.namespace && obj.metadata.namespace !== info.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = info.namespace || obj.metadata.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  if (!obj.metadata.name && obj.metadata.generateName) {
    for (let i = 0; i < GENERATE_NAME_TRIES; i++) {
      const candidate = generateName(obj.metadata.generateName);
      if (!ctx.store.get(key, obj.metadata.namespace ?? '', candidate)) {
        obj.metadata.name = candidate;
        break;
      }
    }
  }
  const m = obj.metadata;
  m.uid = crypto.randomUUID();
  m.creationTimestamp = timestamp(ctx.now());
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  const strategy = strategyOf(def, info.apiVersion);
  strategy.defaults?.(obj);
  strategy.prepareForCreate?.(obj);
  const errs = [...validateObjectMeta(obj, key, def.namespaced), ...(strategy.validate?.(obj) ?? [])];
  if (errs.length) throw invalid(def.kind, def.group, m.name ?? m.generateName ?? '', errs);
  // A CRD being deleted still serves its objects, but no new ones (forbidCreateAdmission upstream).
  if (def.custom?.terminating) throw forbidden({ group: def.group, resource: def.resource }, m.name ?? '', 'create not allowed while custom resource definition is terminating');
  if (def.namespaced) admitNamespace(ctx, def, m.namespace!, m.name);
  if (ctx.store.get(key, m.namespace ?? '', m.name!)) throw alreadyExists({ group: def.group, resource: def.resource }, m.name!);
  const dryRun = req.query.getAll('dryRun').includes('All');
  const admission = admissionFor(key);
  admission?.admitCreate?.(ctx, obj, { dryRun, user: req.user });
  admitRequestByPolicies(ctx, req, { operation: 'CREATE', object: obj, oldObject: null });
  recordManagedFields(req, undefined, obj, ctx.now(), opts);
  if (dryRun) return obj;
  const ops: WriteOp[] = [{ op: 'put', resource: key, object: obj }];
  ops.push(...(admission?.alsoCreate?.(ctx, obj) ?? []));
  const changes = ctx.commit(ops);
  return changes[0].object;
}
