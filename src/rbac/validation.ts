/**
 * Validation and defaulting of the rbac.authorization.k8s.io kinds, after upstream
 * pkg/apis/rbac/validation/validation.go and pkg/apis/rbac/v1/defaults.go.
 */
import { invalid, notSupported, required, type FieldError } from '../apiserver/field-errors';
import { isDNS1123Subdomain } from '../apiserver/validation/names';
import type { KubeObject } from '../apiserver/types';
import { deepEqual } from '../resources/podspec/common';

/** The API group of RBAC. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** path.IsValidPathSegmentName (ValidateRBACName): no `.`, `..`, `/` or `%`. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) out.push(`may not contain '${c}'`);
  return out;
}

/** ValidatePolicyRule. */
export function policyRuleErrors(rule: any, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule?.verbs?.length) errs.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  if (rule?.nonResourceURLs?.length) {
    if (namespaced) errs.push(invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!rule?.apiGroups?.length) errs.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!rule?.resources?.length) errs.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

/** ValidateRole / ValidateClusterRole (the aggregationRule needs at least one selector). */
export function roleErrors(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  ((obj as any).rules ?? []).forEach((r: any, i: number) => errs.push(...policyRuleErrors(r, namespaced, `rules[${i}]`)));
  const agg = (obj as any).aggregationRule;
  if (!namespaced && agg && !agg.clusterRoleSelectors?.length) {
    errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelectors required if aggregationRule is non-nil'));
  }
  return errs;
}

/** ValidateRoleBindingSubject. */
export function subjectErrors(s: any, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s?.name) errs.push(required(`${path}.name`));
  switch (s?.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(invalid(`${path}.name`, s.name, m));
      if (s.apiGroup) errs.push(notSupported(`${path}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${path}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${path}.kind`, s?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding (a ClusterRoleBinding binds ClusterRoles only). */
export function bindingErrors(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = (obj as any).roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else for (const m of pathSegmentNameErrors(ref.name)) errs.push(invalid('roleRef.name', ref.name, m));
  ((obj as any).subjects ?? []).forEach((s: any, i: number) => errs.push(...subjectErrors(s, namespaced, `subjects[${i}]`)));
  return errs;
}

/** ValidateRoleBindingUpdate: the roleRef cannot change. */
export function bindingUpdateErrors(obj: KubeObject, old: KubeObject, namespaced: boolean): FieldError[] {
  const errs = bindingErrors(obj, namespaced);
  if (!deepEqual((obj as any).roleRef, (old as any).roleRef)) errs.push(invalid('roleRef', (obj as any).roleRef, 'cannot change roleRef'));
  return errs;
}

/** SetDefaults_RoleBinding / _ClusterRoleBinding / _Subject: the RBAC apiGroup where unset. */
export function defaultBinding(obj: KubeObject): void {
  const o = obj as any;
  if (o.roleRef && !o.roleRef.apiGroup) o.roleRef.apiGroup = RBAC_GROUP;
  for (const s of o.subjects ?? []) if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
}
