/**
 * The PersistentVolumeClaims of a StatefulSet's pods (StatefulPodControl's
 * createMissingPersistentVolumeClaims and the claim retention policy): claims are created
 * before their pod, with upstream's events, and their ownerReferences follow
 * persistentVolumeClaimRetentionPolicy. Binding them to volumes is another controller's work.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ControllerContext } from '../types';
import { createAs, updateAs } from '../client';
import { recordEvent } from '../events';
import { jsonEqual } from '../../apiserver/registry/meta';
import { claimOwners, claimsFor, ordinalOf } from './identity';

const COMPONENT = 'statefulset-controller';

/**
 * Create the claims `pod` needs that do not exist yet, recording SuccessfulCreate ("create Claim
 * www-web-0 Pod web-0 in StatefulSet web success") or FailedCreate for each. False when one
 * could not be created (the pod must wait).
 */
export function createMissingClaims(ctx: ControllerContext, set: KubeObject, pod: KubeObject): boolean {
  const ns = set.metadata.namespace ?? '';
  const ordinal = ordinalOf(pod);
  for (const claim of claimsFor(set, ordinal)) {
    if (ctx.store.get('persistentvolumeclaims', ns, claim.metadata.name!)) continue;
    const owners = claimOwners(set, pod, ordinal);
    if (owners.length) claim.metadata.ownerReferences = owners;
    let failure: Error | undefined;
    const created = createAs(ctx, COMPONENT, '', 'persistentvolumeclaims', claim, (e) => (failure = e));
    if (created) {
      ctx.commit([recordEvent(ctx, set, { type: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, component: COMPONENT })]);
    } else {
      const message = `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${failure?.message ?? 'unknown'}`;
      ctx.commit([recordEvent(ctx, set, { type: 'Warning', reason: 'FailedCreate', message, component: COMPONENT })]);
      return false;
    }
  }
  return true;
}

/**
 * Bring the ownerReferences of the existing claims of `pod` in line with the retention policy
 * (updateClaimOwnerRefForSetAndPod): references to the set or the pod are replaced by what the
 * policy asks, other owners are kept. Nothing to do under Retain/Retain.
 */
export function syncClaimOwners(ctx: ControllerContext, set: KubeObject, pod: KubeObject): void {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const ns = set.metadata.namespace ?? '';
  const ordinal = ordinalOf(pod);
  const ours = new Set([set.metadata.uid, pod.metadata.uid]);
  for (const want of claimsFor(set, ordinal)) {
    const claim = ctx.store.get('persistentvolumeclaims', ns, want.metadata.name!);
    if (!claim) continue;
    const refs = claim.metadata.ownerReferences ?? [];
    if (policy.whenDeleted !== 'Delete' && policy.whenScaled !== 'Delete' && !refs.some((r) => ours.has(r.uid))) continue;
    // Another controller of the claim: leave it alone, as upstream does (hasUnexpectedController).
    if (refs.some((r) => r.controller && !ours.has(r.uid))) continue;
    const next = [...refs.filter((r) => !ours.has(r.uid)), ...claimOwners(set, pod, ordinal)];
    if (jsonEqual(next, refs)) continue;
    const copy = structuredClone(claim);
    if (next.length) copy.metadata.ownerReferences = next;
    else delete copy.metadata.ownerReferences;
    updateAs(ctx, COMPONENT, '', 'persistentvolumeclaims', copy);
  }
}
