import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';

/**
 * The pod IP of a pod on a node: the one it already has, or the lowest free host address of
 * the node's pod CIDR (a /24, as kubeadm's default node CIDR mask), skipping .0 and .1.
 * `reserved`: addresses given to pods whose status is not committed yet (the same batch).
 */
export function allocatePodIP(ctx: ClusterContext, node: KubeObject, pod: KubeObject, reserved?: ReadonlySet<string>): string {
  if (pod.status?.podIP) return pod.status.podIP;
  const cidr: string = node.spec?.podCIDR ?? '10.244.0.0/24';
  const prefix = cidr.split('/')[0].split('.').slice(0, 3).join('.');
  const used = new Set<string>(reserved);
  for (const { obj } of ctx.store.byIndex('pods', 'nodeName', node.metadata.name!)) {
    if (obj.status?.podIP && !obj.spec?.hostNetwork) used.add(obj.status.podIP);
  }
  if (pod.spec?.hostNetwork) return node.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? `${prefix}.1`;
  for (let host = 2; host < 255; host++) {
    const ip = `${prefix}.${host}`;
    if (!used.has(ip)) return ip;
  }
  return `${prefix}.254`;
}
