import { notFound } from '../status';
import type { ApiRequest, ApiResult } from './context';
import type { ControllerContext } from '../../controllers/types';
import { nodeMetrics, podMetrics } from '../../sim/metrics';
import { servedLoad } from '../../sim/load';
import { selectorPredicate } from './read';

/** GET and LIST of metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics (`kubectl top`). */
export function metricsRequest(ctx: ControllerContext, req: ApiRequest): ApiResult {
  const { info } = req;
  const pred = selectorPredicate({ ...req, def: { ...req.def, group: '', resource: info.resource } });
  const gr = { group: 'metrics.k8s.io', resource: info.resource };
  if (info.resource === 'nodes') {
    if (info.name) {
      const node = ctx.store.get('nodes', '', info.name);
      if (!node) throw notFound(gr, info.name);
      return { code: 200, body: nodeMetrics(ctx, node) };
    }
    const load = servedLoad(ctx);
    const items = ctx.store.list('nodes').map((e) => e.obj).filter(pred).map((n) => nodeMetrics(ctx, n, load));
    return { code: 200, body: { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items } };
  }
  if (info.name) {
    const pod = ctx.store.get('pods', info.namespace, info.name);
    const m = pod && podMetrics(ctx, pod);
    if (!m) throw notFound(gr, info.name);
    return { code: 200, body: m };
  }
  const load = servedLoad(ctx);
  const items = ctx.store
    .list('pods', info.namespace)
    .map((e) => e.obj)
    .filter(pred)
    .map((p) => podMetrics(ctx, p, load))
    .filter((m) => m !== undefined);
  return { code: 200, body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items } };
}
