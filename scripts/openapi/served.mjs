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
    ['IPAddress', 'ipaddresses', false], ['ServiceCIDR', 'servicecidrs', false],
  ]),
  ...gv('storage.k8s.io/v1', [
    ['StorageClass', 'storageclasses', false], ['CSIDriver', 'csidrivers', false], ['CSINode', 'csinodes', false],
    ['CSIStorageCapacity', 'csistoragecapacities', true], ['VolumeAttachment', 'volumeattachments', false],
  ]),
  ...gv('admissionregistration.k8s.io/v1', [
    ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
    ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
    ['ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
    ['ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
  ]),
  ...gv('apiextensions.k8s.io/v1', [['CustomResourceDefinition', 'customresourcedefinitions', false]]),
  ...gv('apiregistration.k8s.io/v1', [['APIService', 'apiservices', false]]),
  ...gv('certificates.k8s.io/v1', [['CertificateSigningRequest', 'certificatesigningrequests', false]]),
  ...gv('flowcontrol.apiserver.k8s.io/v1', [
    ['FlowSchema', 'flowschemas', false], ['PriorityLevelConfiguration', 'prioritylevelconfigurations', false],
  ]),
  ...gv('node.k8s.io/v1', [['RuntimeClass', 'runtimeclasses', false]]),
  ...gv('scheduling.k8s.io/v1', [['PriorityClass', 'priorityclasses', false]]),
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

/**
 * networking.k8s.io/v1 ServiceCIDR and IPAddress went GA in v1.33, after the kubernetes-types
 * release we build from; their v1 fields are those of v1alpha1, so the declarations are that
 * file's with the apiVersion changed (a virtual file beside networking/v1.d.ts).
 */
export function networkingV1CidrDeclarations(v1alpha1Source) {
  return v1alpha1Source.replaceAll('"networking.k8s.io/v1alpha1"', '"networking.k8s.io/v1"');
}

/**
 * apiregistration.k8s.io/v1 belongs to kube-aggregator, not k8s.io/api, so kubernetes-types has
 * no declarations for it. These are our own, after kube-aggregator's types.
 */
export const APIREGISTRATION_DECLARATIONS = `
import { ObjectMeta, ListMeta, Time } from "kubernetes-types/meta/v1";
/** APIService represents a server for a particular GroupVersion. Name must be "version.group". */
export interface APIService {
    /** APIVersion defines the versioned schema of this representation of an object. */
    apiVersion?: "apiregistration.k8s.io/v1";
    /** Kind is a string value representing the REST resource this object represents. */
    kind?: "APIService";
    /** Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata */
    metadata?: ObjectMeta;
    /** Spec contains information for locating and communicating with a server */
    spec?: APIServiceSpec;
    /** Status contains derived information about an API server */
    status?: APIServiceStatus;
}
/** APIServiceList is a list of APIService objects. */
export interface APIServiceList {
    apiVersion?: "apiregistration.k8s.io/v1";
    kind?: "APIServiceList";
    /** Standard list metadata. */
    metadata?: ListMeta;
    /** Items is the list of APIService */
    items: Array<APIService>;
}
/** APIServiceSpec contains information for locating and communicating with a server. Only https is supported, though you are able to disable certificate verification. */
export interface APIServiceSpec {
    /** Service is a reference to the service for this API server.  It must communicate on port 443. If the Service is nil, that means the handling for the API groupversion is handled locally on this server. The call will simply delegate to the normal handler chain to be fulfilled. */
    service?: ServiceReference;
    /** Group is the API group name this server hosts */
    group?: string;
    /** Version is the API version this server hosts.  For example, "v1" */
    version?: string;
    /** InsecureSkipTLSVerify disables TLS certificate verification when communicating with this server. This is strongly discouraged.  You should use the CABundle instead. */
    insecureSkipTLSVerify?: boolean;
    /** CABundle is a PEM encoded CA bundle which will be used to validate an API server's serving certificate. If unspecified, system trust roots on the apiserver are used. */
    caBundle?: string;
    /** GroupPriorityMinimum is the priority this group should have at least. Higher priority means that the group is preferred by clients over lower priority ones. */
    groupPriorityMinimum: number;
    /** VersionPriority controls the ordering of this API version inside of its group.  Must be greater than zero. */
    versionPriority: number;
}
/** ServiceReference holds a reference to Service.legacy.k8s.io */
export interface ServiceReference {
    /** Namespace is the namespace of the service */
    namespace?: string;
    /** Name is the name of the service */
    name?: string;
    /** If specified, the port on the service that hosting webhook. Default to 443 for backward compatibility. \`port\` should be a valid port number (1-65535, inclusive). */
    port?: number;
}
/** APIServiceStatus contains derived information about an API server */
export interface APIServiceStatus {
    /** Current service state of apiService. */
    conditions?: Array<APIServiceCondition>;
}
/** APIServiceCondition describes the state of an APIService at a particular point */
export interface APIServiceCondition {
    /** Type is the type of the condition. */
    type: string;
    /** Status is the status of the condition. Can be True, False, Unknown. */
    status: string;
    /** Last time the condition transitioned from one status to another. */
    lastTransitionTime?: Time;
    /** Unique, one-word, CamelCase reason for the condition's last transition. */
    reason?: string;
    /** Human-readable message indicating details about last transition. */
    message?: string;
}
`;
