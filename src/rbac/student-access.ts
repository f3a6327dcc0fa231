/**
 * A student's narrower access (classroom settings `access`): the ClusterRole admin, edit or view
 * bound to the student in one namespace, created with the cluster, as an administrator would
 * with `kubectl create rolebinding student-admin --clusterrole=admin --user=… -n …`.
 */
import type { WriteOp } from '../cluster/storage';
import type { ClusterContext } from '../apiserver/registry/context';
import type { TenantSettings } from '../cluster/settings';
import { timestamp } from '../apiserver/registry/meta';
import { namespaceDefaults, SYSTEM_NAMESPACES } from '../resources/namespace/lifecycle';

/** The writes that give the student its access (none when the settings grant cluster-admin). */
export function studentAccessOps(ctx: ClusterContext, access: TenantSettings['access'], caPem: string): WriteOp[] {
  if (!access?.user) return [];
  const now = timestamp(ctx.now());
  const namespace = access.namespace || 'default';
  const ops: WriteOp[] = [];
  if (!SYSTEM_NAMESPACES.includes(namespace) && !ctx.store.get('namespaces', '', namespace)) {
    ops.push({
      op: 'put',
      resource: 'namespaces',
      object: {
        apiVersion: 'v1', kind: 'Namespace',
        metadata: { name: namespace, uid: crypto.randomUUID(), creationTimestamp: now, labels: { 'kubernetes.io/metadata.name': namespace } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
    });
    ops.push(...namespaceDefaults(ctx, namespace, caPem));
  }
  ops.push({
    op: 'put',
    resource: 'rolebindings.rbac.authorization.k8s.io',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
      metadata: { name: `student-${access.role}`, namespace, uid: crypto.randomUUID(), creationTimestamp: now },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: access.role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: access.user }],
    },
  });
  return ops;
}
