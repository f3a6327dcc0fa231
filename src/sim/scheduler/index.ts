/**
 * The simulated kube-scheduler as pure functions: given a pending pod, the nodes and the pods
 * bound to each node, pick a node (filter, score, break ties at random) or explain why none fits
 * with the FailedScheduling message v1.33 prints. The caller writes the binding or the
 * PodScheduled=False condition and event.
 */
import type { KubeObject } from '../../apiserver/types';
import { ERR_AFFINITY_CONFLICT, ERR_NODE_AFFINITY_PREFILTER, filterNode, nodeAffinityPreFilter, preFilter, type FilterStatus } from './filters';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './messages';
import { preempt } from './preemption';
import { totalScores } from './scoring';
import { snapshot } from './snapshot';
import { volumePreFilter, type VolumeLookup } from './volumes';

export { podRequests, podLimits, nodeAllocated, nodeAllocatable, qosClass, podResourceRequests, podNonZeroRequests } from './resources';
export type { NodeAllocation, PodRequests, ResourceAmounts } from './resources';
export { fitErrorMessage } from './messages';

/** What one scheduling attempt sees. */
export interface ScheduleInput {
  pod: KubeObject;
  nodes: KubeObject[];
  /** Pods bound to each node and not terminated (phase not Succeeded/Failed). */
  podsByNode: Map<string, KubeObject[]>;
  /** Source of randomness for breaking score ties (defaults to Math.random). */
  random?: () => number;
  /**
   * Labels of namespaces, for pod affinity terms with a namespaceSelector. Defaults to the
   * `kubernetes.io/metadata.name` label every namespace carries.
   */
  namespaceLabels?: (namespace: string) => Record<string, string>;
  /** Claims, volumes and classes, for VolumeBinding (volumes are not checked without it). */
  volumes?: VolumeLookup;
}

/**
 * Either the chosen node, or why the pod cannot be placed. When preemption would make room,
 * `preemption` names the node to nominate and the lower-priority pods to evict (the message then
 * carries no `preemption:` part, as upstream's successful PostFilter adds none).
 */
export type ScheduleResult =
  | { node: string }
  | { unschedulable: true; message: string; preemption?: { node: string; victims: KubeObject[] } };

/**
 * One scheduling cycle (schedule_one.go): PreFilter and Filter over every node, then, if several
 * nodes are feasible, the weighted scores with ties broken by `random`; if none is feasible, the
 * FitError message plus the preemption outcome.
 */
export function scheduleOne(input: ScheduleInput): ScheduleResult {
  const { pod, nodes, podsByNode } = input;
  const random = input.random ?? Math.random;
  const nsLabels = input.namespaceLabels ?? ((ns: string) => ({ 'kubernetes.io/metadata.name': ns }));
  if (!nodes.length) return { unschedulable: true, message: NO_NODES_AVAILABLE };

  const infos = snapshot(nodes, podsByNode);
  const statuses = new Map<string, FilterStatus>();
  const pinned = nodeAffinityPreFilter(pod);
  if (pinned && !pinned.size) {
    for (const info of infos) statuses.set(info.name, { code: 'UnschedulableAndUnresolvable', reasons: [ERR_AFFINITY_CONFLICT] });
    const outcome = preempt({ pod, nodes, podsByNode, nsLabels }, statuses);
    return { unschedulable: true, message: fitErrorMessage(nodes.length, [], 'message' in outcome ? outcome.message : '', ERR_AFFINITY_CONFLICT) };
  }
  const volumes = input.volumes ? volumePreFilter(pod, input.volumes) : null;
  if (volumes && 'message' in volumes) {
    for (const info of infos) statuses.set(info.name, { code: 'UnschedulableAndUnresolvable', reasons: [volumes.message] });
    const outcome = preempt({ pod, nodes, podsByNode, nsLabels }, statuses);
    return { unschedulable: true, message: fitErrorMessage(nodes.length, [], 'message' in outcome ? outcome.message : '', volumes.message) };
  }
  const cycle = { ...preFilter(pod, infos, nsLabels), ...(volumes ? { volumes: volumes.state } : {}) };
  const feasible = infos.filter((info) => {
    const s = pinned && !pinned.has(info.name) ? { code: 'UnschedulableAndUnresolvable' as const, reasons: [ERR_NODE_AFFINITY_PREFILTER] } : filterNode(pod, info, cycle);
    if (s) statuses.set(info.name, s);
    return !s;
  });

  if (!feasible.length) {
    const outcome = preempt({ pod, nodes, podsByNode, nsLabels }, statuses);
    if ('candidate' in outcome) {
      return { unschedulable: true, message: fitErrorMessage(nodes.length, statuses.values()), preemption: outcome.candidate };
    }
    return { unschedulable: true, message: fitErrorMessage(nodes.length, statuses.values(), outcome.message) };
  }
  if (feasible.length === 1) return { node: feasible[0].name };

  const totals = totalScores(pod, infos, feasible, nsLabels);
  const best = Math.max(...totals);
  const ties = feasible.filter((_, i) => totals[i] === best);
  const pick = Math.min(ties.length - 1, Math.floor(random() * ties.length));
  return { node: ties[pick].name };
}

/** Weighted scores of the feasible nodes, for tests and debugging (node name → total). */
export function scoreNodes(input: ScheduleInput): Map<string, number> {
  const nsLabels = input.namespaceLabels ?? ((ns: string) => ({ 'kubernetes.io/metadata.name': ns }));
  const infos = snapshot(input.nodes, input.podsByNode);
  const cycle = preFilter(input.pod, infos, nsLabels);
  const pinned = nodeAffinityPreFilter(input.pod);
  const feasible = infos.filter((info) => (!pinned || pinned.has(info.name)) && !filterNode(input.pod, info, cycle));
  const totals = totalScores(input.pod, infos, feasible, nsLabels);
  return new Map(feasible.map((n, i) => [n.name, totals[i]]));
}
