/**
 * The default ClusterRoles and ClusterRoleBindings of a kubeadm cluster (upstream
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy: ClusterRoles(), ClusterRoleBindings(), as its
 * testdata/cluster-roles.yaml records them), and kubeadm's kubeadm:cluster-admins binding.
 * admin, edit and view are built by aggregation (see aggregation.ts).
 */
import type { KubeObject } from '../apiserver/types';
import type { PolicyRule } from './rules';

const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ = ['get', 'list', 'watch'];
const ALL_RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const r = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule => ({ apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) });
const url = (nonResourceURLs: string[], verbs = ['get']): PolicyRule => ({ nonResourceURLs, verbs });

/** One default ClusterRole: its rules, or the label selector it aggregates. */
interface RoleSpec {
  rules?: PolicyRule[];
  aggregateFrom?: string;
  labels?: Record<string, string>;
}

const AGG = (to: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true' });

/** The default ClusterRoles by name. */
export const DEFAULT_CLUSTER_ROLES: Record<string, RoleSpec> = {
  'cluster-admin': { rules: [r(['*'], ['*'], ['*']), url(['*'], ['*'])] },
  admin: { aggregateFrom: 'admin' },
  edit: { aggregateFrom: 'edit', labels: AGG('admin') },
  view: { aggregateFrom: 'view', labels: AGG('edit') },
  'system:aggregate-to-admin': {
    labels: AGG('admin'),
    rules: [r(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']), r(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL_RW)],
  },
  'system:aggregate-to-edit': {
    labels: AGG('edit'),
    rules: [
      r([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
      r([''], ['serviceaccounts'], ['impersonate']),
      r([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], RW),
      r([''], ['pods/eviction'], ['create']),
      r([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], RW),
      r([''], ['serviceaccounts/token'], ['create']),
      r(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], RW),
      r(['autoscaling'], ['horizontalpodautoscalers'], RW),
      r(['batch'], ['cronjobs', 'jobs'], RW),
      r(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], RW),
      r(['policy'], ['poddisruptionbudgets'], RW),
      r(['networking.k8s.io'], ['ingresses', 'networkpolicies'], RW),
      r(['coordination.k8s.io'], ['leases'], ALL_RW),
    ],
  },
  'system:aggregate-to-view': {
    labels: AGG('view'),
    rules: [
      r([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ),
      r([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], READ),
      r([''], ['namespaces'], READ),
      r(['discovery.k8s.io'], ['endpointslices'], READ),
      r(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ),
      r(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
      r(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
      r(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], READ),
      r(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
      r(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
    ],
  },
  'system:auth-delegator': { rules: [r(['authentication.k8s.io'], ['tokenreviews'], ['create']), r(['authorization.k8s.io'], ['subjectaccessreviews'], ['create'])] },
  'system:basic-user': { rules: [r(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']), r(['authentication.k8s.io'], ['selfsubjectreviews'], ['create'])] },
  'system:discovery': { rules: [url(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])] },
  'system:public-info-viewer': { rules: [url(['/healthz', '/livez', '/readyz', '/version', '/version/'])] },
  'system:monitoring': { rules: [url(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])] },
  'system:service-account-issuer-discovery': { rules: [url(['/.well-known/openid-configuration', '/openid/v1/jwks'])] },
  'system:heapster': { rules: [r([''], ['events', 'namespaces', 'nodes', 'pods'], READ), r(['extensions'], ['deployments'], READ)] },
  'system:kube-aggregator': { rules: [r([''], ['endpoints', 'services'], READ)] },
  'system:kube-dns': { rules: [r([''], ['endpoints', 'services'], ['list', 'watch'])] },
  'system:node-bootstrapper': { rules: [r(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch'])] },
  'system:node-problem-detector': { rules: [r([''], ['nodes'], ['get']), r([''], ['nodes/status'], ['patch']), r(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update'])] },
  'system:node-proxier': {
    rules: [r([''], ['endpoints', 'services'], ['list', 'watch']), r([''], ['nodes'], READ), r(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']), r(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch'])],
  },
  'system:persistent-volume-provisioner': {
    rules: [
      r([''], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'watch']),
      r([''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
      r(['storage.k8s.io'], ['storageclasses'], READ),
      r([''], ['events'], ['watch']),
      r(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']),
    ],
  },
  'system:volume-scheduler': {
    rules: [r([''], ['persistentvolumes'], ['get', 'list', 'patch', 'update', 'watch']), r(['storage.k8s.io'], ['storageclasses'], READ), r([''], ['persistentvolumeclaims'], ['get', 'list', 'patch', 'update', 'watch'])],
  },
  // kubeplay's own: every user may read the exercises assigned to the cluster (kubectl get exercises),
  // whatever narrower access a classroom grants; nobody may write them through the API.
  'kubeplay:exercise-reader': { rules: [r(['kubeplay.dev'], ['exercises'], READ)] },
  // kubeplay's own: the cluster-scoped objects an instructor's read-only view draws (view has none).
  'kubeplay:cluster-reader': { rules: [r([''], ['nodes', 'persistentvolumes'], READ), r(['storage.k8s.io'], ['storageclasses'], READ)] },
  'system:kubelet-api-admin': { rules: [r([''], ['nodes'], READ), r([''], ['nodes'], ['proxy']), r([''], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'], ['*'])] },
};

/** The default ClusterRoleBindings: name → [role, subjects]. */
export const DEFAULT_CLUSTER_ROLE_BINDINGS: Record<string, [string, { kind: string; name: string; namespace?: string }[]]> = {
  'cluster-admin': ['cluster-admin', [{ kind: 'Group', name: 'system:masters' }]],
  'kubeadm:cluster-admins': ['cluster-admin', [{ kind: 'Group', name: 'kubeadm:cluster-admins' }]],
  'system:basic-user': ['system:basic-user', [{ kind: 'Group', name: 'system:authenticated' }]],
  'system:discovery': ['system:discovery', [{ kind: 'Group', name: 'system:authenticated' }]],
  'system:public-info-viewer': ['system:public-info-viewer', [{ kind: 'Group', name: 'system:authenticated' }, { kind: 'Group', name: 'system:unauthenticated' }]],
  'system:monitoring': ['system:monitoring', [{ kind: 'Group', name: 'system:monitoring' }]],
  'system:service-account-issuer-discovery': ['system:service-account-issuer-discovery', [{ kind: 'Group', name: 'system:serviceaccounts' }]],
  'system:kube-dns': ['system:kube-dns', [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }]],
  'kubeplay:exercise-reader': ['kubeplay:exercise-reader', [{ kind: 'Group', name: 'system:authenticated' }]],
  'system:node-proxier': ['system:node-proxier', [{ kind: 'User', name: 'system:kube-proxy' }]],
  // kubeplay's own: an instructor's read-only token (src/http/admin/view-token.ts) reads as `view`.
  'kubeplay:instructors-view': ['view', [{ kind: 'Group', name: 'kubeplay:instructors' }]],
  'kubeplay:instructors-cluster-reader': ['kubeplay:cluster-reader', [{ kind: 'Group', name: 'kubeplay:instructors' }]],
};

const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';

/** The default ClusterRole `name` as an object (aggregated roles with no rules yet). */
export function defaultClusterRole(name: string): KubeObject {
  const spec = DEFAULT_CLUSTER_ROLES[name];
  const obj: any = { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name, labels: { ...BOOTSTRAP_LABELS, ...spec.labels }, annotations: { ...AUTOUPDATE } } };
  if (spec.aggregateFrom) {
    obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: AGG(spec.aggregateFrom) }] };
    obj.rules = [];
  } else {
    obj.rules = structuredClone(spec.rules ?? []);
  }
  return obj;
}

/** The default ClusterRoleBinding `name` as an object. */
export function defaultClusterRoleBinding(name: string): KubeObject {
  const [role, subjects] = DEFAULT_CLUSTER_ROLE_BINDINGS[name];
  const labels = name.startsWith('kubeadm:') ? undefined : { ...BOOTSTRAP_LABELS };
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: { name, ...(labels ? { labels } : {}), annotations: { ...AUTOUPDATE } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: subjects.map((s) => (s.kind === 'ServiceAccount' ? { ...s } : { apiGroup: 'rbac.authorization.k8s.io', ...s })),
  } as KubeObject;
}
