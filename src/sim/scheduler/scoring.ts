/**
 * Score plugins of the default profile and their weights (default_plugins.go): TaintToleration 3,
 * NodeAffinity 2, NodeResourcesFit (LeastAllocated over cpu and memory) 1, PodTopologySpread 2,
 * InterPodAffinity 2, NodeResourcesBalancedAllocation 1. ImageLocality (1) is left out: simulated
 * nodes report no image sizes. Each plugin scores 0..100; a node's total is the weighted sum.
 */
import type { KubeObject } from '../../apiserver/types';
import { nodeSelectorTermMatches, tolerationsTolerate } from './match';
import type { NodeInfo } from './snapshot';
import { podNonZeroRequests, podResourceRequests } from './resources';
import { interPodScores } from './interpod';
import { spreadScores } from './spread';

const MAX_SCORE = 100;

/** helper.DefaultNormalizeScore: scale to 0..100 by the highest score, optionally reversed. */
function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_SCORE : 0));
  return scores.map((s) => {
    const v = Math.trunc((MAX_SCORE * s) / max);
    return reverse ? MAX_SCORE - v : v;
  });
}

/**
 * NodeResourcesFit with the LeastAllocated strategy: the share of cpu and memory left free after
 * placing the pod (requests with the 100m / 200Mi defaults), averaged with equal weights.
 */
export function leastAllocatedScore(pod: KubeObject, info: NodeInfo): number {
  const req = podNonZeroRequests(pod);
  const one = (alloc: number, requested: number) => (alloc === 0 || requested > alloc ? 0 : Math.trunc(((alloc - requested) * MAX_SCORE) / alloc));
  const cpu = one(info.allocatable.cpuMilli, info.nonZeroRequested.cpuMilli + req.cpuMilli);
  const mem = one(info.allocatable.memoryBytes, info.nonZeroRequested.memoryBytes + req.memoryBytes);
  return Math.trunc((cpu + mem) / 2);
}

/**
 * NodeResourcesBalancedAllocation: favours nodes whose cpu and memory fractions stay close,
 * `(1 - |cpuFraction - memFraction| / 2) * 100`. Skipped (null) for pods requesting neither.
 */
export function balancedAllocationScore(pod: KubeObject, info: NodeInfo): number | null {
  const req = podResourceRequests(pod);
  if (req.cpuMilli === 0 && req.memoryBytes === 0) return null;
  const frac = (alloc: number, requested: number) => (alloc === 0 ? 0 : Math.min(1, requested / alloc));
  const cpu = frac(info.allocatable.cpuMilli, info.requested.cpuMilli + req.cpuMilli);
  const mem = frac(info.allocatable.memoryBytes, info.requested.memoryBytes + req.memoryBytes);
  return Math.trunc((1 - Math.abs(cpu - mem) / 2) * MAX_SCORE);
}

/** TaintToleration: PreferNoSchedule taints the pod does not tolerate, fewer is better. */
export function taintTolerationScores(pod: KubeObject, feasible: NodeInfo[]): number[] {
  const tolerations = (pod.spec?.tolerations ?? []).filter((t: any) => !t.effect || t.effect === 'PreferNoSchedule');
  const counts = feasible.map((n) => (n.node.spec?.taints ?? []).filter((t: any) => t.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, t)).length);
  return defaultNormalize(counts, true);
}

/** NodeAffinity: summed weights of the preferred terms a node matches; null when the pod has none. */
export function nodeAffinityScores(pod: KubeObject, feasible: NodeInfo[]): number[] | null {
  const terms: any[] = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (!terms.length) return null;
  const raw = feasible.map((n) => terms.reduce((sum, t) => (t?.weight && nodeSelectorTermMatches(t.preference, n.node) ? sum + Number(t.weight) : sum), 0));
  return defaultNormalize(raw, false);
}

/** Weighted total score per feasible node (same order as `feasible`). */
export function totalScores(pod: KubeObject, all: NodeInfo[], feasible: NodeInfo[], nsLabels: (ns: string) => Record<string, string>): number[] {
  const totals = feasible.map(() => 0);
  const add = (scores: (number | null)[] | null, weight: number) => scores?.forEach((s, i) => (totals[i] += (s ?? 0) * weight));
  add(taintTolerationScores(pod, feasible), 3);
  add(nodeAffinityScores(pod, feasible), 2);
  add(feasible.map((n) => leastAllocatedScore(pod, n)), 1);
  add(spreadScores(pod, all, feasible), 2);
  add(interPodScores(pod, all, feasible, nsLabels), 2);
  add(feasible.map((n) => balancedAllocationScore(pod, n)), 1);
  return totals;
}
