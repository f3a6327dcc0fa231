/**
 * DefaultPreemption's dry run (pkg/scheduler/framework/preemption and plugins/defaultpreemption):
 * for nodes where removing lower-priority pods could help, find the fewest victims that let the
 * pod fit. When no node works, the PostFilter message explains why per node, e.g.
 * `preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No
 * preemption victims found for incoming pod.`
 */
import type { KubeObject } from '../../apiserver/types';
import { filterNode, preFilter, type FilterStatus } from './filters';
import { fitErrorMessage } from './messages';
import { snapshot } from './snapshot';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** A node where preemption would make room, and the pods to evict there. */
export interface PreemptionCandidate {
  node: string;
  victims: KubeObject[];
}

/** Outcome of the preemption attempt: a candidate, or the `preemption: …` message. */
export type PreemptionOutcome = { candidate: PreemptionCandidate } | { message: string };

const priority = (p: KubeObject): number => Number(p.spec?.priority ?? 0);
const startTime = (p: KubeObject): string => p.status?.startTime ?? p.metadata.creationTimestamp ?? '';

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: KubeObject, b: KubeObject): number {
  return priority(b) - priority(a) || startTime(a).localeCompare(startTime(b));
}

interface Context {
  pod: KubeObject;
  nodes: KubeObject[];
  podsByNode: Map<string, KubeObject[]>;
  nsLabels: (ns: string) => Record<string, string>;
}

/** Whether the pod fits on `nodeName` when the node holds `pods` and other nodes are unchanged. */
function fitsWith(ctx: Context, nodeName: string, pods: KubeObject[]): FilterStatus | null {
  const byNode = new Map(ctx.podsByNode);
  byNode.set(nodeName, pods);
  const infos = snapshot(ctx.nodes, byNode);
  const cycle = preFilter(ctx.pod, infos, ctx.nsLabels);
  return filterNode(ctx.pod, infos.find((i) => i.name === nodeName)!, cycle);
}

/** SelectVictimsOnNode: evict every lower-priority pod, then reprieve the most important ones that can stay. */
function selectVictims(ctx: Context, nodeName: string): PreemptionCandidate | FilterStatus {
  const pods = ctx.podsByNode.get(nodeName) ?? [];
  const potential = pods.filter((p) => !p.metadata.deletionTimestamp && priority(p) < priority(ctx.pod));
  if (!potential.length) return { code: 'UnschedulableAndUnresolvable', reasons: [NO_PREEMPTION_VICTIMS] };
  let kept = pods.filter((p) => !potential.includes(p));
  const failure = fitsWith(ctx, nodeName, kept);
  if (failure) return failure;
  const victims: KubeObject[] = [];
  for (const p of [...potential].sort(moreImportantFirst)) {
    if (fitsWith(ctx, nodeName, [...kept, p])) victims.push(p);
    else kept = [...kept, p];
  }
  return { node: nodeName, victims };
}

/** pickOneNodeForPreemption, simplified: lowest top victim priority, then lowest priority sum, then fewest victims. */
function pickCandidate(cands: PreemptionCandidate[]): PreemptionCandidate {
  const key = (c: PreemptionCandidate) => [Math.max(...c.victims.map(priority)), c.victims.reduce((s, p) => s + priority(p), 0), c.victims.length];
  return [...cands].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  })[0];
}

/**
 * Runs preemption for a pod that fit nowhere. `statuses` holds every node's filter failure.
 * Pods with preemptionPolicy Never are not eligible.
 */
export function preempt(ctx: Context, statuses: Map<string, FilterStatus>): PreemptionOutcome {
  if (ctx.pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  // A pod that already preempted waits while its lower-priority victims terminate.
  const nominated = ctx.pod.status?.nominatedNodeName;
  if (nominated && statuses.get(nominated)?.code !== 'UnschedulableAndUnresolvable') {
    const waiting = (ctx.podsByNode.get(nominated) ?? []).some((p) => p.metadata.deletionTimestamp && priority(p) < priority(ctx.pod));
    if (waiting) return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
  }
  const results: FilterStatus[] = [];
  const candidates: PreemptionCandidate[] = [];
  for (const node of ctx.nodes) {
    const name = node.metadata.name ?? '';
    const status = statuses.get(name);
    if (!status || status.code === 'UnschedulableAndUnresolvable') {
      results.push({ code: 'UnschedulableAndUnresolvable', reasons: [PREEMPTION_NOT_HELPFUL] });
      continue;
    }
    const r = selectVictims(ctx, name);
    if ('victims' in r) candidates.push(r);
    else results.push(r);
  }
  if (candidates.length) return { candidate: pickCandidate(candidates) };
  return { message: `preemption: ${fitErrorMessage(ctx.nodes.length, results)}` };
}
