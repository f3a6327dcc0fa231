/**
 * syncVolume of the PV controller (pv_controller.go syncVolume, reclaimVolume,
 * deleteVolumeOperation, recycleVolumeOperation): an unclaimed or pre-bound volume is
 * Available, a properly bound one Bound; when its claim is gone it is Released and its reclaim
 * policy runs — Retain keeps it, Delete removes it (the provisioner's volumes, and hostPath
 * volumes under /tmp as the in-tree deleter allows; others fail with VolumeFailedDelete), and
 * Recycle makes it Available again.
 */
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';
import { ANN_PROVISIONED_BY, PV_CONTROLLER, hasAnn } from './helpers';
import { latest, setVolumePhase, unbindVolume } from './bind';
import type { Plan, StorageView } from './plan';
import { simulatedProvisioner } from './provisioner';

const PVS = 'persistentvolumes';

/** Mark the volume deleted (its pv-protection finalizer, if any, holds it until it is unbound). */
function deleteVolume(view: StorageView, plan: Plan, pv: KubeObject): void {
  const cur = latest(plan, PVS, pv);
  if (cur.metadata.deletionTimestamp) return;
  if (!(cur.metadata.finalizers ?? []).length) return plan.delete(PVS, cur);
  const copy = structuredClone(cur);
  copy.metadata.deletionTimestamp = timestamp(view.now);
  copy.metadata.deletionGracePeriodSeconds = 0;
  plan.put(PVS, copy);
}

/** Why the in-tree plugins cannot delete this volume, or undefined when they can. */
export function deleteRefusal(pv: KubeObject): string | undefined {
  const path = pv.spec?.hostPath?.path;
  if (typeof path === 'string') return /\/tmp\/.+/.test(path) ? undefined : `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  return `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
}

/** reclaimVolume: apply the reclaim policy to a Released volume. */
function reclaimVolume(view: StorageView, plan: Plan, pv: KubeObject): void {
  switch (pv.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle':
      plan.event(pv, 'Normal', 'VolumeRecycled', 'Volume recycled', PV_CONTROLLER);
      return unbindVolume(view, plan, pv);
    case 'Delete': {
      const by = pv.metadata.annotations?.[ANN_PROVISIONED_BY];
      if (by !== undefined) {
        // An external provisioner deletes its own volumes; only the simulated one runs here.
        if (simulatedProvisioner(by)) deleteVolume(view, plan, pv);
        return;
      }
      const why = deleteRefusal(pv);
      if (!why) return deleteVolume(view, plan, pv);
      if (pv.status?.phase === 'Failed') return;
      setVolumePhase(view, plan, pv, 'Failed', why);
      plan.event(pv, 'Warning', 'VolumeFailedDelete', why, PV_CONTROLLER);
      return;
    }
    default:
      return;
  }
}

/** Released (unless already Released or Failed), then the reclaim policy. */
function release(view: StorageView, plan: Plan, pv: KubeObject): void {
  const phase = pv.status?.phase;
  const cur = phase === 'Released' || phase === 'Failed' ? pv : setVolumePhase(view, plan, pv, 'Released');
  reclaimVolume(view, plan, cur);
}

/** syncVolume: the whole decision for one volume (its protection finalizer aside). */
export function syncVolume(view: StorageView, plan: Plan, pv: KubeObject): void {
  const ref = pv.spec?.claimRef;
  if (!ref || !ref.uid) return void setVolumePhase(view, plan, pv, 'Available');
  let claim = view.claim(ref.namespace ?? '', ref.name ?? '');
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) return release(view, plan, pv);
  const volumeName = claim.spec?.volumeName;
  if (!volumeName) return; // the claim's sync completes (or undoes) the binding
  if (volumeName === pv.metadata.name) return void setVolumePhase(view, plan, pv, 'Bound');
  // The claim is bound to another volume.
  if (hasAnn(pv, ANN_PROVISIONED_BY) && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') return release(view, plan, pv);
  unbindVolume(view, plan, pv);
}
