/**
 * The `kubernetes` ServiceCIDR kube-apiserver creates from --service-cluster-ip-range
 * (pkg/controlplane/controller/defaultservicecidr), Ready once the allocator uses it.
 */
import type { KubeObject } from '../../apiserver/types';

/** The cluster's service range (kubeadm's default). */
export const SERVICE_CLUSTER_IP_RANGE = '10.96.0.0/12';

/** The default ServiceCIDR, created at `now`. */
export function defaultServiceCIDR(now: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'ServiceCIDR',
    metadata: { name: 'kubernetes', creationTimestamp: now, generation: 1, finalizers: ['networking.k8s.io/service-cidr-finalizer'] },
    spec: { cidrs: [SERVICE_CLUSTER_IP_RANGE] },
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now, reason: '', message: 'Kubernetes Service CIDR is ready' }] },
  };
}
