/**
 * Admission of new PersistentVolumes: StorageObjectInUseProtection
 * (plugin/pkg/admission/storage/storageobjectinuseprotection) adds the `kubernetes.io/pv-protection`
 * finalizer, which the PV controller's protection removes once the volume is no longer Bound.
 */
import type { KubeObject } from '../../apiserver/types';

const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** Complete a new volume: protection finalizer. */
export function admitVolumeCreate(pv: KubeObject): void {
  const finalizers: string[] = pv.metadata.finalizers ?? [];
  if (!finalizers.includes(PV_PROTECTION)) pv.metadata.finalizers = [...finalizers, PV_PROTECTION];
}
