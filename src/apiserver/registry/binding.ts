import { decodeObject } from '../codecs/body';
import { conflict, invalid, notFound } from '../status';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { timestamp } from './meta';

/**
 * POST pods/NAME/binding (or a Binding to `bindings`): assign a pending pod to a node, as the
 * scheduler does. A pod already assigned is refused with 409, as upstream's assignPod.
 */
export function bindPod(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const binding = decodeObject(req.body, req.headers.get('content-type'));
  const name = req.info.name || binding?.metadata?.name;
  const ns = req.info.namespace;
  const gr = { group: '', resource: 'pods' };
  const target = binding?.target?.name;
  if (!target) throw invalid('Binding', '', name ?? '', [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  const pod = ctx.store.get('pods', ns, name);
  if (!pod) throw notFound(gr, name);
  if (pod.metadata.deletionTimestamp) throw conflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw conflict(gr, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  const bound = structuredClone(pod);
  bound.spec.nodeName = target;
  const conds = (bound.status.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
  conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(ctx.now()) });
  bound.status = { ...bound.status, conditions: conds };
  if (!req.query.getAll('dryRun').includes('All')) ctx.commit([{ op: 'put', resource: 'pods', object: bound }]);
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
