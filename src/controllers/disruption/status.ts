/**
 * The status of a PodDisruptionBudget (pkg/controller/disruption/disruption.go trySync,
 * getExpectedPodCount, buildDisruptedPodMap, countHealthyPods, updatePdbStatus), as a pure
 * function of the budget, its pods and the scale of their controllers.
 */
import type { KubeObject } from '../../apiserver/types';
import { scaledValue } from '../deployment/rollout';
import { setDisruptionAllowed } from '../../resources/poddisruptionbudget/budget';
import { timestamp } from '../../apiserver/registry/meta';

/** How long an eviction keeps a pod out of currentHealthy while waiting for its deletion. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** The scale of a pod's controller: its uid and desired replicas, or undefined if none is known. */
export type ScaleOf = (pod: KubeObject) => { uid: string; replicas: number } | undefined;

/** What one sync decides: the new status, when to look again, events to record. */
export interface BudgetPlan {
  status: Record<string, any>;
  recheckAt?: number;
  events: { type: 'Normal' | 'Warning'; reason: string; message: string }[];
}

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const controllerOf = (p: KubeObject) => (p.metadata.ownerReferences ?? []).find((r) => r.controller);

/** getExpectedScale: the sum of the replicas of the pods' controllers; throws for an unknown controller. */
function expectedScale(pods: KubeObject[], scaleOf: ScaleOf): { count: number; unmanaged: string[] } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name!);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const s = scaleOf(pod);
    if (!s) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
    scales.set(s.uid, s.replicas);
  }
  return { count: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
}

/** getExpectedPodCount: expectedPods and desiredHealthy from maxUnavailable or minAvailable. */
export function expectedCounts(pdb: KubeObject, pods: KubeObject[], scaleOf: ScaleOf): { expected: number; desired: number; unmanaged: string[] } {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable != null) {
    const { count, unmanaged } = expectedScale(pods, scaleOf);
    return { expected: count, desired: Math.max(0, count - scaledValue(spec.maxUnavailable, count, true)), unmanaged };
  }
  if (typeof spec.minAvailable === 'number') return { expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
  if (typeof spec.minAvailable === 'string') {
    const { count, unmanaged } = expectedScale(pods, scaleOf);
    return { expected: count, desired: scaledValue(spec.minAvailable, count, true), unmanaged };
  }
  return { expected: 0, desired: 0, unmanaged: [] };
}

/** The budget's status after a sync at `now` (failSafe with SyncFailed when the count fails). */
export function planBudget(pdb: KubeObject, pods: KubeObject[], scaleOf: ScaleOf, now: Date): BudgetPlan {
  const at = timestamp(now);
  const old = pdb.status ?? {};
  const events: BudgetPlan['events'] = [];
  if (!pods.length) events.push({ type: 'Normal', reason: 'NoPods', message: 'No matching pods found' });
  let counts: ReturnType<typeof expectedCounts>;
  try {
    counts = expectedCounts(pdb, pods, scaleOf);
  } catch (e) {
    const message = (e as Error).message;
    events.push({ type: 'Warning', reason: 'CalculateExpectedPodCountFailed', message: `Failed to calculate the number of expected pods: ${message}` });
    const status = { ...structuredClone(old), disruptionsAllowed: 0, observedGeneration: pdb.metadata.generation ?? old.observedGeneration };
    setDisruptionAllowed(status, at, { reason: 'SyncFailed', message });
    return { status, events };
  }
  if (counts.unmanaged.length) {
    events.push({
      type: 'Warning',
      reason: 'UnmanagedPods',
      message: `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
    });
  }
  // buildDisruptedPodMap: evictions not yet carried out, for at most DELETION_TIMEOUT.
  const disrupted: Record<string, string> = {};
  let recheckAt: number | undefined;
  for (const pod of pods) {
    const since = old.disruptedPods?.[pod.metadata.name!];
    if (pod.metadata.deletionTimestamp || !since) continue;
    const due = Date.parse(since) + DELETION_TIMEOUT_MS;
    if (due < now.getTime()) {
      events.push({ type: 'Warning', reason: 'NotDeleted', message: `Pod ${pod.metadata.namespace}/${pod.metadata.name} was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.name} to be deleted but it wasn't` });
      continue;
    }
    disrupted[pod.metadata.name!] = since;
    if (recheckAt === undefined || due < recheckAt) recheckAt = due;
  }
  let healthy = 0;
  for (const pod of pods) if (!pod.metadata.deletionTimestamp && !(pod.metadata.name! in disrupted) && isReady(pod)) healthy++;
  let allowed = healthy - counts.desired;
  if (counts.expected <= 0 || allowed <= 0) allowed = 0;
  const status: Record<string, any> = {
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: counts.desired,
    expectedPods: counts.expected,
    observedGeneration: pdb.metadata.generation ?? 0,
    conditions: old.conditions,
  };
  setDisruptionAllowed(status, at);
  return { status, recheckAt: recheckAt === undefined ? undefined : recheckAt + 1, events };
}
