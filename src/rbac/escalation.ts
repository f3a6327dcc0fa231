/**
 * Escalation prevention, after upstream pkg/registry/rbac/{role,clusterrole,rolebinding,
 * clusterrolebinding}/policybased and pkg/registry/rbac/validation (ConfirmNoEscalation, Covers,
 * BreakdownRule, CompactRules, CompactString): a user may only write a role whose rules they
 * already hold (or with the `escalate` verb), and only bind a role whose rules they hold (or with
 * the `bind` verb on it). Members of system:masters are exempt (EscalationAllowed).
 */
import type { ClusterContext, UserInfo } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import { forbidden, notFound } from '../apiserver/status';
import { deepEqual } from '../resources/podspec/common';
import { authorize, rulesFor, rulesOfRoleRef, SYSTEM_MASTERS } from './authorizer';
import type { PolicyRule } from './rules';
import { storeSource, type PolicySource } from './source';
import { RBAC_GROUP } from './validation';

/** BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const res of rule.resources ?? []) {
      for (const v of rule.verbs ?? []) {
        if (rule.resourceNames?.length) for (const n of rule.resourceNames) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
    }
  }
  for (const u of rule.nonResourceURLs ?? []) for (const v of rule.verbs ?? []) out.push({ nonResourceURLs: [u], verbs: [v] });
  return out;
}

const hasAll = (set: string[] = [], items: string[] = []) => items.every((i) => set.includes(i));

function resourcesCover(owner: string[] = [], wanted: string[] = []): boolean {
  if (owner.includes('*') || hasAll(owner, wanted)) return true;
  return wanted.every((p) => owner.includes(p) || (p.includes('/') && owner.includes(`*/${p.slice(p.indexOf('/') + 1)}`)));
}

function urlsCover(owner: string[] = [], wanted: string[] = []): boolean {
  return wanted.every((w) => owner.some((o) => o === '*' || o === w || (o.endsWith('*') && w.startsWith(o.slice(0, -1)))));
}

/** ruleCovers: does the owner's rule include everything of `sub`? */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = (owner.verbs ?? []).includes('*') || hasAll(owner.verbs, sub.verbs);
  const groups = (owner.apiGroups ?? []).includes('*') || hasAll(owner.apiGroups, sub.apiGroups);
  const names = !sub.resourceNames?.length ? !owner.resourceNames?.length : !owner.resourceNames?.length || hasAll(owner.resourceNames, sub.resourceNames);
  return verbs && groups && resourcesCover(owner.resources, sub.resources) && urlsCover(owner.nonResourceURLs, sub.nonResourceURLs) && names;
}

/** Covers: the atomic rules of `wanted` that no owner rule covers. */
export function missingRules(owner: PolicyRule[], wanted: PolicyRule[]): PolicyRule[] {
  const missing: PolicyRule[] = [];
  for (const w of wanted) for (const atom of breakdownRule(w)) if (!owner.some((o) => ruleCovers(o, atom))) missing.push(atom);
  return missing;
}

/** CompactRules: simple rules (one group, one resource, ≤1 name) of the same target merge their verbs. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = !(r.resourceNames && r.resourceNames.length > 1) && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? []]);
    const seen = simple.get(key);
    if (seen) {
      for (const v of r.verbs) if (!seen.verbs.includes(v)) seen.verbs.push(v);
    } else {
      const copy = { ...r, verbs: [...r.verbs] };
      simple.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

const goQuote = (xs: string[] = []) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** rbacv1helpers.CompactString: `{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}`. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuote(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuote(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuote(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuote(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuote(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * ConfirmNoEscalation: undefined when `user` holds every rule of `wanted` in `namespace`, else
 * upstream's message naming the missing permissions.
 */
export function escalationMessage(source: PolicySource, user: UserInfo, namespace: string, wanted: PolicyRule[]): string | undefined {
  const { rules, errors } = rulesFor(source, user, namespace);
  const missing = missingRules(rules, wanted);
  if (!missing.length) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.username)} (groups=${goQuote(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (errors.length) msg += `; resolution errors: [${errors.join(' ')}]`;
  return msg;
}

const ROLE_RESOURCE: Record<string, string> = { Role: 'roles', ClusterRole: 'clusterroles' };

/** Refuse a Role or ClusterRole write that would grant more than its author holds. */
export function admitRoleWrite(ctx: ClusterContext, resource: 'roles' | 'clusterroles', obj: KubeObject, old: KubeObject | undefined, user: UserInfo | undefined): void {
  if (!user || user.groups.includes(SYSTEM_MASTERS)) return;
  const o = obj as any;
  if (old && deepEqual(o.rules ?? [], (old as any).rules ?? []) && deepEqual(o.aggregationRule, (old as any).aggregationRule)) return;
  const source = storeSource(ctx.store);
  const ns = obj.metadata.namespace ?? '';
  const gr = { group: RBAC_GROUP, resource };
  if (authorize(source, user, { verb: 'escalate', resourceRequest: true, apiGroup: RBAC_GROUP, resource, namespace: ns, name: obj.metadata.name }).allowed) return;
  if (resource === 'clusterroles' && o.aggregationRule) throw forbidden(gr, obj.metadata.name!, 'must have cluster-admin privileges to use the aggregationRule');
  const msg = escalationMessage(source, user, ns, o.rules ?? []);
  if (msg) throw forbidden(gr, obj.metadata.name!, msg);
}

/** Refuse a RoleBinding or ClusterRoleBinding to a role its author could not grant. */
export function admitBindingWrite(ctx: ClusterContext, resource: 'rolebindings' | 'clusterrolebindings', obj: KubeObject, old: KubeObject | undefined, user: UserInfo | undefined): void {
  if (!user || user.groups.includes(SYSTEM_MASTERS)) return;
  const o = obj as any;
  if (old && deepEqual(o.roleRef, (old as any).roleRef) && deepEqual(o.subjects ?? [], (old as any).subjects ?? [])) return;
  const source = storeSource(ctx.store);
  const ns = obj.metadata.namespace ?? '';
  const ref = o.roleRef ?? {};
  if (authorize(source, user, { verb: 'bind', resourceRequest: true, apiGroup: RBAC_GROUP, resource: ROLE_RESOURCE[ref.kind] ?? '', namespace: ns, name: ref.name }).allowed) return;
  const { rules, error } = rulesOfRoleRef(source, ref, ns);
  if (error) throw notFound({ group: RBAC_GROUP, resource: ref.kind === 'Role' ? 'role' : 'clusterrole' }, ref.name);
  const msg = escalationMessage(source, user, ns, rules);
  if (msg) throw forbidden({ group: RBAC_GROUP, resource }, obj.metadata.name!, msg);
}
