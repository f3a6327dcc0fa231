/**
 * The cluster's default StorageClass: the one every new cluster starts with, and how the default
 * is found (storageutil.IsDefaultAnnotation, GetDefaultClass).
 *
 * The class is kind's: `standard`, provisioned by rancher.io/local-path (simulated by the PV
 * controller), reclaimPolicy Delete, volumeBindingMode WaitForFirstConsumer — so a claim waits
 * for the first pod that uses it, and its volume is made on that pod's node.
 */
import type { KubeObject } from '../../apiserver/types';

/** The GA default-class annotation. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** The `standard` default StorageClass of a fresh cluster (uid and timestamp from the caller). */
export function defaultStorageClass(uid: string, creationTimestamp: string): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', uid, creationTimestamp, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/** IsDefaultAnnotation: the GA or beta is-default-class annotation is "true". */
export function isDefaultClass(sc: KubeObject): boolean {
  const a: Record<string, string> = sc.metadata?.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/**
 * GetDefaultClass: among the classes marked default, the newest by creationTimestamp (then by
 * name), as upstream since 1.28; undefined when none is marked.
 */
export function defaultClass(classes: KubeObject[]): KubeObject | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return defaults[0];
}
