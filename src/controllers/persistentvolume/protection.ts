/**
 * The storage-object-in-use protection controllers (pkg/controller/volume/pvcprotection and
 * pvprotection): a claim keeps `kubernetes.io/pvc-protection` while a scheduled, unfinished pod
 * uses it, a volume keeps `kubernetes.io/pv-protection` while it is Bound; once a deleted object
 * is no longer in use the finalizer goes, and with the last finalizer the object itself.
 * Objects that lack the finalizer (made before the admission plugin) get it.
 */
import type { KubeObject } from '../../apiserver/types';
import { PV_PROTECTION, PVC_PROTECTION, podClaimNames, podTerminal } from './helpers';
import { latest } from './bind';
import type { Plan, StorageView } from './plan';

/** podUsesPVC: pods on a node, not finished, with a volume from the claim. */
export function podsUsingClaim(view: StorageView, claim: KubeObject): KubeObject[] {
  return view.pods(claim.metadata.namespace ?? '').filter((p) => !!p.spec?.nodeName && !podTerminal(p) && podClaimNames(p).includes(claim.metadata.name!));
}

function ensureFinalizer(plan: Plan, resource: string, obj: KubeObject, finalizer: string, inUse: () => boolean): void {
  const cur = latest(plan, resource, obj);
  const finalizers: string[] = cur.metadata.finalizers ?? [];
  if (!cur.metadata.deletionTimestamp) {
    if (finalizers.includes(finalizer)) return;
    const copy = structuredClone(cur);
    copy.metadata.finalizers = [...finalizers, finalizer];
    plan.put(resource, copy);
    return;
  }
  if (!finalizers.includes(finalizer) || inUse()) return;
  const rest = finalizers.filter((f) => f !== finalizer);
  if (!rest.length) return plan.delete(resource, cur);
  const copy = structuredClone(cur);
  copy.metadata.finalizers = rest;
  plan.put(resource, copy);
}

/** The pvc-protection controller's decision for one claim. */
export function protectClaim(view: StorageView, plan: Plan, claim: KubeObject): void {
  ensureFinalizer(plan, 'persistentvolumeclaims', claim, PVC_PROTECTION, () => podsUsingClaim(view, claim).length > 0);
}

/** The pv-protection controller's decision for one volume (in use while Bound). */
export function protectVolume(plan: Plan, pv: KubeObject): void {
  ensureFinalizer(plan, 'persistentvolumes', pv, PV_PROTECTION, () => latest(plan, 'persistentvolumes', pv).status?.phase === 'Bound');
}
