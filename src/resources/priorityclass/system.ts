/**
 * The PriorityClasses every cluster has (pkg/apis/scheduling SystemPriorityClasses, created by
 * kube-apiserver's scheduling post-start hook).
 */
import type { KubeObject } from '../../apiserver/types';

/** Priority values of the system classes. */
export const SYSTEM_CLUSTER_CRITICAL = 2000000000;
export const SYSTEM_NODE_CRITICAL = 2000001000;
/** Largest value a user-defined PriorityClass may have (HighestUserDefinablePriority). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
/** Names reserved for system classes. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';

/** The two system PriorityClasses, created at `now`. */
export function systemPriorityClasses(now: string): KubeObject[] {
  const pc = (name: string, value: number, description: string): KubeObject => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name, creationTimestamp: now, generation: 1 },
    value,
    globalDefault: false,
    description,
    preemptionPolicy: 'PreemptLowerPriority',
  });
  return [
    pc('system-node-critical', SYSTEM_NODE_CRITICAL, 'Used for system critical pods that must not be moved from their current node.'),
    pc('system-cluster-critical', SYSTEM_CLUSTER_CRITICAL, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'),
  ];
}
