import type { Controller, ControllerContext } from '../types';
import type { Change } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';
import { keysForNames } from '../../resources/resourcequota/evaluators';
import { formatList } from '../../resources/resourcequota/resource-list';
import { nextPodExpiry, quotaUsed } from '../../resources/resourcequota/usage';

const RESOURCE = 'resourcequotas';

const keyOf = (q: KubeObject) => `${q.metadata.namespace}/${q.metadata.name}`;

/**
 * The status a quota should have (pkg/controller/resourcequota syncResourceQuota): `hard`
 * copied from the spec, `used` recomputed from the namespace's objects.
 */
export function desiredQuotaStatus(quota: KubeObject, list: (key: string) => KubeObject[], now: Date): { hard: Record<string, unknown>; used: Record<string, string> } {
  return { hard: { ...(quota.spec?.hard ?? {}) }, used: formatList(quotaUsed(quota, list, now)) };
}

/** The quotas of the change's namespace that account for the changed kind. */
function coveringQuotas(change: Change, ctx: ControllerContext): string[] {
  if (!change.namespace) return [];
  return ctx.store
    .list(RESOURCE, change.namespace)
    .filter((e) => keysForNames(Object.keys(e.obj.spec?.hard ?? {})).has(change.resource))
    .map((e) => keyOf(e.obj));
}

/**
 * The ResourceQuota controller: keeps every quota's status.hard and status.used equal to its
 * spec and to what its namespace uses, recomputed whenever an object of a kind it accounts for
 * changes (pods finishing or going away replenish it), and once more when a pod being deleted
 * passes its grace period and stops being charged.
 */
export const resourceQuotaController: Controller = {
  name: 'resourcequota',
  watches: ['*'],
  keysFor(change, ctx) {
    const keys = coveringQuotas(change, ctx);
    if (change.resource === RESOURCE && change.type !== 'DELETED' && !jsonEqual(change.object.spec, change.old?.spec)) {
      keys.push(`${change.namespace}/${change.name}`);
    }
    return [...new Set(keys)];
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const quota = ctx.store.get(RESOURCE, ns, name);
    if (!quota || quota.metadata.deletionTimestamp) return { ops: [] };
    const now = ctx.now();
    const list = (k: string) => ctx.store.list(k, ns).map((e) => e.obj);
    const status = desiredQuotaStatus(quota, list, now);
    const ops = jsonEqual(quota.status ?? {}, status) ? [] : [{ op: 'put' as const, resource: RESOURCE, object: { ...structuredClone(quota), status } }];
    const pods = keysForNames(Object.keys(quota.spec?.hard ?? {})).has('pods') ? list('pods') : [];
    const expiry = nextPodExpiry(pods, now);
    return { ops, requeueAfterMs: expiry === undefined ? undefined : expiry - now.getTime() };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => keyOf(e.obj));
  },
};
