import type { ControllerContext } from '../controllers/types';
import type { KubeObject } from '../apiserver/types';
import { timestamp } from '../apiserver/registry/meta';
import { containerUsage } from './kubelet';
import { kubeletEnv } from './agents/kubelet-env';
import { parseQuantity } from './kubelet/quantity';
import { servedLoad, withLoad } from './load';

/** The scrape window metrics-server reports. */
const WINDOW = '10.032s';
/** What a node's own processes (kubelet, containerd, the OS) use besides its pods. */
const NODE_OVERHEAD = { cpuNano: 45_000_000, memoryKi: 450 * 1024 };

/**
 * metrics.k8s.io PodMetrics of a running pod (undefined for a pod not running). The HTTP load it
 * serves (see load.ts) goes to its first container that declares a port; `load` is servedLoad's
 * map when the caller already computed it.
 */
export function podMetrics(ctx: ControllerContext, pod: KubeObject, load?: Map<string, number>): KubeObject | undefined {
  if (pod.status?.phase !== 'Running' || !pod.spec?.nodeName) return undefined;
  const node = ctx.store.get('nodes', '', pod.spec.nodeName);
  if (!node) return undefined;
  const env = kubeletEnv(ctx, node);
  const served = (load ?? servedLoad(ctx)).get(pod.metadata.uid ?? '') ?? 0;
  const server = (pod.spec.containers ?? []).find((c: any) => (c.ports ?? []).length) ?? pod.spec.containers?.[0];
  const usageOf = (c: any) => {
    const u = containerUsage(pod, c.name, env);
    if (c !== server || !served || u.cpu === '0') return u;
    return { ...u, cpu: `${Math.round(withLoad((parseQuantity(u.cpu) ?? 0) * 1e9, served, c))}n` };
  };
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: timestamp(ctx.now()), labels: pod.metadata.labels },
    timestamp: timestamp(new Date(ctx.now().getTime() - 5000)),
    window: WINDOW,
    containers: (pod.spec.containers ?? []).map((c: any) => ({ name: c.name, usage: usageOf(c) })),
  };
}

/** metrics.k8s.io NodeMetrics: the node's pods plus its own overhead (`load` as for podMetrics). */
export function nodeMetrics(ctx: ControllerContext, node: KubeObject, load: Map<string, number> = servedLoad(ctx)): KubeObject {
  let cpuNano = NODE_OVERHEAD.cpuNano;
  let memKi = NODE_OVERHEAD.memoryKi;
  for (const { obj } of ctx.store.list('pods')) {
    if (obj.spec?.nodeName !== node.metadata.name) continue;
    const m = podMetrics(ctx, obj, load);
    for (const c of m?.containers ?? []) {
      cpuNano += (parseQuantity(c.usage.cpu) ?? 0) * 1e9;
      memKi += (parseQuantity(c.usage.memory) ?? 0) / 1024;
    }
  }
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name: node.metadata.name, creationTimestamp: timestamp(ctx.now()), labels: node.metadata.labels },
    timestamp: timestamp(new Date(ctx.now().getTime() - 5000)),
    window: WINDOW,
    usage: { cpu: `${Math.round(cpuNano)}n`, memory: `${Math.round(memKi)}Ki` },
  };
}
