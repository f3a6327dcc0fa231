import type { Change } from '../cluster/storage';
import type { KubeObject } from '../apiserver/types';

/**
 * The keys (`namespace/name`) of the owners of `kind` that control the changed object, before
 * or after the change — how a controller hears of its dependents (the ownerReference handler).
 */
export function controllerOwnerKeys(change: Change, kind: string): string[] {
  const refs = [...(change.object.metadata.ownerReferences ?? []), ...(change.old?.metadata.ownerReferences ?? [])];
  return [...new Set(refs.filter((r) => r.controller && r.kind === kind).map((r) => `${change.namespace}/${r.name}`))];
}

/**
 * A pod made from a workload's template and controlled by it (controller.GetPodFromTemplate):
 * the template's labels, annotations and spec, a generated name after the owner's.
 */
export function podFromTemplate(owner: KubeObject): KubeObject {
  const tpl = structuredClone(owner.spec?.template ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: tpl.metadata?.labels,
      ...(tpl.metadata?.annotations ? { annotations: tpl.metadata.annotations } : {}),
      ...(tpl.metadata?.finalizers ? { finalizers: tpl.metadata.finalizers } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: tpl.spec ?? {},
  };
}
