/** Small RBAC worlds for the tests: the default policy plus a namespace's roles and bindings. */
import type { KubeObject } from '../../../src/apiserver/types';
import { bootstrapPolicyOps } from '../../../src/rbac/aggregation';
import { listSource, type PolicySource } from '../../../src/rbac/source';

export const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });

/** A Role (or ClusterRole without namespace) with these rules. */
export function role(name: string, rules: any[], namespace?: string): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: namespace ? 'Role' : 'ClusterRole', metadata: meta(name, namespace), rules } as KubeObject;
}

/** A RoleBinding (or ClusterRoleBinding without namespace). */
export function binding(name: string, roleRef: { kind: string; name: string }, subjects: any[], namespace?: string): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding', metadata: meta(name, namespace), roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects } as KubeObject;
}

/** The default ClusterRoles and ClusterRoleBindings, aggregated. */
export function defaults(): { clusterRoles: KubeObject[]; clusterRoleBindings: KubeObject[] } {
  const ops = bootstrapPolicyOps(new Date('2026-01-01T00:00:00Z'), () => undefined);
  return {
    clusterRoles: ops.filter((o) => o.resource.startsWith('clusterroles.')).map((o) => o.object),
    clusterRoleBindings: ops.filter((o) => o.resource.startsWith('clusterrolebindings.')).map((o) => o.object),
  };
}

/** The default policy plus extra objects. */
export function world(extra: { roles?: KubeObject[]; clusterRoles?: KubeObject[]; roleBindings?: KubeObject[]; clusterRoleBindings?: KubeObject[] } = {}): PolicySource {
  const d = defaults();
  return listSource({
    roles: extra.roles ?? [],
    roleBindings: extra.roleBindings ?? [],
    clusterRoles: [...d.clusterRoles, ...(extra.clusterRoles ?? [])],
    clusterRoleBindings: [...d.clusterRoleBindings, ...(extra.clusterRoleBindings ?? [])],
  });
}

/** A ServiceAccount user as its token authenticates it. */
export function saUser(ns: string, name: string) {
  return { username: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
}
