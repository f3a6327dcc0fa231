/**
 * Which PersistentVolume satisfies a claim (component-helpers/storage/volume FindMatchingVolume
 * and the PV controller's checkVolumeSatisfyClaim): a volume pre-bound to the claim wins;
 * otherwise the smallest Available, unclaimed volume of the claim's class whose capacity covers
 * the request, whose access modes include the claim's, whose volume mode is the claim's, whose
 * labels the claim's selector matches and, on the scheduler's path, whose node affinity admits
 * the node.
 */
import type { KubeObject } from '../../apiserver/types';
import { selectorObjectMatches } from '../../apiserver/selectors/labels';
import { compareQuantity, quantityError } from '../../resources/podspec/quantity';
import { nodeSelectorTermMatches } from '../../sim/scheduler/match';
import { claimClass, isVolumeBoundToClaim, volumeClass } from './helpers';

const storageOf = (o: any, where: 'capacity' | 'request'): string | undefined =>
  where === 'capacity' ? o?.spec?.capacity?.storage : o?.spec?.resources?.requests?.storage;

const validQty = (q: unknown): q is string => q !== undefined && quantityError(q) === undefined;

/** The volume's access modes include every mode the claim asks for (the index's superset rule). */
export function accessModesMatch(claim: KubeObject, pv: KubeObject): boolean {
  const have = new Set<string>(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m: string) => have.has(m));
}

/** Claim and volume use the same volumeMode (both default to Filesystem). */
export function volumeModesMatch(claim: KubeObject, pv: KubeObject): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') === (pv.spec?.volumeMode ?? 'Filesystem');
}

/** CheckNodeAffinity: a volume without required node affinity fits every node. */
export function volumeFitsNode(pv: KubeObject, node: KubeObject): boolean {
  const terms: any[] | undefined = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => nodeSelectorTermMatches(t, node));
}

/** The volume's capacity covers the claim's request. */
export function capacityCovers(claim: KubeObject, pv: KubeObject): boolean {
  const want = storageOf(claim, 'request');
  const have = storageOf(pv, 'capacity');
  if (!validQty(have)) return false;
  if (!validQty(want)) return true;
  return compareQuantity(have, want) >= 0;
}

/**
 * FindMatchingVolume. `node` is given on the scheduler's path (WaitForFirstConsumer claims);
 * the controller passes none, and with `delayBinding` then only takes a volume pre-bound to the
 * claim (the scheduler binds the others). Undefined when nothing fits.
 */
export function findMatchingVolume(claim: KubeObject, volumes: KubeObject[], opts: { delayBinding: boolean; node?: KubeObject }): KubeObject | undefined {
  const requested = claimClass(claim);
  const selector = claim.spec?.selector;
  let best: KubeObject | undefined;
  for (const pv of volumes) {
    if (!accessModesMatch(claim, pv)) continue;
    if (!capacityCovers(claim, pv)) continue;
    if (!volumeModesMatch(claim, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const fits = opts.node ? volumeFitsNode(pv, opts.node) : true;
    if (isVolumeBoundToClaim(pv, claim)) return fits ? pv : undefined;
    if (!opts.node && opts.delayBinding) continue;
    if ((pv.status?.phase ?? '') !== 'Available' || pv.spec?.claimRef) continue;
    if (selector && !selectorObjectMatches(selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== requested) continue;
    if (!fits) continue;
    if (!best || compareQuantity(storageOf(best, 'capacity'), storageOf(pv, 'capacity')) > 0) best = pv;
  }
  return best;
}

/**
 * checkVolumeSatisfyClaim for a claim that names its volume: why that volume cannot serve it
 * (the VolumeMismatch event's message), or undefined when it can.
 */
export function volumeMismatch(claim: KubeObject, pv: KubeObject): string | undefined {
  if (!capacityCovers(claim, pv)) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(claim)) return 'storageClassName does not match';
  if (!volumeModesMatch(claim, pv)) return 'incompatible volumeMode';
  if (!accessModesMatch(claim, pv)) return 'incompatible accessMode';
  return undefined;
}
