/**
 * Admission of new PersistentVolumeClaims: DefaultStorageClass
 * (plugin/pkg/admission/storage/storageclass/setdefault) writes the default class into a claim
 * that names none (no spec.storageClassName, not even "", and no beta class annotation), and
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection)
 * adds the `kubernetes.io/pvc-protection` finalizer.
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { defaultClass } from '../storageclass/default-class';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';

/** Complete a new claim: default class, protection finalizer. */
export function admitClaimCreate(ctx: ClusterContext, claim: KubeObject): void {
  claim.spec ??= {};
  const hasBeta = Object.prototype.hasOwnProperty.call(claim.metadata.annotations ?? {}, BETA_CLASS_ANNOTATION);
  if (claim.spec.storageClassName == null && !hasBeta) {
    const def = defaultClass(ctx.store.list('storageclasses.storage.k8s.io').map((e) => e.obj));
    if (def) claim.spec.storageClassName = def.metadata.name;
  }
  const finalizers: string[] = claim.metadata.finalizers ?? [];
  if (!finalizers.includes(PVC_PROTECTION)) claim.metadata.finalizers = [...finalizers, PVC_PROTECTION];
}
