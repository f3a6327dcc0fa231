/**
 * ttlSecondsAfterFinished (pkg/controller/ttlafterfinished): a finished Job is deleted, with
 * its pods (foreground propagation), once the TTL has passed since it finished — its
 * completionTime, or the transition time of its Complete/Failed condition.
 */
import type { KubeObject } from '../../apiserver/types';

/** When a finished Job with a TTL expires (ms since the epoch); undefined if it never does. */
export function ttlExpiry(job: KubeObject): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata.deletionTimestamp) return undefined;
  const cond = (job.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (!cond) return undefined;
  const finishedAt = Date.parse((cond.type === 'Complete' ? job.status?.completionTime : undefined) ?? cond.lastTransitionTime ?? '');
  if (Number.isNaN(finishedAt)) return undefined;
  return finishedAt + ttl * 1000;
}
