/**
 * The per-node Filter plugins of kube-scheduler's default profile, in upstream's order
 * (pkg/scheduler/apis/config/v1/default_plugins.go): NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodePorts, NodeResourcesFit, then PodTopologySpread and InterPodAffinity (in
 * spread.ts / interpod.ts). Like the framework's RunFilterPlugins, a node's first failing
 * plugin decides its status. Reason strings are upstream's, as users read them in events.
 */
import type { KubeObject } from '../../apiserver/types';
import { requiredNodeAffinityMatches, tolerationsTolerate } from './match';
import { podHostPorts, type HostPort, type NodeInfo } from './snapshot';
import { podResourceRequests } from './resources';
import { interPodFilter, interPodPreFilter, type InterPodFilterState } from './interpod';
import { spreadFilter, spreadPreFilter, type SpreadFilterState } from './spread';
import { volumeBindingFilter, type VolumeFilterState } from './volumes';

/**
 * A failed filter. `Unschedulable` may be resolved by preempting pods on the node;
 * `UnschedulableAndUnresolvable` cannot (preemption reports it as not helpful).
 */
export interface FilterStatus {
  code: 'Unschedulable' | 'UnschedulableAndUnresolvable';
  reasons: string[];
}

export const ERR_UNSCHEDULABLE = 'node(s) were unschedulable';
export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
export const ERR_TOO_MANY_PODS = 'Too many pods';

const unresolvable = (reason: string): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });

/** NodeUnschedulable: a cordoned node takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule. */
export function nodeUnschedulableFilter(pod: KubeObject, info: NodeInfo): FilterStatus | null {
  if (!info.node.spec?.unschedulable) return null;
  const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  return tolerationsTolerate(pod.spec?.tolerations, taint) ? null : unresolvable(ERR_UNSCHEDULABLE);
}

/**
 * TaintToleration: the node's first NoSchedule/NoExecute taint the pod does not tolerate, printed
 * as v1.33 prints it: `node(s) had untolerated taint {key: value}`.
 */
export function taintTolerationFilter(pod: KubeObject, info: NodeInfo): FilterStatus | null {
  for (const t of info.node.spec?.taints ?? []) {
    if (t?.effect !== 'NoSchedule' && t?.effect !== 'NoExecute') continue;
    if (!tolerationsTolerate(pod.spec?.tolerations, t)) return unresolvable(`node(s) had untolerated taint {${t.key ?? ''}: ${t.value ?? ''}}`);
  }
  return null;
}

/** Absent-node reason when NodeAffinity's PreFilter narrowed the candidates to named nodes. */
export const ERR_NODE_AFFINITY_PREFILTER = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
/** NodeAffinity PreFilter rejection when every term pins conflicting node names. */
export const ERR_AFFINITY_CONFLICT = 'pod affinity terms conflict';

/**
 * NodeAffinity PreFilter: when every required term pins nodes by `matchFields metadata.name In`
 * (how DaemonSet pods target their node), only those nodes are evaluated; the others are reported
 * as not satisfying NodeAffinity. Returns null when all nodes are candidates, an empty set when
 * the terms conflict.
 */
export function nodeAffinityPreFilter(pod: KubeObject): Set<string> | null {
  const terms: any[] = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (!terms.length) return null;
  const union = new Set<string>();
  for (const t of terms) {
    let names = null as Set<string> | null;
    for (const r of t?.matchFields ?? []) {
      if (r?.key !== 'metadata.name' || r?.operator !== 'In') continue;
      const vals = new Set<string>(r.values ?? []);
      names = names === null ? vals : new Set([...names].filter((n) => vals.has(n)));
    }
    if (names === null) return null;
    for (const n of names) union.add(n);
  }
  return union;
}

/** NodeAffinity: spec.nodeSelector and required node affinity. */
export function nodeAffinityFilter(pod: KubeObject, info: NodeInfo): FilterStatus | null {
  return requiredNodeAffinityMatches(pod, info.node) ? null : unresolvable(ERR_NODE_AFFINITY);
}

/** Two host ports clash on the same protocol and port when either binds 0.0.0.0 or both bind the same IP. */
function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

/** NodePorts: every requested host port must be free on the node. */
export function nodePortsFilter(pod: KubeObject, info: NodeInfo): FilterStatus | null {
  const wanted = podHostPorts(pod);
  if (!wanted.length) return null;
  const clash = wanted.some((w) => info.usedPorts.some((u) => portsConflict(w, u)));
  return clash ? { code: 'Unschedulable', reasons: [ERR_NODE_PORTS] } : null;
}

/**
 * NodeResourcesFit: pod count first (`Too many pods`), then each requested resource against what
 * is left of allocatable (`Insufficient cpu`, `Insufficient memory`, `Insufficient <name>`).
 * Every shortfall is a reason of its own.
 */
export function nodeResourcesFitFilter(pod: KubeObject, info: NodeInfo): FilterStatus | null {
  const reasons: string[] = [];
  const a = info.allocatable;
  const used = info.requested;
  if (info.pods.length + 1 > a.pods) reasons.push(ERR_TOO_MANY_PODS);
  const req = podResourceRequests(pod);
  if (req.cpuMilli > 0 && req.cpuMilli > a.cpuMilli - used.cpuMilli) reasons.push('Insufficient cpu');
  if (req.memoryBytes > 0 && req.memoryBytes > a.memoryBytes - used.memoryBytes) reasons.push('Insufficient memory');
  if (req.ephemeralBytes > 0 && req.ephemeralBytes > a.ephemeralBytes - used.ephemeralBytes) reasons.push('Insufficient ephemeral-storage');
  for (const [name, q] of Object.entries(req.scalar)) {
    if (q > 0 && q > (a.scalar[name] ?? 0) - (used.scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`);
  }
  return reasons.length ? { code: 'Unschedulable', reasons } : null;
}

/** Cluster-wide state the filters need, computed once per scheduling attempt (the PreFilter phase). */
export interface FilterCycle {
  interPod: InterPodFilterState;
  spread: SpreadFilterState;
  /** VolumeBinding's PreFilter state, when the pod has claims (set by scheduleOne). */
  volumes?: VolumeFilterState;
}

/** Runs the PreFilter computations over every node. */
export function preFilter(pod: KubeObject, infos: NodeInfo[], namespaceLabels: (ns: string) => Record<string, string>): FilterCycle {
  return { interPod: interPodPreFilter(pod, infos, namespaceLabels), spread: spreadPreFilter(pod, infos) };
}

/** Runs the filters on one node in upstream order; the first failure is the node's status. */
export function filterNode(pod: KubeObject, info: NodeInfo, cycle: FilterCycle): FilterStatus | null {
  return (
    nodeUnschedulableFilter(pod, info) ??
    taintTolerationFilter(pod, info) ??
    nodeAffinityFilter(pod, info) ??
    nodePortsFilter(pod, info) ??
    nodeResourcesFitFilter(pod, info) ??
    (cycle.volumes ? volumeBindingFilter(info, cycle.volumes) : null) ??
    spreadFilter(pod, info, cycle.spread) ??
    interPodFilter(info, cycle.interPod)
  );
}
