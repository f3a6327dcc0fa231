/** The kinds the dashboard shows, with where each lives in the API. */
import type { ResourceRef } from './client';

export interface Kind {
  kind: string;
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

const k = (kind: string, group: string, version: string, resource: string, namespaced = true): Kind => ({ kind, group, version, resource, namespaced });

/** Every kind the pages link to, by plural resource name. */
export const KINDS: Record<string, Kind> = Object.fromEntries(
  [
    k('Namespace', '', 'v1', 'namespaces', false),
    k('Node', '', 'v1', 'nodes', false),
    k('Pod', '', 'v1', 'pods'),
    k('Service', '', 'v1', 'services'),
    k('Endpoints', '', 'v1', 'endpoints'),
    k('ConfigMap', '', 'v1', 'configmaps'),
    k('Secret', '', 'v1', 'secrets'),
    k('ServiceAccount', '', 'v1', 'serviceaccounts'),
    k('Event', '', 'v1', 'events'),
    k('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims'),
    k('PersistentVolume', '', 'v1', 'persistentvolumes', false),
    k('ResourceQuota', '', 'v1', 'resourcequotas'),
    k('LimitRange', '', 'v1', 'limitranges'),
    k('Deployment', 'apps', 'v1', 'deployments'),
    k('ReplicaSet', 'apps', 'v1', 'replicasets'),
    k('StatefulSet', 'apps', 'v1', 'statefulsets'),
    k('DaemonSet', 'apps', 'v1', 'daemonsets'),
    k('ControllerRevision', 'apps', 'v1', 'controllerrevisions'),
    k('Job', 'batch', 'v1', 'jobs'),
    k('CronJob', 'batch', 'v1', 'cronjobs'),
    k('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers'),
    k('Ingress', 'networking.k8s.io', 'v1', 'ingresses'),
    k('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies'),
    k('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets'),
    k('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', false),
    k('Role', 'rbac.authorization.k8s.io', 'v1', 'roles'),
    k('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings'),
    k('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
    k('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  ].map((d) => [d.resource, d]),
);

/** The kind of a resource name, or of a Kind name (`Deployment` → deployments). */
export function kindOf(resourceOrKind: string): Kind | undefined {
  return KINDS[resourceOrKind] ?? Object.values(KINDS).find((d) => d.kind === resourceOrKind);
}

/** The ref of a collection (namespace optional: all namespaces when unset). */
export function refOf(kind: Kind, namespace?: string, name?: string): ResourceRef {
  return { group: kind.group, version: kind.version, resource: kind.resource, namespace: kind.namespaced ? namespace : undefined, name };
}
