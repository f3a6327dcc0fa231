/**
 * Names and small predicates the PersistentVolume controller, the protection controllers, the
 * simulated provisioner and the scheduler's volume binding share (upstream
 * pkg/controller/volume/persistentvolume/util and component-helpers/storage/volume).
 */
import type { KubeObject } from '../../apiserver/types';

export { defaultClass, isDefaultClass } from '../../resources/storageclass/default-class';

/** On a claim: the binding was completed by the controller (pv.kubernetes.io/bind-completed). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a claim or volume: the controller, not the user, set its half of the binding. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the node the scheduler picked for a WaitForFirstConsumer claim. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a claim: the provisioner expected to provision it (GA and beta spellings). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a volume: the provisioner that made it (pv.kubernetes.io/provisioned-by). */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** The deprecated class annotation, which wins over spec.storageClassName. */
export const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** Finalizers of the storage-object-in-use protection. */
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';
/** The event source of kube-controller-manager's PV controller. */
export const PV_CONTROLLER = 'persistentvolume-controller';
/** A provisioner name that means "never provision" (static local volumes). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

const ann = (o: KubeObject | undefined): Record<string, string> => o?.metadata?.annotations ?? {};

/** Whether `o` carries annotation `key` (any value), as metav1.HasAnnotation. */
export function hasAnn(o: KubeObject | undefined, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(ann(o), key);
}

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function claimClass(claim: KubeObject): string {
  if (hasAnn(claim, ANN_BETA_CLASS)) return ann(claim)[ANN_BETA_CLASS];
  return claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName, else "". */
export function volumeClass(pv: KubeObject): string {
  if (hasAnn(pv, ANN_BETA_CLASS)) return ann(pv)[ANN_BETA_CLASS];
  return pv.spec?.storageClassName ?? '';
}

/** IsVolumeBoundToClaim: the claimRef names the claim and its uid is empty or the claim's. */
export function isVolumeBoundToClaim(pv: KubeObject, claim: KubeObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** The object reference a bound volume keeps of its claim (v1.GetReference). */
export function claimRefOf(claim: KubeObject): Record<string, string> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata.namespace ?? '',
    name: claim.metadata.name ?? '',
    uid: claim.metadata.uid ?? '',
    apiVersion: 'v1',
    resourceVersion: claim.metadata.resourceVersion ?? '',
  };
}

/** `ns/name` of a claim (claimToClaimKey). */
export function claimKey(claim: KubeObject): string {
  return `${claim.metadata.namespace}/${claim.metadata.name}`;
}

/** The claim names a pod's volumes reference (persistentVolumeClaim sources). */
export function podClaimNames(pod: KubeObject): string[] {
  return (pod.spec?.volumes ?? []).filter((v: any) => v?.persistentVolumeClaim?.claimName).map((v: any) => v.persistentVolumeClaim.claimName as string);
}

/** Whether the pod has finished (Succeeded or Failed): it no longer uses its volumes. */
export function podTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** With annotation `key` set to `value` (a copy when it changes; the same object otherwise). */
export function withAnn(o: KubeObject, key: string, value: string): KubeObject {
  if (ann(o)[key] === value) return o;
  const copy = structuredClone(o);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [key]: value };
  return copy;
}
