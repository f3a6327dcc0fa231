/**
 * The deprecated v1 ComponentStatus list (pkg/registry/core/componentstatus): not stored, but
 * the health of the control-plane components a kubeadm cluster checks, answered on every read.
 * The simulated scheduler, controller manager and storage are always up, so each is Healthy
 * with the message `ok`, as `kubectl get cs` shows on a kubeadm 1.33 cluster.
 */
import { notFound } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { wantsTable, tableOf } from './table';
import { selectorPredicate } from './read';

const COMPONENTS = ['scheduler', 'controller-manager', 'etcd-0'];

function componentStatus(name: string): KubeObject {
  return { kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] } as KubeObject;
}

/** GET or LIST componentstatuses (label and field selectors filter, as upstream's predicate). */
export function componentStatusRequest(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { info } = req;
  const table = wantsTable(req.headers.get('accept'));
  if (info.verb === 'get') {
    if (!COMPONENTS.includes(info.name)) throw notFound({ group: '', resource: 'componentstatus' }, info.name);
    const obj = componentStatus(info.name);
    return { code: 200, body: table ? tableOf(req, [obj], { resourceVersion: '' }, ctx.now()) : obj };
  }
  const pred = selectorPredicate(req);
  const items = COMPONENTS.map(componentStatus).filter(pred);
  if (table) return { code: 200, body: tableOf(req, items, { resourceVersion: '' }, ctx.now()) };
  return { code: 200, body: { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items } };
}
