/**
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota, CheckRequest): an
 * object that would take its namespace past a matching quota's hard limit is refused with
 * upstream's messages. Admission here runs inside the cluster's single writer, so usage is
 * measured from storage at admission time (upstream reads status.used, which the quota
 * controller keeps equal to it). Also the composition that puts LimitRanger first and
 * ResourceQuota last around a kind's own admission, as kube-apiserver orders its plugins.
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { forbidden } from '../../apiserver/status';
import type { Admission } from '../admission';
import { admitClaimLimits, admitPodLimits } from '../limitrange/admission';
import { evaluatorFor } from './evaluators';
import { addLists, exceededNames, isZero, mask, negativeNames, parseList, prettyPrint, subtractNonNegative } from './resource-list';
import { matchesScopes } from './scopes';
import { quotaUsed, type Lister } from './usage';

/**
 * Why the quotas refuse creating `obj` (or updating `old` to `obj`) of storage key `key`:
 * `failed quota: q: must specify …`, `exceeded quota: q, requested: …, used: …, limited: …`;
 * undefined when they admit it. Quotas are checked in name order.
 */
export function quotaRefusal(quotas: KubeObject[], key: string, obj: KubeObject, old: KubeObject | undefined, list: Lister, now: Date): string | undefined {
  const ev = evaluatorFor(key);
  if (!ev.handles(old ? 'update' : 'create', obj, old)) return undefined;
  const relevant: KubeObject[] = [];
  for (const q of [...quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
    const hard = Object.keys(q.spec?.hard ?? {});
    const covered = ev.matching(hard);
    if (!covered.length || !matchesScopes(q, obj, ev.scoped)) continue;
    const why = ev.constraints?.(covered, obj);
    if (why) return `failed quota: ${q.metadata.name}: ${why}`;
    relevant.push(q);
  }
  if (!relevant.length) return undefined;
  let delta = ev.usage(obj, now);
  const negative = negativeNames(delta);
  if (negative.length) return `quota usage is negative for resource(s): ${negative.join(',')}`;
  if (old) delta = subtractNonNegative(delta, ev.usage(old, now));
  if (isZero(delta)) return undefined;
  for (const q of relevant) {
    const hard = parseList(q.spec?.hard);
    const requested = mask(delta, Object.keys(hard));
    const used = quotaUsed(q, list, now);
    const wanted = mask(addLists(used, requested), Object.keys(requested));
    const exceeded = exceededNames(wanted, hard);
    if (exceeded.length) {
      return `exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`;
    }
  }
  return undefined;
}

/** Refuse (403 Forbidden) what the namespace's quotas do not admit. */
export function admitQuota(ctx: ClusterContext, key: string, obj: KubeObject, old?: KubeObject): void {
  const ns = obj.metadata.namespace;
  if (!ns) return;
  const quotas = ctx.store.list('resourcequotas', ns).map((e) => e.obj);
  if (!quotas.length) return;
  const list: Lister = (k) => ctx.store.list(k, ns).map((e) => e.obj);
  const why = quotaRefusal(quotas, key, obj, old, list, ctx.now());
  if (why) {
    const [resource, group = ''] = splitKey(key);
    throw forbidden({ group, resource }, obj.metadata.name ?? '', why);
  }
}

/** `deployments.apps` → [deployments, apps]; `pods` → [pods]. */
function splitKey(key: string): [string, string?] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key] : [key.slice(0, dot), key.slice(dot + 1)];
}

/**
 * A kind's admission with LimitRanger before it (pods, persistentvolumeclaims) and
 * ResourceQuota after it, for every namespaced kind.
 */
export function withResourceAccounting(key: string, base: Admission | undefined): Admission {
  return {
    ...base,
    admitCreate(ctx, obj, opts) {
      if (key === 'pods') admitPodLimits(ctx, obj);
      if (key === 'persistentvolumeclaims') admitClaimLimits(ctx, obj);
      base?.admitCreate?.(ctx, obj, opts);
      admitQuota(ctx, key, obj);
    },
    admitUpdate(ctx, obj, old, opts) {
      if (key === 'persistentvolumeclaims') admitClaimLimits(ctx, obj, old);
      base?.admitUpdate?.(ctx, obj, old, opts);
      admitQuota(ctx, key, obj, old);
    },
  };
}
