// The group-versions and resources kubeplay serves, independent of src/resources/catalog.ts so
// that the OpenAPI build never depends on runtime code. `verbs` follows what kube-apiserver
// installs for each storage: full CRUD stores, create-only "review" stores (the *Reviews,
// bindings) and the read-only metrics.k8s.io API of metrics-server.

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];
const READ_ONLY = ['get', 'list'];

/** @typedef {{group: string, version: string, kind: string, resource: string, namespaced: boolean, verbs: string[]}} ServedResource */

/** @param {string} gv @param {Array<[string, string, boolean, string[]?]>} rows @returns {ServedResource[]} */
function gv(gv, rows) {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  return rows.map(([kind, resource, namespaced, verbs]) => ({ group, version, kind, resource, namespaced, verbs: verbs ?? CRUD }));
}

/** Every served resource, grouped by group-version in discovery order. */
export const SERVED = [
  ...gv('v1', [
    ['Namespace', 'namespaces', false], ['Pod', 'pods', true], ['Service', 'services', true],
    ['Endpoints', 'endpoints', true], ['ConfigMap', 'configmaps', true], ['Secret', 'secrets', true],
    ['ServiceAccount', 'serviceaccounts', true], ['Event', 'events', true], ['Node', 'nodes', false],
    ['PersistentVolume', 'persistentvolumes', false], ['PersistentVolumeClaim', 'persistentvolumeclaims', true],
    ['ResourceQuota', 'resourcequotas', true], ['LimitRange', 'limitranges', true],
    ['ReplicationController', 'replicationcontrollers', true], ['PodTemplate', 'podtemplates', true],
    ['Binding', 'bindings', true, CREATE_ONLY],
  ]),
  ...gv('apps/v1', [
    ['Deployment', 'deployments', true], ['ReplicaSet', 'replicasets', true], ['StatefulSet', 'statefulsets', true],
    ['DaemonSet', 'daemonsets', true], ['ControllerRevision', 'controllerrevisions', true],
  ]),
  ...gv('batch/v1', [['Job', 'jobs', true], ['CronJob', 'cronjobs', true]]),
  ...gv('autoscaling/v1', [['HorizontalPodAutoscaler', 'horizontalpodautoscalers', true]]),
  ...gv('autoscaling/v2', [['HorizontalPodAutoscaler', 'horizontalpodautoscalers', true]]),
  ...gv('networking.k8s.io/v1', [
    ['Ingress', 'ingresses', true], ['IngressClass', 'ingressclasses', false], ['NetworkPolicy', 'networkpolicies', true],
  ]),
  ...gv('storage.k8s.io/v1', [['StorageClass', 'storageclasses', false]]),
  ...gv('policy/v1', [['PodDisruptionBudget', 'poddisruptionbudgets', true]]),
  ...gv('discovery.k8s.io/v1', [['EndpointSlice', 'endpointslices', true]]),
  ...gv('events.k8s.io/v1', [['Event', 'events', true]]),
  ...gv('coordination.k8s.io/v1', [['Lease', 'leases', true]]),
  ...gv('rbac.authorization.k8s.io/v1', [
    ['Role', 'roles', true], ['ClusterRole', 'clusterroles', false],
    ['RoleBinding', 'rolebindings', true], ['ClusterRoleBinding', 'clusterrolebindings', false],
  ]),
  ...gv('authorization.k8s.io/v1', [
    ['SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, CREATE_ONLY],
    ['SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, CREATE_ONLY],
    ['SubjectAccessReview', 'subjectaccessreviews', false, CREATE_ONLY],
  ]),
  ...gv('authentication.k8s.io/v1', [
    ['TokenReview', 'tokenreviews', false, CREATE_ONLY],
    ['SelfSubjectReview', 'selfsubjectreviews', false, CREATE_ONLY],
  ]),
  ...gv('metrics.k8s.io/v1beta1', [
    ['NodeMetrics', 'nodes', false, READ_ONLY], ['PodMetrics', 'pods', true, READ_ONLY],
  ]),
];

/** "apps/v1" → "apis/apps/v1", "v1" → "api/v1": the key of the /openapi/v3 index. */
export function gvPath(group, version) {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/**
 * metrics.k8s.io is served by metrics-server, not kube-apiserver, so kubernetes-types has no
 * declarations for it. These are our own, in the same .d.ts dialect, read by the same reader.
 */
export const METRICS_DECLARATIONS = `
import { ObjectMeta, ListMeta, Time } from "kubernetes-types/meta/v1";
import { Quantity } from "kubernetes-types/api/resource";
/** ContainerMetrics holds the resource usage of one container. */
export interface ContainerMetrics {
    /** Container name, as in the pod spec. */
    name: string;
    /** The memory and CPU usage observed for the container. */
    usage: { [name: string]: Quantity };
}
/** NodeMetrics sets resource usage metrics of a node. */
export interface NodeMetrics {
    apiVersion?: "metrics.k8s.io/v1beta1";
    kind?: "NodeMetrics";
    /** Standard object's metadata. */
    metadata?: ObjectMeta;
    /** The following fields define the time interval from which metrics were collected, as [Timestamp-Window, Timestamp]. */
    timestamp: Time;
    /** Length of the interval the usage was averaged over, as a Go duration string. */
    window: string;
    /** The memory and CPU usage observed for the node. */
    usage: { [name: string]: Quantity };
}
/** NodeMetricsList is a list of NodeMetrics. */
export interface NodeMetricsList {
    apiVersion?: "metrics.k8s.io/v1beta1";
    kind?: "NodeMetricsList";
    /** Standard list metadata. */
    metadata?: ListMeta;
    /** List of node metrics. */
    items: Array<NodeMetrics>;
}
/** PodMetrics sets resource usage metrics of a pod. */
export interface PodMetrics {
    apiVersion?: "metrics.k8s.io/v1beta1";
    kind?: "PodMetrics";
    /** Standard object's metadata. */
    metadata?: ObjectMeta;
    /** The following fields define the time interval from which metrics were collected, as [Timestamp-Window, Timestamp]. */
    timestamp: Time;
    /** Length of the interval the usage was averaged over, as a Go duration string. */
    window: string;
    /** Metrics for all containers are collected within the same time window. */
    containers: Array<ContainerMetrics>;
}
/** PodMetricsList is a list of PodMetrics. */
export interface PodMetricsList {
    apiVersion?: "metrics.k8s.io/v1beta1";
    kind?: "PodMetricsList";
    /** Standard list metadata. */
    metadata?: ListMeta;
    /** List of pod metrics. */
    items: Array<PodMetrics>;
}
`;
