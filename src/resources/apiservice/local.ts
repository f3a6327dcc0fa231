/**
 * The APIServices kube-apiserver registers for its own group versions (the aggregator's
 * apiservice auto-registration): one `VERSION.GROUP` object per served group version, with no
 * service (Local) and the Available condition kube-aggregator keeps True for local ones.
 * Priorities are kube-apiserver's (pkg/controlplane/apiserver aggregator.go, v1.33).
 */
import type { KubeObject } from '../../apiserver/types';

/** groupPriorityMinimum and versionPriority per group version; a CRD's 1000/100 for the others. */
const PRIORITIES: Record<string, [number, number]> = {
  v1: [18000, 1],
  'apiregistration.k8s.io/v1': [18000, 15],
  'apps/v1': [17800, 15],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'autoscaling/v1': [17500, 15],
  'autoscaling/v2': [17500, 30],
  'batch/v1': [17400, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'storage.k8s.io/v1': [16800, 15],
  'apiextensions.k8s.io/v1': [16700, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'scheduling.k8s.io/v1': [16600, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'node.k8s.io/v1': [16300, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
  // metrics-server's own registration (served here by the simulation, locally)
  'metrics.k8s.io/v1beta1': [100, 100],
};

/** The name of the APIService of a group version: `v1.apps`, `v1.` for the core group. */
export function apiServiceName(group: string, version: string): string {
  return `${version}.${group}`;
}

/** The local APIService of one group version, created at `now` (RFC 3339). */
export function localAPIService(group: string, version: string, now: string): KubeObject {
  const [groupPriorityMinimum, versionPriority] = PRIORITIES[group ? `${group}/${version}` : version] ?? [1000, 100];
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: apiServiceName(group, version), labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' }, creationTimestamp: now },
    spec: { ...(group ? { group } : {}), version, groupPriorityMinimum, versionPriority },
    status: {
      conditions: [{ type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available' }],
    },
  };
}

/** Local APIServices for every served group version (`groups` as catalog.groups() lists them). */
export function localAPIServices(groups: { name: string; versions: string[] }[], now: string): KubeObject[] {
  return groups.flatMap((g) => g.versions.map((v) => localAPIService(g.name, v, now)));
}
