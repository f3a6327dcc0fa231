/**
 * Wire tables for rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding. */
export const rbac: MessageTable = {
  'rbac.Role': { metadata: [1, 'meta.ObjectMeta', 'o'], rules: [2, 'rbac.PolicyRule', 'r'] },
  'rbac.PolicyRule': {
    verbs: [1, 'string', 'r'], apiGroups: [2, 'string', 'ro'], resources: [3, 'string', 'ro'],
    resourceNames: [4, 'string', 'ro'], nonResourceURLs: [5, 'string', 'ro'],
  },
  'rbac.ClusterRole': {
    metadata: [1, 'meta.ObjectMeta', 'o'], rules: [2, 'rbac.PolicyRule', 'r'],
    aggregationRule: [3, 'rbac.AggregationRule', 'po'],
  },
  'rbac.AggregationRule': { clusterRoleSelectors: [1, 'meta.LabelSelector', 'ro'] },
  'rbac.RoleBinding': {
    metadata: [1, 'meta.ObjectMeta', 'o'], subjects: [2, 'rbac.Subject', 'ro'], roleRef: [3, 'rbac.RoleRef'],
  },
  'rbac.Subject': {
    kind: [1, 'string'], apiGroup: [2, 'string', 'o'], name: [3, 'string'], namespace: [4, 'string', 'o'],
  },
  'rbac.RoleRef': { apiGroup: [1, 'string'], kind: [2, 'string'], name: [3, 'string'] },
  'rbac.ClusterRoleBinding': {
    metadata: [1, 'meta.ObjectMeta', 'o'], subjects: [2, 'rbac.Subject', 'ro'], roleRef: [3, 'rbac.RoleRef'],
  },
};
