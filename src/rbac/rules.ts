/**
 * Matching one RBAC PolicyRule against a request, after upstream
 * pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches,
 * ResourceNameMatches, NonResourceURLMatches) and rbac.RuleAllows.
 */

/** A rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** What is being asked (authorizer.Attributes): a resource request or a non-resource path. */
export interface Attributes {
  verb: string;
  resourceRequest: boolean;
  apiGroup?: string;
  apiVersion?: string;
  namespace?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** The URL path, for non-resource requests. */
  path?: string;
}

const ALL = '*';

/** A rule's verbs allow `verb` (`*` matches every verb). */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === ALL || v === verb);
}

/** A rule's apiGroups include `group` (`*` matches every group). */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

/**
 * A rule's resources include `resource[/subresource]`: `*` matches everything, `*\/scale` any
 * resource's `scale`, and `pods` only the pods themselves, never their subresources.
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource = ''): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some((r) => r === ALL || r === combined || (!!subresource && r === `*/${subresource}`));
}

/** A rule without resourceNames matches every name; with them, only those names. */
export function resourceNameMatches(rule: PolicyRule, name = ''): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** A rule's nonResourceURLs cover `path`: exactly, `*`, or by a trailing-`*` prefix. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === ALL || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

/** rbac.RuleAllows: does this one rule allow the request? */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    return verbMatches(rule, attrs.verb) && apiGroupMatches(rule, attrs.apiGroup ?? '') && resourceMatches(rule, attrs.resource ?? '', attrs.subresource ?? '') && resourceNameMatches(rule, attrs.name ?? '');
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path ?? '');
}
