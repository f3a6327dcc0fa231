import { storageKey } from '../../resources/catalog';
import { applyPatchRequest } from './patch';
import { decodeObject } from '../codecs/body';
import { badRequest, invalid, notFound, staleConflict } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { updateInternal } from './update';
import { admitRequestByPolicies } from '../../resources/validatingadmissionpolicy/request';
import { selectorToString, labelSelectorFromObject } from '../selectors/labels';
import { customScaleOf, setPath } from '../../resources/customresource/scale';
import { customVersion, type ScalePaths } from '../../resources/customresource/serving';

/** The autoscaling/v1 Scale of a workload (its `/scale` subresource). */
export function scaleOf(obj: KubeObject): KubeObject {
  const sel = obj.spec?.selector;
  let selector = '';
  if (sel && typeof sel === 'object' && (sel.matchLabels || sel.matchExpressions)) selector = selectorToString(labelSelectorFromObject(sel));
  else if (sel && typeof sel === 'object') selector = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** GET, PUT or PATCH `/scale`: reads and writes spec.replicas of the parent. */
export function scaleRequest(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const parent = ctx.store.get(storageKey(def), def.namespaced ? info.namespace : '', info.name);
  if (!parent) throw notFound({ group: def.group, resource: def.resource }, info.name);
  const paths: ScalePaths | undefined = def.custom ? customVersion(def, info.apiVersion)?.scale : undefined;
  const current = paths ? customScaleOf(parent, paths) : scaleOf(parent);
  if (info.verb === 'get') return { code: 200, body: current };
  let scale: KubeObject;
  if (info.verb === 'update') {
    scale = decodeObject(req.body, req.headers.get('content-type'));
  } else {
    scale = applyPatchRequest(req, current, 'autoscaling', 'Scale');
  }
  if (!scale || typeof scale !== 'object') throw badRequest('the body of the request was not a Scale');
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== parent.metadata.resourceVersion) throw staleConflict({ group: def.group, resource: def.resource }, info.name);
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    throw invalid('Scale', 'autoscaling', info.name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }]);
  }
  const updated = structuredClone(parent);
  if (paths) setPath(updated, paths.specReplicasPath, replicas);
  else updated.spec = { ...(updated.spec ?? {}), replicas };
  // Admission policies see the Scale (resource deployments, subresource scale), as upstream.
  const scaleKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  admitRequestByPolicies(ctx, req, { operation: 'UPDATE', object: paths ? customScaleOf(updated, paths) : scaleOf(updated), oldObject: current, subresource: 'scale', kind: scaleKind });
  const stored = updateInternal(ctx, { ...req, info: { ...info, subresource: '' } }, updated, { policiesAdmitted: true });
  return { code: 200, body: paths ? customScaleOf(stored, paths) : scaleOf(stored) };
}
