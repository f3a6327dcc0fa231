/**
 * The FailedScheduling message (framework.FitError.Error() in v1.33):
 * `0/N nodes are available: <count> <reason>, ….` with the reasons of every node counted and the
 * "count reason" strings sorted as plain strings, followed by the PostFilter (preemption) message.
 */
import type { FilterStatus } from './filters';

/** Message when the cluster has no node at all (ErrNoNodesAvailable). */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * Builds `0/N nodes are available: …` from the failing nodes' statuses and an optional PostFilter
 * message. When a PreFilter plugin rejected the pod, its message replaces the per-node reasons.
 */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<FilterStatus>, postFilterMsg = '', preFilterMsg = ''): string {
  if (preFilterMsg) return `0/${numAllNodes} nodes are available: ${preFilterMsg}.${postFilterMsg ? ` ${postFilterMsg}` : ''}`;
  const histogram = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  // Go's sort.Strings compares bytes; the strings here are ASCII, so code-unit order is the same.
  const parts = [...histogram].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let msg = `0/${numAllNodes} nodes are available:`;
  if (parts.length) msg += ` ${parts.join(', ')}.`;
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}
