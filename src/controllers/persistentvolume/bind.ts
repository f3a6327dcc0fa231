/**
 * The PV controller's writes of a binding and of phases (pv_controller.go bind,
 * bindVolumeToClaim, bindClaimToVolume, updateClaimStatus, updateVolumePhase, unbindVolume):
 * the volume's claimRef, the claim's volumeName, the bound-by-controller and bind-completed
 * annotations, both phases Bound, and the claim's status.capacity/accessModes from the volume.
 */
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual, timestamp } from '../../apiserver/registry/meta';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, claimRefOf, hasAnn, isVolumeBoundToClaim, withAnn } from './helpers';
import type { Plan, StorageView } from './plan';

const PVS = 'persistentvolumes';
const PVCS = 'persistentvolumeclaims';

/** The latest version of a volume or claim: what the plan already intends, else the given one. */
export function latest(plan: Plan, resource: string, o: KubeObject): KubeObject {
  return plan.pending(resource, o) ?? o;
}

/**
 * updateVolumePhase: a new phase (and status.message) with lastPhaseTransitionTime; nothing
 * when the phase is already set. Returns the volume as intended.
 */
export function setVolumePhase(view: StorageView, plan: Plan, pv: KubeObject, phase: string, message = ''): KubeObject {
  const cur = latest(plan, PVS, pv);
  if (cur.status?.phase === phase) return cur;
  const copy = structuredClone(cur);
  copy.status = { phase, ...(message ? { message } : {}), lastPhaseTransitionTime: timestamp(view.now) };
  return plan.put(PVS, copy);
}

/**
 * updateClaimStatus: the phase, and capacity/accessModes taken from `pv` (cleared without one).
 * Returns the claim as intended.
 */
export function setClaimStatus(plan: Plan, claim: KubeObject, phase: string, pv?: KubeObject): KubeObject {
  const cur = latest(plan, PVCS, claim);
  const status = { ...(cur.status ?? {}), phase };
  if (pv) {
    status.accessModes = structuredClone(pv.spec?.accessModes ?? []);
    status.capacity = structuredClone(pv.spec?.capacity ?? {});
  } else {
    delete status.accessModes;
    delete status.capacity;
  }
  if (jsonEqual(status, cur.status ?? {})) return cur;
  const copy = structuredClone(cur);
  copy.status = status;
  return plan.put(PVCS, copy);
}

/** bindVolumeToClaim: point the claimRef at the claim; mark it bound-by-controller if we chose it. */
function bindVolumeToClaim(plan: Plan, pv: KubeObject, claim: KubeObject): KubeObject {
  let cur = latest(plan, PVS, pv);
  const byController = !isVolumeBoundToClaim(cur, claim);
  const ref = cur.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid) {
    cur = structuredClone(cur);
    cur.spec.claimRef = claimRefOf(claim);
  }
  if (byController && !hasAnn(cur, ANN_BOUND_BY_CONTROLLER)) cur = withAnn(cur, ANN_BOUND_BY_CONTROLLER, 'yes');
  return cur === latest(plan, PVS, pv) ? cur : plan.put(PVS, cur);
}

/** bindClaimToVolume: set volumeName and the bound-by-controller / bind-completed annotations. */
function bindClaimToVolume(plan: Plan, claim: KubeObject, pv: KubeObject): KubeObject {
  const before = latest(plan, PVCS, claim);
  let cur = before;
  const byController = cur.spec?.volumeName !== pv.metadata.name;
  if (cur.spec?.volumeName !== pv.metadata.name) {
    cur = structuredClone(cur);
    cur.spec.volumeName = pv.metadata.name;
  }
  if (byController && !hasAnn(cur, ANN_BOUND_BY_CONTROLLER)) cur = withAnn(cur, ANN_BOUND_BY_CONTROLLER, 'yes');
  if (!hasAnn(cur, ANN_BIND_COMPLETED)) cur = withAnn(cur, ANN_BIND_COMPLETED, 'yes');
  return cur === before ? cur : plan.put(PVCS, cur);
}

/** bind: the volume first (claimRef, phase Bound), then the claim (volumeName, status Bound). */
export function bind(view: StorageView, plan: Plan, pv: KubeObject, claim: KubeObject): void {
  let volume = bindVolumeToClaim(plan, pv, claim);
  volume = setVolumePhase(view, plan, volume, 'Bound');
  const bound = bindClaimToVolume(plan, claim, volume);
  setClaimStatus(plan, bound, 'Bound', volume);
}

/**
 * unbindVolume: a volume the controller bound loses its claimRef and annotation; one the user
 * pre-bound keeps its claimRef without the uid. Either way it is Available again.
 */
export function unbindVolume(view: StorageView, plan: Plan, pv: KubeObject): void {
  const copy = structuredClone(latest(plan, PVS, pv));
  if (hasAnn(copy, ANN_BOUND_BY_CONTROLLER)) {
    delete copy.spec.claimRef;
    delete copy.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER];
  } else if (copy.spec?.claimRef) {
    copy.spec.claimRef = { ...copy.spec.claimRef, uid: '' };
    delete copy.spec.claimRef.uid;
  }
  plan.put(PVS, copy);
  setVolumePhase(view, plan, copy, 'Available');
}
