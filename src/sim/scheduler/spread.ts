/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): the pod's own
 * topologySpreadConstraints, or, when it has none, the system default constraints
 * (hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway) over the pods of the same owner.
 *
 * Upstream builds the default selector from the Services, ReplicationControllers, ReplicaSets and
 * StatefulSets selecting the pod; we only see pods, so "same owner" means the same controller
 * ownerReference in the same namespace (what a Deployment/ReplicaSet/StatefulSet's selector picks).
 */
import type { KubeObject } from '../../apiserver/types';
import { requiredNodeAffinityMatches, selectorMatches, tolerationsTolerate } from './match';
import type { NodeInfo } from './snapshot';
import type { FilterStatus } from './filters';

export const ERR_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_SPREAD_LABEL = `${ERR_SPREAD} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  hard: boolean;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
  /** Whether a pod counts toward this constraint (namespace is checked separately). */
  matches: (p: KubeObject) => boolean;
}

function controllerUid(p: KubeObject): string | undefined {
  return (p.metadata.ownerReferences ?? []).find((o) => o.controller)?.uid;
}

/** The pod's constraints, with matchLabelKeys folded into the selector from the pod's labels. */
function ownConstraints(pod: KubeObject): Constraint[] {
  const labels: Record<string, string> = pod.metadata.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? []).map((c: any) => {
    const extra = (c.matchLabelKeys ?? []).filter((k: string) => k in labels).map((k: string) => ({ key: k, operator: 'In', values: [labels[k]] }));
    const selector = c.labelSelector ? { ...c.labelSelector, matchExpressions: [...(c.labelSelector.matchExpressions ?? []), ...extra] } : null;
    return {
      maxSkew: Number(c.maxSkew ?? 1),
      topologyKey: c.topologyKey ?? '',
      hard: (c.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule',
      minDomains: Number(c.minDomains ?? 0),
      honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorTaints: c.nodeTaintsPolicy === 'Honor',
      matches: (p: KubeObject) => selectorMatches(selector, p.metadata.labels),
    };
  });
}

/** System default constraints (ScheduleAnyway) over the pods sharing the pod's controller. */
function defaultConstraints(pod: KubeObject): Constraint[] {
  const uid = controllerUid(pod);
  if (!uid) return [];
  const matches = (p: KubeObject) => controllerUid(p) === uid;
  const base = { hard: false, minDomains: 0, honorAffinity: true, honorTaints: false, matches };
  return [
    { ...base, maxSkew: 3, topologyKey: HOSTNAME },
    { ...base, maxSkew: 5, topologyKey: ZONE },
  ];
}

const hasLabel = (info: NodeInfo, key: string) => Object.prototype.hasOwnProperty.call(info.labels, key);
const hasAllKeys = (info: NodeInfo, cs: Constraint[]) => cs.every((c) => hasLabel(info, c.topologyKey));

/** Matching, non-terminating pods of the pod's namespace on a node. */
function countOn(info: NodeInfo, c: Constraint, ns: string): number {
  return info.pods.filter((p) => !p.metadata.deletionTimestamp && (p.metadata.namespace ?? 'default') === ns && c.matches(p)).length;
}

/** nodeAffinityPolicy / nodeTaintsPolicy: whether a node's domain takes part in the skew. */
function included(pod: KubeObject, info: NodeInfo, c: Constraint): boolean {
  if (c.honorAffinity && !requiredNodeAffinityMatches(pod, info.node)) return false;
  if (c.honorTaints) {
    const blocked = (info.node.spec?.taints ?? []).some((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerate(pod.spec?.tolerations, t));
    if (blocked) return false;
  }
  return true;
}

/** PreFilter output: matching pods per domain for the hard (DoNotSchedule) constraints. */
export interface SpreadFilterState {
  constraints: Constraint[];
  /** Per constraint: domain value → matching pods. */
  counts: Map<string, number>[];
}

/** Counts matching pods per domain over the nodes that carry every constraint's key. */
export function spreadPreFilter(pod: KubeObject, infos: NodeInfo[]): SpreadFilterState {
  const own = ownConstraints(pod);
  const constraints = own.filter((c) => c.hard);
  const counts = constraints.map(() => new Map<string, number>());
  const ns = pod.metadata.namespace ?? 'default';
  for (const info of infos) {
    if (!hasAllKeys(info, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!included(pod, info, c)) return;
      const v = info.labels[c.topologyKey];
      counts[i].set(v, (counts[i].get(v) ?? 0) + countOn(info, c, ns));
    });
  }
  return { constraints, counts };
}

/** Filter: placing the pod here must keep every hard constraint's skew within maxSkew. */
export function spreadFilter(pod: KubeObject, info: NodeInfo, s: SpreadFilterState): FilterStatus | null {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    if (!hasLabel(info, c.topologyKey)) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_SPREAD_LABEL] };
    const domains = s.counts[i];
    let min = domains.size ? Math.min(...domains.values()) : Infinity;
    if (c.minDomains > 0 && domains.size < c.minDomains) min = 0;
    const self = c.matches(pod) ? 1 : 0;
    const here = domains.get(info.labels[c.topologyKey]) ?? 0;
    if (here + self - min > c.maxSkew) return { code: 'Unschedulable', reasons: [ERR_SPREAD] };
  }
  return null;
}

/**
 * Normalized spread scores (0..100) of the feasible nodes, or null when no soft constraint
 * applies. Fewer matching pods in a node's domains means a higher score; each domain count is
 * weighted by log(number of domains + 2) and offset by maxSkew - 1, as upstream scores it.
 */
export function spreadScores(pod: KubeObject, infos: NodeInfo[], feasible: NodeInfo[]): number[] | null {
  const own = ownConstraints(pod);
  const constraints = own.length ? own.filter((c) => !c.hard) : defaultConstraints(pod);
  if (!constraints.length || !feasible.length) return null;
  const requireAll = own.length > 0;
  const ns = pod.metadata.namespace ?? 'default';
  const ignored = new Set(feasible.filter((n) => requireAll && !hasAllKeys(n, constraints)).map((n) => n.name));
  const domainCounts = constraints.map(() => new Map<string, number>());
  constraints.forEach((c, i) => {
    if (c.topologyKey === HOSTNAME) return;
    for (const n of feasible) if (!ignored.has(n.name) && hasLabel(n, c.topologyKey)) domainCounts[i].set(n.labels[c.topologyKey], 0);
  });
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : domainCounts[i].size) + 2));
  for (const info of infos) {
    if (requireAll && !hasAllKeys(info, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME || !included(pod, info, c)) return;
      const v = info.labels[c.topologyKey];
      if (v === undefined || !domainCounts[i].has(v)) return;
      domainCounts[i].set(v, domainCounts[i].get(v)! + countOn(info, c, ns));
    });
  }
  const raw = feasible.map((n) => {
    if (ignored.has(n.name)) return 0;
    let score = 0;
    constraints.forEach((c, i) => {
      if (!hasLabel(n, c.topologyKey)) return;
      const cnt = c.topologyKey === HOSTNAME ? countOn(n, c, ns) : domainCounts[i].get(n.labels[c.topologyKey]) ?? 0;
      score += cnt * weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  });
  const scored = raw.filter((_, i) => !ignored.has(feasible[i].name));
  const min = scored.length ? Math.min(...scored) : 0;
  const max = scored.length ? Math.max(...scored) : 0;
  return raw.map((s, i) => {
    if (ignored.has(feasible[i].name)) return 0;
    if (max === 0) return 100;
    return Math.trunc((100 * (max + min - s)) / max);
  });
}
