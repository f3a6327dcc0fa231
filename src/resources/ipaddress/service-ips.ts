/**
 * The IPAddress objects of Service ClusterIPs, as the IPAddress-based allocator writes them
 * (pkg/registry/core/service/ipallocator): one per allocated address, named by the address,
 * its parentRef the Service.
 */
import type { KubeObject } from '../../apiserver/types';

export const MANAGED_BY_LABEL = 'ipaddress.kubernetes.io/managed-by';
export const IP_ALLOCATOR = 'ipallocator.k8s.io';
export const IP_FAMILY_LABEL = 'ipaddress.kubernetes.io/ip-family';

/** The ClusterIPs a Service holds (none for headless and ExternalName Services). */
export function serviceClusterIPs(svc: KubeObject): string[] {
  const ips: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
  return ips.filter((ip) => ip && ip !== 'None');
}

/** The IPAddress of `ip` held by `svc`, created at `now`. */
export function ipAddressFor(svc: KubeObject, ip: string, now: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IPAddress',
    metadata: {
      name: ip,
      labels: { [IP_FAMILY_LABEL]: ip.includes(':') ? 'IPv6' : 'IPv4', [MANAGED_BY_LABEL]: IP_ALLOCATOR },
      creationTimestamp: now,
      generation: 1,
    },
    spec: { parentRef: { group: '', resource: 'services', namespace: svc.metadata.namespace, name: svc.metadata.name } },
  };
}

/** Whether an IPAddress is the allocator's record for this Service. */
export function heldBy(ip: KubeObject, svc: { namespace: string; name: string }): boolean {
  const ref = ip.spec?.parentRef ?? {};
  return ip.metadata.labels?.[MANAGED_BY_LABEL] === IP_ALLOCATOR && ref.resource === 'services' && (ref.group ?? '') === '' && ref.namespace === svc.namespace && ref.name === svc.name;
}
