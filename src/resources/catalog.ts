/**
 * Every resource the API serves, with what discovery says of it (as kube-apiserver v1.33 lists
 * them in `kubectl api-resources`). The storage key of a resource is `plural` for the core group
 * and `plural.group` otherwise; versions of one resource share that storage.
 */
import type { CustomResourceServing } from './customresource/serving';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface ResourceDef {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: Verb[];
  /** Subresources and the kind each one answers with (`status` answers the parent kind). */
  subresources?: { name: string; kind: string; group?: string; version?: string; verbs: string[] }[];
  /** The version objects are stored as, when not the preferred one (a CRD's storage version). */
  storageVersion?: string;
  /** For a custom resource: what its CustomResourceDefinition says of each version. */
  custom?: CustomResourceServing;
}

const ALL: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY: Verb[] = ['create'];
const statusSub = (kind: string) => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });
const scaleSub = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };
/** kube-apiserver's category for the kinds that extend the API (webhooks, policies, APIServices, CRDs). */
const API_EXTENSIONS = ['api-extensions'];

export const catalog: ResourceDef[] = [
  // core/v1
  { group: '', versions: ['v1'], resource: 'bindings', kind: 'Binding', singular: 'binding', namespaced: true, verbs: CREATE_ONLY },
  { group: '', versions: ['v1'], resource: 'componentstatuses', kind: 'ComponentStatus', singular: 'componentstatus', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'] },
  { group: '', versions: ['v1'], resource: 'configmaps', kind: 'ConfigMap', singular: 'configmap', namespaced: true, shortNames: ['cm'], verbs: ALL },
  { group: '', versions: ['v1'], resource: 'endpoints', kind: 'Endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'], verbs: ALL },
  { group: '', versions: ['v1'], resource: 'events', kind: 'Event', singular: 'event', namespaced: true, shortNames: ['ev'], verbs: ALL },
  { group: '', versions: ['v1'], resource: 'limitranges', kind: 'LimitRange', singular: 'limitrange', namespaced: true, shortNames: ['limits'], verbs: ALL },
  { group: '', versions: ['v1'], resource: 'namespaces', kind: 'Namespace', singular: 'namespace', namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, statusSub('Namespace')] },
  { group: '', versions: ['v1'], resource: 'nodes', kind: 'Node', singular: 'node', namespaced: false, shortNames: ['no'], verbs: ALL, subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, statusSub('Node')] },
  { group: '', versions: ['v1'], resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', singular: 'persistentvolumeclaim', namespaced: true, shortNames: ['pvc'], verbs: ALL, subresources: [statusSub('PersistentVolumeClaim')] },
  { group: '', versions: ['v1'], resource: 'persistentvolumes', kind: 'PersistentVolume', singular: 'persistentvolume', namespaced: false, shortNames: ['pv'], verbs: ALL, subresources: [statusSub('PersistentVolume')] },
  {
    group: '', versions: ['v1'], resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ['all'], verbs: ALL,
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      statusSub('Pod'),
    ],
  },
  { group: '', versions: ['v1'], resource: 'podtemplates', kind: 'PodTemplate', singular: 'podtemplate', namespaced: true, verbs: ALL },
  { group: '', versions: ['v1'], resource: 'replicationcontrollers', kind: 'ReplicationController', singular: 'replicationcontroller', namespaced: true, shortNames: ['rc'], categories: ['all'], verbs: ALL, subresources: [scaleSub, statusSub('ReplicationController')] },
  { group: '', versions: ['v1'], resource: 'resourcequotas', kind: 'ResourceQuota', singular: 'resourcequota', namespaced: true, shortNames: ['quota'], verbs: ALL, subresources: [statusSub('ResourceQuota')] },
  { group: '', versions: ['v1'], resource: 'secrets', kind: 'Secret', singular: 'secret', namespaced: true, verbs: ALL },
  { group: '', versions: ['v1'], resource: 'serviceaccounts', kind: 'ServiceAccount', singular: 'serviceaccount', namespaced: true, shortNames: ['sa'], verbs: ALL, subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }] },
  { group: '', versions: ['v1'], resource: 'services', kind: 'Service', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, statusSub('Service')] },
  // admissionregistration.k8s.io/v1 (stored; webhooks are not called, policies not evaluated)
  { group: 'admissionregistration.k8s.io', versions: ['v1'], resource: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration', singular: 'mutatingwebhookconfiguration', namespaced: false, categories: API_EXTENSIONS, verbs: ALL },
  { group: 'admissionregistration.k8s.io', versions: ['v1'], resource: 'validatingadmissionpolicies', kind: 'ValidatingAdmissionPolicy', singular: 'validatingadmissionpolicy', namespaced: false, categories: API_EXTENSIONS, verbs: ALL, subresources: [statusSub('ValidatingAdmissionPolicy')] },
  { group: 'admissionregistration.k8s.io', versions: ['v1'], resource: 'validatingadmissionpolicybindings', kind: 'ValidatingAdmissionPolicyBinding', singular: 'validatingadmissionpolicybinding', namespaced: false, categories: API_EXTENSIONS, verbs: ALL },
  { group: 'admissionregistration.k8s.io', versions: ['v1'], resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration', singular: 'validatingwebhookconfiguration', namespaced: false, categories: API_EXTENSIONS, verbs: ALL },
  // apiextensions.k8s.io/v1: CustomResourceDefinitions (their resources: resources/resolver.ts)
  { group: 'apiextensions.k8s.io', versions: ['v1'], resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', singular: 'customresourcedefinition', namespaced: false, shortNames: ['crd', 'crds'], categories: API_EXTENSIONS, verbs: ALL, subresources: [statusSub('CustomResourceDefinition')] },
  // apiregistration.k8s.io/v1: the aggregator's APIServices (every group version is Local)
  { group: 'apiregistration.k8s.io', versions: ['v1'], resource: 'apiservices', kind: 'APIService', singular: 'apiservice', namespaced: false, categories: API_EXTENSIONS, verbs: ALL, subresources: [statusSub('APIService')] },
  // apps/v1
  { group: 'apps', versions: ['v1'], resource: 'controllerrevisions', kind: 'ControllerRevision', singular: 'controllerrevision', namespaced: true, verbs: ALL },
  { group: 'apps', versions: ['v1'], resource: 'daemonsets', kind: 'DaemonSet', singular: 'daemonset', namespaced: true, shortNames: ['ds'], categories: ['all'], verbs: ALL, subresources: [statusSub('DaemonSet')] },
  { group: 'apps', versions: ['v1'], resource: 'deployments', kind: 'Deployment', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], verbs: ALL, subresources: [scaleSub, statusSub('Deployment')] },
  { group: 'apps', versions: ['v1'], resource: 'replicasets', kind: 'ReplicaSet', singular: 'replicaset', namespaced: true, shortNames: ['rs'], categories: ['all'], verbs: ALL, subresources: [scaleSub, statusSub('ReplicaSet')] },
  { group: 'apps', versions: ['v1'], resource: 'statefulsets', kind: 'StatefulSet', singular: 'statefulset', namespaced: true, shortNames: ['sts'], categories: ['all'], verbs: ALL, subresources: [scaleSub, statusSub('StatefulSet')] },
  // authentication / authorization (reviews: create only)
  { group: 'authentication.k8s.io', versions: ['v1'], resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', singular: 'selfsubjectreview', namespaced: false, verbs: CREATE_ONLY },
  { group: 'authentication.k8s.io', versions: ['v1'], resource: 'tokenreviews', kind: 'TokenReview', singular: 'tokenreview', namespaced: false, verbs: CREATE_ONLY },
  { group: 'authorization.k8s.io', versions: ['v1'], resource: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', singular: 'localsubjectaccessreview', namespaced: true, verbs: CREATE_ONLY },
  { group: 'authorization.k8s.io', versions: ['v1'], resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', singular: 'selfsubjectaccessreview', namespaced: false, verbs: CREATE_ONLY },
  { group: 'authorization.k8s.io', versions: ['v1'], resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', singular: 'selfsubjectrulesreview', namespaced: false, verbs: CREATE_ONLY },
  { group: 'authorization.k8s.io', versions: ['v1'], resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', singular: 'subjectaccessreview', namespaced: false, verbs: CREATE_ONLY },
  // autoscaling: v2 preferred, v1 served from the same storage
  { group: 'autoscaling', versions: ['v2', 'v1'], resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], verbs: ALL, subresources: [statusSub('HorizontalPodAutoscaler')] },
  // batch/v1
  { group: 'batch', versions: ['v1'], resource: 'cronjobs', kind: 'CronJob', singular: 'cronjob', namespaced: true, shortNames: ['cj'], categories: ['all'], verbs: ALL, subresources: [statusSub('CronJob')] },
  { group: 'batch', versions: ['v1'], resource: 'jobs', kind: 'Job', singular: 'job', namespaced: true, categories: ['all'], verbs: ALL, subresources: [statusSub('Job')] },
  // certificates.k8s.io/v1
  {
    group: 'certificates.k8s.io', versions: ['v1'], resource: 'certificatesigningrequests', kind: 'CertificateSigningRequest', singular: 'certificatesigningrequest', namespaced: false, shortNames: ['csr'], verbs: ALL,
    subresources: [{ name: 'approval', kind: 'CertificateSigningRequest', verbs: ['get', 'patch', 'update'] }, statusSub('CertificateSigningRequest')],
  },
  // coordination, discovery, events
  { group: 'coordination.k8s.io', versions: ['v1'], resource: 'leases', kind: 'Lease', singular: 'lease', namespaced: true, verbs: ALL },
  { group: 'discovery.k8s.io', versions: ['v1'], resource: 'endpointslices', kind: 'EndpointSlice', singular: 'endpointslice', namespaced: true, verbs: ALL },
  { group: 'events.k8s.io', versions: ['v1'], resource: 'events', kind: 'Event', singular: 'event', namespaced: true, shortNames: ['ev'], verbs: ALL },
  // flowcontrol.apiserver.k8s.io/v1 (API Priority and Fairness: stored, not enforced)
  { group: 'flowcontrol.apiserver.k8s.io', versions: ['v1'], resource: 'flowschemas', kind: 'FlowSchema', singular: 'flowschema', namespaced: false, verbs: ALL, subresources: [statusSub('FlowSchema')] },
  { group: 'flowcontrol.apiserver.k8s.io', versions: ['v1'], resource: 'prioritylevelconfigurations', kind: 'PriorityLevelConfiguration', singular: 'prioritylevelconfiguration', namespaced: false, verbs: ALL, subresources: [statusSub('PriorityLevelConfiguration')] },
  // kubeplay.dev/v1: the graded exercises assigned to this cluster (read-only through the API:
  // the platform writes them through the admin path, the exercise controller keeps their status).
  { group: 'kubeplay.dev', versions: ['v1'], resource: 'exercises', kind: 'Exercise', singular: 'exercise', namespaced: false, shortNames: ['ex'], verbs: ['get', 'list', 'watch'] },
  // metrics.k8s.io (served from the simulation's usage, as metrics-server would)
  { group: 'metrics.k8s.io', versions: ['v1beta1'], resource: 'nodes', kind: 'NodeMetrics', singular: '', namespaced: false, verbs: ['get', 'list'] },
  { group: 'metrics.k8s.io', versions: ['v1beta1'], resource: 'pods', kind: 'PodMetrics', singular: '', namespaced: true, verbs: ['get', 'list'] },
  // networking.k8s.io/v1
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'ingressclasses', kind: 'IngressClass', singular: 'ingressclass', namespaced: false, verbs: ALL },
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'ingresses', kind: 'Ingress', singular: 'ingress', namespaced: true, shortNames: ['ing'], verbs: ALL, subresources: [statusSub('Ingress')] },
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'ipaddresses', kind: 'IPAddress', singular: 'ipaddress', namespaced: false, shortNames: ['ip'], verbs: ALL },
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'networkpolicies', kind: 'NetworkPolicy', singular: 'networkpolicy', namespaced: true, shortNames: ['netpol'], verbs: ALL },
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'servicecidrs', kind: 'ServiceCIDR', singular: 'servicecidr', namespaced: false, verbs: ALL, subresources: [statusSub('ServiceCIDR')] },
  // node.k8s.io/v1
  { group: 'node.k8s.io', versions: ['v1'], resource: 'runtimeclasses', kind: 'RuntimeClass', singular: 'runtimeclass', namespaced: false, verbs: ALL },
  // policy/v1
  { group: 'policy', versions: ['v1'], resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', singular: 'poddisruptionbudget', namespaced: true, shortNames: ['pdb'], verbs: ALL, subresources: [statusSub('PodDisruptionBudget')] },
  // rbac.authorization.k8s.io/v1
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', singular: 'clusterrolebinding', namespaced: false, verbs: ALL },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], resource: 'clusterroles', kind: 'ClusterRole', singular: 'clusterrole', namespaced: false, verbs: ALL },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], resource: 'rolebindings', kind: 'RoleBinding', singular: 'rolebinding', namespaced: true, verbs: ALL },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], resource: 'roles', kind: 'Role', singular: 'role', namespaced: true, verbs: ALL },
  // scheduling.k8s.io/v1
  { group: 'scheduling.k8s.io', versions: ['v1'], resource: 'priorityclasses', kind: 'PriorityClass', singular: 'priorityclass', namespaced: false, shortNames: ['pc'], verbs: ALL },
  // storage.k8s.io/v1
  { group: 'storage.k8s.io', versions: ['v1'], resource: 'csidrivers', kind: 'CSIDriver', singular: 'csidriver', namespaced: false, verbs: ALL },
  { group: 'storage.k8s.io', versions: ['v1'], resource: 'csinodes', kind: 'CSINode', singular: 'csinode', namespaced: false, verbs: ALL },
  { group: 'storage.k8s.io', versions: ['v1'], resource: 'csistoragecapacities', kind: 'CSIStorageCapacity', singular: 'csistoragecapacity', namespaced: true, verbs: ALL },
  { group: 'storage.k8s.io', versions: ['v1'], resource: 'storageclasses', kind: 'StorageClass', singular: 'storageclass', namespaced: false, shortNames: ['sc'], verbs: ALL },
  { group: 'storage.k8s.io', versions: ['v1'], resource: 'volumeattachments', kind: 'VolumeAttachment', singular: 'volumeattachment', namespaced: false, verbs: ALL, subresources: [statusSub('VolumeAttachment')] },
];

/** Storage key of a resource: `pods`, `deployments.apps`. */
export function storageKey(def: Pick<ResourceDef, 'group' | 'resource'>): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

/** The API groups in discovery order (core first, then as kube-apiserver orders them). */
export function groups(): { name: string; versions: string[] }[] {
  const out: { name: string; versions: string[] }[] = [];
  for (const def of catalog) {
    let g = out.find((x) => x.name === def.group);
    if (!g) out.push((g = { name: def.group, versions: [] }));
    for (const v of def.versions) if (!g.versions.includes(v)) g.versions.push(v);
  }
  return out;
}

/** The resource served at group/version/resource, if any. */
export function findResource(group: string, version: string, resource: string): ResourceDef | undefined {
  return catalog.find((d) => d.group === group && d.resource === resource && d.versions.includes(version));
}

/** The version a resource's objects are stored as: its storage version, else the preferred one. */
export function storageVersionOf(def: Pick<ResourceDef, 'versions' | 'storageVersion'>): string {
  return def.storageVersion ?? def.versions[0];
}

/** apiVersion string of a group/version: `v1`, `apps/v1`. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
