/**
 * What a ResourceQuota's namespace uses of each of its hard resources (the quota controller's
 * CalculateUsage): every object of the kinds its names cover, that falls under its scopes,
 * summed; a covered resource nothing uses is `0`.
 */
import type { KubeObject } from '../../apiserver/types';
import { evaluatorFor, keysForNames } from './evaluators';
import { addLists, mask, type ResourceList } from './resource-list';
import { matchesScopes } from './scopes';

/** Lists the objects of one storage key in the quota's namespace. */
export type Lister = (key: string) => KubeObject[];

/** The usage of `quota`'s hard resources by the objects `list` returns. */
export function quotaUsed(quota: KubeObject, list: Lister, now: Date): ResourceList {
  const names = Object.keys(quota.spec?.hard ?? {});
  let used: ResourceList = {};
  for (const key of keysForNames(names)) {
    const ev = evaluatorFor(key);
    const covered = ev.matching(names);
    let sum: ResourceList = Object.fromEntries(covered.map((n) => [n, { nanos: 0n, format: 'DecimalSI' as const }]));
    for (const obj of list(key)) {
      if (matchesScopes(quota, obj, ev.scoped)) sum = addLists(sum, mask(ev.usage(obj, now), covered));
    }
    used = addLists(used, sum);
  }
  return used;
}

/**
 * When the usage of a quota will change by the clock alone: the first deletion deadline of a
 * charged pod that is being deleted (after it, QuotaV1Pod stops charging it). Undefined if none.
 */
export function nextPodExpiry(pods: KubeObject[], now: Date): number | undefined {
  let next: number | undefined;
  for (const p of pods) {
    const del = p.metadata.deletionTimestamp;
    const grace = p.metadata.deletionGracePeriodSeconds;
    if (!del || grace === undefined) continue;
    const at = Date.parse(del) + grace * 1000 + 1;
    if (at > now.getTime() && (next === undefined || at < next)) next = at;
  }
  return next;
}
