/**
 * syncClaim of the PV controller (pv_controller.go syncClaim, syncUnboundClaim, syncBoundClaim,
 * provisionClaim): bind a pending claim to the volume it names or to the best match, wait for
 * the first consumer under WaitForFirstConsumer, hand it to its class's provisioner, or say why
 * it stays Pending; keep a bound claim Bound, or Lost when its volume is gone or taken.
 */
import type { KubeObject } from '../../apiserver/types';
import {
  ANN_BETA_CLASS, ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER, PV_CONTROLLER, claimClass, defaultClass, hasAnn, isVolumeBoundToClaim, podClaimNames, withAnn,
} from './helpers';
import { findMatchingVolume, volumeMismatch } from './match';
import { bind, latest, setClaimStatus } from './bind';
import type { Plan, StorageView } from './plan';
import { provisionLocalPath, simulatedProvisioner } from './provisioner';

const PVCS = 'persistentvolumeclaims';

/** The Normal event of a claim waiting for its first consumer (emitEventForUnboundDelayBindingClaim). */
export const WAIT_FOR_FIRST_CONSUMER = 'waiting for first consumer to be created before binding';
/** The Normal FailedBinding event of a class-less claim no volume fits. */
export const NO_VOLUME_NO_CLASS = 'no persistent volumes available for this claim and no storage class is set';

/** The ExternalProvisioning event's message for `provisioner`. */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
export function delayBinding(view: StorageView, claim: KubeObject): boolean {
  const name = claimClass(claim);
  if (!name) return false;
  return view.storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** Retroactive default StorageClass assignment: a claim with no class at all gets the default. */
function assignDefaultClass(view: StorageView, plan: Plan, claim: KubeObject): boolean {
  if (claim.spec?.storageClassName != null || hasAnn(claim, ANN_BETA_CLASS) || claim.spec?.volumeName) return false;
  const def = defaultClass(view.storageClasses());
  if (!def) return false;
  const copy = structuredClone(claim);
  copy.spec.storageClassName = def.metadata.name;
  plan.put(PVCS, copy);
  return true;
}

/** WaitForFirstConsumer, or WaitForPodScheduled naming the unscheduled pods that use the claim. */
function emitWaitingEvent(view: StorageView, plan: Plan, claim: KubeObject): void {
  const waiting = view.pods(claim.metadata.namespace ?? '').filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && podClaimNames(p).includes(claim.metadata.name!));
  if (!waiting.length) return plan.event(claim, 'Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER, PV_CONTROLLER);
  const names = waiting.map((p) => p.metadata.name).join(',');
  plan.event(claim, 'Normal', 'WaitForPodScheduled', waiting.length > 1 ? `waiting for pods ${names} to be scheduled` : `waiting for pod ${names} to be scheduled`, PV_CONTROLLER);
}

/**
 * provisionClaim: the class must exist and name a provisioner; an external provisioner is
 * recorded on the claim (both storage-provisioner annotations) and announced with the
 * ExternalProvisioning event; the simulated one then provisions.
 */
function provisionClaim(view: StorageView, plan: Plan, claim: KubeObject): void {
  const name = claimClass(claim);
  const sc = view.storageClass(name);
  if (!sc) return plan.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${name}" not found`, PV_CONTROLLER);
  const provisioner: string = sc.provisioner ?? '';
  if (provisioner.startsWith('kubernetes.io/')) return plan.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`, PV_CONTROLLER);
  let cur = latest(plan, PVCS, claim);
  const annotated = withAnn(withAnn(cur, ANN_BETA_STORAGE_PROVISIONER, provisioner), ANN_STORAGE_PROVISIONER, provisioner);
  if (annotated !== cur) cur = plan.put(PVCS, annotated);
  plan.event(cur, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner), PV_CONTROLLER);
  if (simulatedProvisioner(provisioner)) provisionLocalPath(view, plan, cur, sc);
}

function syncUnboundClaim(view: StorageView, plan: Plan, claim: KubeObject): void {
  const volumeName: string | undefined = claim.spec?.volumeName;
  if (!volumeName) {
    const delay = delayBinding(view, claim);
    const pv = findMatchingVolume(claim, view.volumes(), { delayBinding: delay });
    if (pv) return bind(view, plan, pv, claim);
    if (delay && !hasAnn(claim, ANN_SELECTED_NODE)) {
      emitWaitingEvent(view, plan, claim);
    } else if (claimClass(claim) !== '') {
      return provisionClaim(view, plan, claim);
    } else {
      plan.event(claim, 'Normal', 'FailedBinding', NO_VOLUME_NO_CLASS, PV_CONTROLLER);
    }
    setClaimStatus(plan, claim, 'Pending');
    return;
  }
  // The user asked for a specific volume.
  const pv = view.volume(volumeName);
  if (!pv) return void setClaimStatus(plan, claim, 'Pending');
  if (!pv.spec?.claimRef) {
    const why = volumeMismatch(claim, pv);
    if (why) {
      plan.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${why}`, PV_CONTROLLER);
      return void setClaimStatus(plan, claim, 'Pending');
    }
    return bind(view, plan, pv, claim);
  }
  if (isVolumeBoundToClaim(pv, claim)) return bind(view, plan, pv, claim);
  // Claimed by someone else: wait if the user chose it; a controller's choice is a bug upstream too.
  if (!hasAnn(claim, ANN_BOUND_BY_CONTROLLER)) setClaimStatus(plan, claim, 'Pending');
}

function markLost(plan: Plan, claim: KubeObject, reason: string, message: string): void {
  if (claim.status?.phase === 'Lost') return;
  setClaimStatus(plan, claim, 'Lost');
  plan.event(claim, 'Warning', reason, message, PV_CONTROLLER);
}

function syncBoundClaim(view: StorageView, plan: Plan, claim: KubeObject): void {
  const volumeName: string | undefined = claim.spec?.volumeName;
  if (!volumeName) return markLost(plan, claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  const pv = view.volume(volumeName);
  if (!pv) return markLost(plan, claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  if (!pv.spec?.claimRef || pv.spec.claimRef.uid === claim.metadata.uid) return bind(view, plan, pv, claim);
  markLost(plan, claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/**
 * syncClaim: the whole decision for one claim (its protection finalizer aside). A claim without
 * any class first gets the default one, if a default exists.
 */
export function syncClaim(view: StorageView, plan: Plan, claim: KubeObject): void {
  if (claim.metadata.deletionTimestamp && !claim.spec?.volumeName) return;
  if (!hasAnn(claim, ANN_BIND_COMPLETED)) {
    if (assignDefaultClass(view, plan, claim)) return;
    syncUnboundClaim(view, plan, claim);
  } else {
    syncBoundClaim(view, plan, claim);
  }
}
