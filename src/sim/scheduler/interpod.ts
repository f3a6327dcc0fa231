/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required pod affinity and
 * anti-affinity of the incoming pod, the required anti-affinity of pods already placed, and the
 * preferred terms' score. Counts are kept per topology pair (`key=value` of a node label).
 */
import type { KubeObject } from '../../apiserver/types';
import { selectorMatches } from './match';
import type { NodeInfo } from './snapshot';
import type { FilterStatus } from './filters';

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

/** Weight given to an existing pod's required affinity term matching the incoming pod (HardPodAffinityWeight). */
const HARD_POD_AFFINITY_WEIGHT = 1;

type NsLabels = (ns: string) => Record<string, string>;

/** A parsed v1.PodAffinityTerm, bound to the pod that declares it. */
interface Term {
  selector: any;
  namespaces: string[];
  namespaceSelector: any;
  topologyKey: string;
}

function parseTerm(owner: KubeObject, t: any): Term {
  const namespaces: string[] = t?.namespaces ?? [];
  const nsSel = t?.namespaceSelector ?? null;
  return {
    selector: t?.labelSelector ?? null,
    // No namespaces and no namespaceSelector mean the declaring pod's own namespace.
    namespaces: !namespaces.length && !nsSel ? [owner.metadata.namespace ?? 'default'] : namespaces,
    namespaceSelector: nsSel,
    topologyKey: t?.topologyKey ?? '',
  };
}

/** Whether `pod` is in the term's namespaces (explicit or selected by namespace labels) and matches its selector. */
function termMatches(term: Term, pod: KubeObject, nsLabels: NsLabels): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  const inNs = term.namespaces.includes(ns) || (term.namespaceSelector && selectorMatches(term.namespaceSelector, nsLabels(ns)));
  return !!inNs && selectorMatches(term.selector, pod.metadata.labels);
}

const required = (pod: KubeObject, kind: 'podAffinity' | 'podAntiAffinity'): Term[] =>
  (pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => parseTerm(pod, t));
const preferred = (pod: KubeObject, kind: 'podAffinity' | 'podAntiAffinity'): { term: Term; weight: number }[] =>
  (pod.spec?.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: any) => ({ term: parseTerm(pod, w?.podAffinityTerm), weight: Number(w?.weight ?? 0) }));

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function bump(counts: Map<string, number>, info: NodeInfo, key: string, by: number): void {
  if (!Object.prototype.hasOwnProperty.call(info.labels, key)) return;
  const k = pairKey(key, info.labels[key]);
  counts.set(k, (counts.get(k) ?? 0) + by);
}

/** PreFilter output: matched-term counts per topology pair. */
export interface InterPodFilterState {
  affinityTerms: Term[];
  antiAffinityTerms: Term[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
  /** The incoming pod matches all of its own required affinity terms. */
  selfMatchesAffinity: boolean;
}

/** Counts, over all nodes, the pods matching the incoming pod's terms and the existing anti-affinity terms matching it. */
export function interPodPreFilter(pod: KubeObject, infos: NodeInfo[], nsLabels: NsLabels): InterPodFilterState {
  const affinityTerms = required(pod, 'podAffinity');
  const antiAffinityTerms = required(pod, 'podAntiAffinity');
  const s: InterPodFilterState = {
    affinityTerms,
    antiAffinityTerms,
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
    selfMatchesAffinity: affinityTerms.every((t) => termMatches(t, pod, nsLabels)),
  };
  for (const info of infos) {
    for (const existing of info.pods) {
      for (const t of required(existing, 'podAntiAffinity')) if (termMatches(t, pod, nsLabels)) bump(s.existingAntiAffinityCounts, info, t.topologyKey, 1);
      // An existing pod counts for affinity only when it matches every required term.
      if (affinityTerms.length && affinityTerms.every((t) => termMatches(t, existing, nsLabels))) {
        for (const t of affinityTerms) bump(s.affinityCounts, info, t.topologyKey, 1);
      }
      for (const t of antiAffinityTerms) if (termMatches(t, existing, nsLabels)) bump(s.antiAffinityCounts, info, t.topologyKey, 1);
    }
  }
  return s;
}

function satisfiesAffinity(info: NodeInfo, s: InterPodFilterState): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    if (!Object.prototype.hasOwnProperty.call(info.labels, t.topologyKey)) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, info.labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere with the topology labels.
  return podsExist || (s.affinityCounts.size === 0 && s.selfMatchesAffinity);
}

/** Filter: pod affinity, then the pod's anti-affinity, then existing pods' anti-affinity. */
export function interPodFilter(info: NodeInfo, s: InterPodFilterState): FilterStatus | null {
  if (!satisfiesAffinity(info, s)) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_AFFINITY] };
  for (const t of s.antiAffinityTerms) {
    if (!Object.prototype.hasOwnProperty.call(info.labels, t.topologyKey)) continue;
    if ((s.antiAffinityCounts.get(pairKey(t.topologyKey, info.labels[t.topologyKey])) ?? 0) > 0) return { code: 'Unschedulable', reasons: [ERR_ANTI_AFFINITY] };
  }
  for (const [k, v] of Object.entries(info.labels)) {
    if ((s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0) return { code: 'Unschedulable', reasons: [ERR_EXISTING_ANTI_AFFINITY] };
  }
  return null;
}

/**
 * Score (before normalization) of each feasible node: the weights of the incoming pod's preferred
 * (anti-)affinity terms matched by pods in the node's topology, plus existing pods' required
 * affinity (weight 1) and preferred (anti-)affinity terms matching the incoming pod. Returns
 * null when nothing contributes (upstream then leaves every score at 0).
 */
export function interPodScores(pod: KubeObject, infos: NodeInfo[], feasible: NodeInfo[], nsLabels: NsLabels): number[] | null {
  const prefAff = preferred(pod, 'podAffinity');
  const prefAnti = preferred(pod, 'podAntiAffinity');
  const topo = new Map<string, number>();
  for (const info of infos) {
    if (!Object.keys(info.labels).length) continue;
    for (const existing of info.pods) {
      for (const { term, weight } of prefAff) if (termMatches(term, existing, nsLabels)) bump(topo, info, term.topologyKey, weight);
      for (const { term, weight } of prefAnti) if (termMatches(term, existing, nsLabels)) bump(topo, info, term.topologyKey, -weight);
      for (const term of required(existing, 'podAffinity')) if (termMatches(term, pod, nsLabels)) bump(topo, info, term.topologyKey, HARD_POD_AFFINITY_WEIGHT);
      for (const { term, weight } of preferred(existing, 'podAffinity')) if (termMatches(term, pod, nsLabels)) bump(topo, info, term.topologyKey, weight);
      for (const { term, weight } of preferred(existing, 'podAntiAffinity')) if (termMatches(term, pod, nsLabels)) bump(topo, info, term.topologyKey, -weight);
    }
  }
  if (!topo.size) return null;
  const raw = feasible.map((info) => Object.entries(info.labels).reduce((sum, [k, v]) => sum + (topo.get(pairKey(k, v)) ?? 0), 0));
  // NormalizeScore: scale into [0, 100] between the lowest and highest raw score.
  const min = Math.min(...raw);
  const diff = Math.max(...raw) - min;
  return raw.map((r) => (diff > 0 ? Math.trunc((100 * (r - min)) / diff) : 0));
}
