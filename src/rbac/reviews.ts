/**
 * The access reviews (pkg/registry/authorization/*): SelfSubjectAccessReview (`kubectl auth
 * can-i`), SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectRulesReview (`can-i
 * --list`), and SelfSubjectReview (`kubectl auth whoami`, pkg/registry/authentication). None is
 * stored: each answers its own spec with a status.
 */
import type { UserInfo } from '../apiserver/registry/context';
import type { FieldError } from '../apiserver/field-errors';
import { invalid, type StatusError } from '../apiserver/status';
import { authorize, rulesFor, userOfSpec } from './authorizer';
import type { Attributes, PolicyRule } from './rules';
import type { PolicySource } from './source';

const AUTHZ = 'authorization.k8s.io';

/** authorizationutil.ResourceAttributesFrom / NonResourceAttributesFrom. */
export function attributesOfSpec(spec: any): Attributes {
  const r = spec?.resourceAttributes;
  if (r) {
    return { verb: r.verb ?? '', resourceRequest: true, apiGroup: r.group ?? '', apiVersion: r.version ?? '', namespace: r.namespace ?? '', resource: r.resource ?? '', subresource: r.subresource ?? '', name: r.name ?? '' };
  }
  const n = spec?.nonResourceAttributes ?? {};
  return { verb: n.verb ?? '', resourceRequest: false, path: n.path ?? '' };
}

/** ValidateSubjectAccessReviewSpec's rule on the attributes: exactly one of the two. */
function attributeErrors(spec: any): FieldError[] {
  const hasR = !!spec?.resourceAttributes;
  const hasN = !!spec?.nonResourceAttributes;
  if (hasR && hasN) return [{ type: 'FieldValueInvalid', field: 'spec.resourceAttributes', value: spec.resourceAttributes, detail: 'cannot be specified in combination with nonResourceAttributes' }];
  if (!hasR && !hasN) return [{ type: 'FieldValueInvalid', field: 'spec.resourceAttributes', value: null, detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified' }];
  return [];
}

function reviewResult(body: any, status: Record<string, unknown>): any {
  return { kind: body.kind, apiVersion: body.apiVersion, metadata: { ...(body.metadata ?? {}), creationTimestamp: null }, spec: body.spec ?? {}, status };
}

function decisionStatus(source: PolicySource, user: UserInfo, spec: any): Record<string, unknown> {
  const d = authorize(source, user, attributesOfSpec(spec));
  return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}), ...(d.evaluationError ? { evaluationError: d.evaluationError } : {}) };
}

/** SelfSubjectAccessReview: may the requester do this? */
export function selfSubjectAccessReview(source: PolicySource, user: UserInfo, body: any): any {
  const errs = attributeErrors(body.spec);
  if (errs.length) throw invalid('SelfSubjectAccessReview', AUTHZ, body.metadata?.name ?? '', errs);
  return reviewResult(body, decisionStatus(source, user, body.spec));
}

/** SubjectAccessReview: may spec.user (with spec.groups) do this? */
export function subjectAccessReview(source: PolicySource, body: any): any {
  const errs = attributeErrors(body.spec);
  if (!body.spec?.user && !(body.spec?.groups ?? []).length) errs.push({ type: 'FieldValueInvalid', field: 'spec.user', value: '', detail: 'at least one of user or group must be specified' });
  if (errs.length) throw invalid('SubjectAccessReview', AUTHZ, body.metadata?.name ?? '', errs);
  return reviewResult(body, decisionStatus(source, userOfSpec(body.spec), body.spec));
}

/** LocalSubjectAccessReview: a SubjectAccessReview confined to the request's namespace. */
export function localSubjectAccessReview(source: PolicySource, namespace: string, body: any): StatusError | any {
  const errs = attributeErrors(body.spec);
  if (body.spec?.nonResourceAttributes) errs.push({ type: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', value: body.spec.nonResourceAttributes, detail: 'disallowed on this kind of request' });
  const ns = body.spec?.resourceAttributes?.namespace ?? '';
  if (body.spec?.resourceAttributes && ns !== namespace) errs.push({ type: 'FieldValueInvalid', field: 'spec.resourceAttributes.namespace', value: ns, detail: `must match metadata.namespace` });
  if (!body.spec?.user && !(body.spec?.groups ?? []).length) errs.push({ type: 'FieldValueInvalid', field: 'spec.user', value: '', detail: 'at least one of user or group must be specified' });
  if (errs.length) throw invalid('LocalSubjectAccessReview', AUTHZ, body.metadata?.name ?? '', errs);
  const out = reviewResult(body, decisionStatus(source, userOfSpec(body.spec), body.spec));
  out.metadata.namespace = namespace;
  return out;
}

/** rbac PolicyRule → authorization ResourceRule / NonResourceRule (ConvertToResourceRules). */
export function splitRules(rules: PolicyRule[]): { resourceRules: any[]; nonResourceRules: any[] } {
  const resourceRules: any[] = [];
  const nonResourceRules: any[] = [];
  for (const r of rules) {
    if ((r.resources ?? []).length) {
      resourceRules.push({ verbs: [...r.verbs], ...(r.apiGroups ? { apiGroups: [...r.apiGroups] } : {}), resources: [...(r.resources ?? [])], ...(r.resourceNames?.length ? { resourceNames: [...r.resourceNames] } : {}) });
    }
    if ((r.nonResourceURLs ?? []).length) nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...(r.nonResourceURLs ?? [])] });
  }
  return { resourceRules, nonResourceRules };
}

/** SelfSubjectRulesReview: the requester's rules in spec.namespace. */
export function selfSubjectRulesReview(source: PolicySource, user: UserInfo, body: any): any {
  const ns = body.spec?.namespace ?? '';
  const { rules, errors } = rulesFor(source, user, ns);
  const status = { ...splitRules(rules), incomplete: errors.length > 0, ...(errors.length ? { evaluationError: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` } : {}) };
  return reviewResult(body, status);
}

/** SelfSubjectReview: who the requester is. */
export function selfSubjectReview(user: UserInfo, body: any): any {
  const userInfo = { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups], ...(user.extra && Object.keys(user.extra).length ? { extra: user.extra } : {}) };
  return { kind: 'SelfSubjectReview', apiVersion: body.apiVersion ?? 'authentication.k8s.io/v1', metadata: { ...(body.metadata ?? {}), creationTimestamp: null }, status: { userInfo } };
}
