/**
 * The ClusterRole aggregation controller (upstream pkg/controller/clusterroleaggregation): the
 * rules of a ClusterRole with an aggregationRule are the union, without duplicates, of the rules
 * of every other ClusterRole its selectors match (by name order). Also, as kube-apiserver's
 * rbac/bootstrap-roles post-start hook, it creates the default roles and bindings that are
 * missing (a cluster built before they existed).
 */
import type { Controller, ControllerContext } from '../controllers/types';
import type { WriteOp } from '../cluster/storage';
import type { KubeObject } from '../apiserver/types';
import { jsonEqual, timestamp } from '../apiserver/registry/meta';
import { selectorObjectMatches } from '../apiserver/selectors/labels';
import { strategies } from '../resources/strategies';
import { DEFAULT_CLUSTER_ROLES, DEFAULT_CLUSTER_ROLE_BINDINGS, defaultClusterRole, defaultClusterRoleBinding } from './policy';
import type { PolicyRule } from './rules';
import { RBAC_KEYS } from './source';

const BOOTSTRAP_KEY = '@bootstrap-policy';

/** The aggregated rules of `role` among `all` ClusterRoles (undefined: not an aggregated role). */
export function aggregatedRules(role: KubeObject, all: KubeObject[]): PolicyRule[] | undefined {
  const selectors: unknown[] = (role as any).aggregationRule?.clusterRoleSelectors;
  if (!Array.isArray(selectors)) return undefined;
  const sorted = [...all].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  const out: PolicyRule[] = [];
  for (const sel of selectors) {
    for (const other of sorted) {
      if (other.metadata.name === role.metadata.name || !selectorObjectMatches(sel, other.metadata.labels)) continue;
      for (const rule of (other as any).rules ?? []) if (!out.some((r) => jsonEqual(r, rule))) out.push(structuredClone(rule));
    }
  }
  return out;
}

/** Fill in the rules of every aggregated role of `roles` (in place) until nothing changes. */
export function aggregateAll(roles: KubeObject[]): void {
  for (let pass = 0; pass < roles.length; pass++) {
    let changed = false;
    for (const role of roles) {
      const rules = aggregatedRules(role, roles);
      if (rules && !jsonEqual(rules, (role as any).rules ?? [])) {
        (role as any).rules = rules;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/**
 * The writes that create the default ClusterRoles and ClusterRoleBindings missing from the
 * store (`has`), aggregated roles already filled in.
 */
export function bootstrapPolicyOps(now: Date, has: (resource: string, name: string) => KubeObject | undefined, existingRoles: KubeObject[] = []): WriteOp[] {
  const ops: WriteOp[] = [];
  const created: KubeObject[] = [];
  const stamp = (o: KubeObject) => {
    o.metadata.uid = crypto.randomUUID();
    o.metadata.creationTimestamp = timestamp(now);
    return o;
  };
  for (const name of Object.keys(DEFAULT_CLUSTER_ROLES)) if (!has(RBAC_KEYS.clusterroles, name)) created.push(stamp(defaultClusterRole(name)));
  aggregateAll([...created, ...existingRoles.filter((r) => !created.some((c) => c.metadata.name === r.metadata.name)).map((r) => structuredClone(r))]);
  for (const o of created) ops.push({ op: 'put', resource: RBAC_KEYS.clusterroles, object: o });
  for (const name of Object.keys(DEFAULT_CLUSTER_ROLE_BINDINGS)) {
    if (has(RBAC_KEYS.clusterrolebindings, name)) continue;
    const b = stamp(defaultClusterRoleBinding(name));
    strategies[RBAC_KEYS.clusterrolebindings]?.defaults?.(b);
    ops.push({ op: 'put', resource: RBAC_KEYS.clusterrolebindings, object: b });
  }
  return ops;
}

let builtDefaults: { clusterRoles: KubeObject[]; clusterRoleBindings: KubeObject[] } | undefined;

/**
 * The default policy as objects (built once per isolate: constant data, no tenant state), for
 * authorizing requests to a cluster that is not built yet.
 */
export function defaultPolicy(): { clusterRoles: KubeObject[]; clusterRoleBindings: KubeObject[] } {
  if (!builtDefaults) {
    const ops = bootstrapPolicyOps(new Date(0), () => undefined);
    builtDefaults = {
      clusterRoles: ops.filter((o) => o.resource === RBAC_KEYS.clusterroles).map((o) => o.object),
      clusterRoleBindings: ops.filter((o) => o.resource === RBAC_KEYS.clusterrolebindings).map((o) => o.object),
    };
  }
  return builtDefaults;
}

function aggregatedKeys(ctx: ControllerContext): string[] {
  return ctx.store.list(RBAC_KEYS.clusterroles).filter((e) => (e.obj as any).aggregationRule).map((e) => e.obj.metadata.name!);
}

/** The controller (see the file comment); keys are ClusterRole names and the bootstrap key. */
export const clusterRoleAggregationController: Controller = {
  name: 'clusterrole-aggregation',
  watches: [RBAC_KEYS.clusterroles],
  keysFor(change, ctx) {
    return change.resource === RBAC_KEYS.clusterroles ? aggregatedKeys(ctx) : [];
  },
  reconcile(key, ctx) {
    const all = ctx.store.list(RBAC_KEYS.clusterroles).map((e) => e.obj);
    if (key === BOOTSTRAP_KEY) {
      const ops = bootstrapPolicyOps(ctx.now(), (res, name) => ctx.store.get(res, '', name), all);
      return { ops };
    }
    const role = all.find((r) => r.metadata.name === key);
    if (!role) return { ops: [] };
    const rules = aggregatedRules(role, all);
    if (!rules || jsonEqual(rules, (role as any).rules ?? [])) return { ops: [] };
    return { ops: [{ op: 'put', resource: RBAC_KEYS.clusterroles, object: { ...structuredClone(role), rules } as KubeObject }] };
  },
  resync(ctx) {
    return [BOOTSTRAP_KEY, ...aggregatedKeys(ctx)];
  },
};
