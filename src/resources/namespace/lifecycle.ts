import type { WriteOp } from '../../cluster/storage';
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';

/** The namespaces of a kubeadm cluster, present from the start. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The cluster CA a `kube-root-ca.crt` ConfigMap publishes in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/**
 * What a new namespace gets at once on a real cluster (the ServiceAccount and root-CA
 * publisher controllers): its `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap.
 */
export function namespaceDefaults(ctx: ClusterContext, ns: string, caPem: string): WriteOp[] {
  const now = timestamp(ctx.now());
  const meta = (name: string, extra: Partial<KubeObject['metadata']> = {}) => ({ name, namespace: ns, uid: crypto.randomUUID(), creationTimestamp: now, ...extra });
  const ops: WriteOp[] = [];
  if (!ctx.store.get('serviceaccounts', ns, 'default')) {
    ops.push({ op: 'put', resource: 'serviceaccounts', object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default') } });
  }
  if (!ctx.store.get('configmaps', ns, ROOT_CA_CONFIGMAP)) {
    ops.push({
      op: 'put',
      resource: 'configmaps',
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta(ROOT_CA_CONFIGMAP, { annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }),
        data: { 'ca.crt': caPem },
      },
    });
  }
  return ops;
}

/** The root-CA publisher's updates: every kube-root-ca.crt whose bundle is not `caPem`. */
export function rootCAUpdates(store: ClusterContext['store'], caPem: string): WriteOp[] {
  const ops: WriteOp[] = [];
  for (const { obj } of store.list('configmaps')) {
    if (obj.metadata.name !== ROOT_CA_CONFIGMAP || obj.data?.['ca.crt'] === caPem) continue;
    const next = structuredClone(obj);
    next.data = { ...(next.data ?? {}), 'ca.crt': caPem };
    ops.push({ op: 'put', resource: 'configmaps', object: next });
  }
  return ops;
}

/**
 * The namespace controller's work for one Terminating namespace: delete what it holds, and
 * once nothing is left, remove the namespace. Objects held by finalizers keep it Terminating,
 * with conditions that name those finalizers (as NamespaceFinalizersRemaining).
 */
export function finalizeNamespace(ctx: ClusterContext, ns: KubeObject): WriteOp[] {
  const name = ns.metadata.name!;
  const ops: WriteOp[] = [];
  const remaining = new Map<string, number>();
  const resources = new Map<string, number>();
  const now = timestamp(ctx.now());
  for (const resource of ctx.store.resourcesWithObjects()) {
    if (resource === 'namespaces' || resource === 'nodes' || resource === 'persistentvolumes') continue;
    for (const { obj } of ctx.store.list(resource, name)) {
      if (obj.metadata.namespace !== name) continue;
      resources.set(resource, (resources.get(resource) ?? 0) + 1);
      const fins = obj.metadata.finalizers ?? [];
      if (fins.length) {
        for (const f of fins) remaining.set(f, (remaining.get(f) ?? 0) + 1);
        if (!obj.metadata.deletionTimestamp) {
          const marked = structuredClone(obj);
          marked.metadata.deletionTimestamp = now;
          marked.metadata.deletionGracePeriodSeconds = 0;
          ops.push({ op: 'put', resource, object: marked });
        }
      } else {
        ops.push({ op: 'delete', resource, object: obj });
      }
    }
  }
  if (!remaining.size) {
    ops.push({ op: 'delete', resource: 'namespaces', object: ns });
    return ops;
  }
  const conditions = namespaceConditions(ns, remaining, resources, now);
  const updated = structuredClone(ns);
  updated.status = { ...(updated.status ?? {}), phase: 'Terminating', conditions };
  if (JSON.stringify(updated.status) !== JSON.stringify(ns.status)) ops.push({ op: 'put', resource: 'namespaces', object: updated });
  return ops;
}

function namespaceConditions(ns: KubeObject, finalizers: Map<string, number>, resources: Map<string, number>, now: string) {
  const old = new Map<string, any>((ns.status?.conditions ?? []).map((c: any) => [c.type, c]));
  const cond = (type: string, status: string, reason: string, message: string) => {
    const prev = old.get(type);
    const lastTransitionTime = prev && prev.status === status ? prev.lastTransitionTime : now;
    return message ? { type, status, lastTransitionTime, reason, message } : { type, status, lastTransitionTime, reason };
  };
  const fins = [...finalizers.entries()].sort().map(([f, n]) => `${f} in ${n} resource instances`).join(', ');
  const content = [...resources.entries()].sort().map(([r, n]) => `${r.split('.')[0]}.${r.includes('.') ? r.slice(r.indexOf('.') + 1) : ''} has ${n} resource instances`.replace('. has', ' has')).join(', ');
  return [
    cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
    cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
    cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
    cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${content}`),
    cond('NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${fins}`),
  ];
}
