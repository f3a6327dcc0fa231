import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEnv } from '../kubelet';
import { allocatePodIP } from './pod-ips';

/**
 * What a node's kubelet sees of the cluster when it handles one pod. `reservedIPs`: the pod IPs
 * the same batch gave out on this node, not committed yet.
 */
export function kubeletEnv(ctx: ControllerContext, node: KubeObject, lastStepAt?: Date, reservedIPs?: ReadonlySet<string>): KubeletEnv {
  return {
    now: ctx.now(),
    profile: ctx.settings.profile,
    node,
    podIP: (p) => allocatePodIP(ctx, node, p, reservedIPs),
    configMap: (ns, name) => ctx.store.get('configmaps', ns, name),
    secret: (ns, name) => ctx.store.get('secrets', ns, name),
    pvc: (ns, name) => ctx.store.get('persistentvolumeclaims', ns, name),
    random: ctx.random,
    lastStepAt,
  };
}
