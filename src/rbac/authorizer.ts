/**
 * The RBAC authorizer, after upstream plugin/pkg/auth/authorizer/rbac (rbac.go) and
 * pkg/registry/rbac/validation/rule.go (VisitRulesFor, appliesTo): ClusterRoleBindings first,
 * then the RoleBindings of the request's namespace; the first rule that allows wins; deny by
 * default. Members of system:masters are allowed everything before RBAC is asked, as
 * kube-apiserver's privileged-group authorizer does.
 */
import type { UserInfo } from '../apiserver/registry/context';
import { ruleAllows, type Attributes, type PolicyRule } from './rules';
import type { PolicySource } from './source';

/** The group whose members are never refused (user.SystemPrivilegedGroup). */
export const SYSTEM_MASTERS = 'system:masters';

/** An authorization decision; `reason` is what SubjectAccessReview status.reason shows. */
export interface Decision {
  allowed: boolean;
  reason: string;
  /** Errors met on the way (a binding naming a missing role): status.evaluationError. */
  evaluationError?: string;
}

/** serviceaccount.MakeUsername. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The subject of a binding that applies to `user`, if any (appliesTo). */
export function matchingSubject(user: UserInfo, subjects: any[] | undefined, bindingNamespace: string): any | undefined {
  for (const s of subjects ?? []) {
    if (s?.kind === 'User' && s.name === user.username) return s;
    if (s?.kind === 'Group' && user.groups.includes(s.name)) return s;
    if (s?.kind === 'ServiceAccount') {
      // A subject without a namespace means the binding's own namespace.
      const ns = s.namespace || bindingNamespace;
      if (ns && serviceAccountUsername(ns, s.name) === user.username) return s;
    }
  }
  return undefined;
}

function describeSubject(s: any, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

/** The rules a roleRef points at; an error text (as the listers say it) when the role is missing. */
export function rulesOfRoleRef(source: PolicySource, roleRef: any, bindingNamespace: string): { rules: PolicyRule[]; error?: string } {
  if (roleRef?.kind === 'ClusterRole') {
    const r = source.clusterRole(roleRef.name);
    return r ? { rules: (r as any).rules ?? [] } : { rules: [], error: `clusterrole.rbac.authorization.k8s.io ${JSON.stringify(roleRef.name)} not found` };
  }
  if (roleRef?.kind === 'Role') {
    const r = source.role(bindingNamespace, roleRef.name);
    return r ? { rules: (r as any).rules ?? [] } : { rules: [], error: `role.rbac.authorization.k8s.io ${JSON.stringify(roleRef.name)} not found` };
  }
  return { rules: [], error: `unsupported role reference kind: ${JSON.stringify(roleRef?.kind)}` };
}

/**
 * Visit every rule that applies to `user` in `namespace` ('' = cluster scope only), with a
 * description of where it comes from; the visitor returns false to stop. Errors (missing roles)
 * go to `onError`.
 */
export function visitRulesFor(source: PolicySource, user: UserInfo, namespace: string, visit: (rule: PolicyRule, from: string) => boolean, onError: (e: string) => void = () => {}): void {
  for (const b of source.clusterRoleBindings()) {
    const s = matchingSubject(user, (b as any).subjects, '');
    if (!s) continue;
    const { rules, error } = rulesOfRoleRef(source, (b as any).roleRef, '');
    if (error) onError(error);
    const from = `ClusterRoleBinding ${JSON.stringify(b.metadata.name)} of ${(b as any).roleRef.kind} ${JSON.stringify((b as any).roleRef.name)} to ${describeSubject(s, '')}`;
    for (const r of rules) if (!visit(r, from)) return;
  }
  if (!namespace) return;
  for (const b of source.roleBindings(namespace)) {
    const s = matchingSubject(user, (b as any).subjects, namespace);
    if (!s) continue;
    const { rules, error } = rulesOfRoleRef(source, (b as any).roleRef, namespace);
    if (error) onError(error);
    const from = `RoleBinding ${JSON.stringify(`${b.metadata.name}/${namespace}`)} of ${(b as any).roleRef.kind} ${JSON.stringify((b as any).roleRef.name)} to ${describeSubject(s, namespace)}`;
    for (const r of rules) if (!visit(r, from)) return;
  }
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

/** Decide one request by RBAC alone (RBACAuthorizer.Authorize). */
export function rbacAuthorize(source: PolicySource, user: UserInfo, attrs: Attributes): Decision {
  let allowedBy = '';
  const errors: string[] = [];
  visitRulesFor(source, user, attrs.namespace ?? '', (rule, from) => {
    if (ruleAllows(attrs, rule)) {
      allowedBy = from;
      return false;
    }
    return true;
  }, (e) => errors.push(e));
  if (allowedBy) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  const err = errors.length ? aggregate(errors) : '';
  return { allowed: false, reason: err ? `RBAC: ${err}` : '', ...(err ? { evaluationError: err } : {}) };
}

/** Decide one request as kube-apiserver's authorizer chain: system:masters, then RBAC. */
export function authorize(source: PolicySource, user: UserInfo, attrs: Attributes): Decision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  return rbacAuthorize(source, user, attrs);
}

/** Every rule of `user` in `namespace` (for SelfSubjectRulesReview and escalation checks). */
export function rulesFor(source: PolicySource, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(source, user, namespace, (r) => (rules.push(r), true), (e) => errors.push(e));
  return { rules, errors };
}

/** The user a SubjectAccessReview names (spec.user, groups, uid, extra). */
export function userOfSpec(spec: any): UserInfo {
  return { username: spec?.user ?? '', groups: [...(spec?.groups ?? [])], uid: spec?.uid, extra: spec?.extra };
}
