/**
 * Where the authorizer reads RBAC objects from: the cluster's store, or plain lists in tests.
 */
import type { ObjectStore } from '../cluster/storage';
import type { KubeObject } from '../apiserver/types';

/** Storage keys of the four rbac.authorization.k8s.io kinds. */
export const RBAC_KEYS = {
  roles: 'roles.rbac.authorization.k8s.io',
  clusterroles: 'clusterroles.rbac.authorization.k8s.io',
  rolebindings: 'rolebindings.rbac.authorization.k8s.io',
  clusterrolebindings: 'clusterrolebindings.rbac.authorization.k8s.io',
} as const;

/** Read access to Roles, ClusterRoles and their bindings (upstream's listers). */
export interface PolicySource {
  clusterRoleBindings(): KubeObject[];
  roleBindings(namespace: string): KubeObject[];
  clusterRole(name: string): KubeObject | undefined;
  role(namespace: string, name: string): KubeObject | undefined;
}

/**
 * The PolicySource of a cluster's ObjectStore. A cluster not built yet (no ClusterRoleBinding
 * at all: only discovery and health checks have been asked) answers with the default policy
 * (`defaults`, see policy.ts), as a kube-apiserver whose bootstrap roles are in place.
 */
export function storeSource(store: Pick<ObjectStore, 'get' | 'list'>, defaults?: () => { clusterRoles: KubeObject[]; clusterRoleBindings: KubeObject[] }): PolicySource {
  // Read on first use only: most requests (system:masters) never look.
  let resolved: PolicySource | undefined;
  const src = (): PolicySource => {
    if (resolved) return resolved;
    const bindings = store.list(RBAC_KEYS.clusterrolebindings).map((e) => e.obj);
    if (!bindings.length && defaults) {
      const d = defaults();
      return (resolved = listSource({ clusterRoles: d.clusterRoles, clusterRoleBindings: d.clusterRoleBindings }));
    }
    return (resolved = {
      clusterRoleBindings: () => bindings,
      roleBindings: (ns) => store.list(RBAC_KEYS.rolebindings, ns).map((e) => e.obj),
      clusterRole: (name) => store.get(RBAC_KEYS.clusterroles, '', name),
      role: (ns, name) => store.get(RBAC_KEYS.roles, ns, name),
    });
  };
  return {
    clusterRoleBindings: () => src().clusterRoleBindings(),
    roleBindings: (ns) => src().roleBindings(ns),
    clusterRole: (name) => src().clusterRole(name),
    role: (ns, name) => src().role(ns, name),
  };
}

/** A PolicySource over plain object lists (tests, and the default policy of a cluster not built yet). */
export function listSource(objs: { roles?: KubeObject[]; clusterRoles?: KubeObject[]; roleBindings?: KubeObject[]; clusterRoleBindings?: KubeObject[] }): PolicySource {
  return {
    clusterRoleBindings: () => objs.clusterRoleBindings ?? [],
    roleBindings: (ns) => (objs.roleBindings ?? []).filter((b) => b.metadata.namespace === ns),
    clusterRole: (name) => (objs.clusterRoles ?? []).find((r) => r.metadata.name === name),
    role: (ns, name) => (objs.roles ?? []).find((r) => r.metadata.namespace === ns && r.metadata.name === name),
  };
}
