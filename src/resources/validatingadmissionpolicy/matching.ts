/**
 * Which requests a policy's matchConstraints (or a binding's matchResources) select, after
 * k8s.io/apiserver's policy/matching and the webhook predicates it reuses (rules, namespace,
 * object): the namespaceSelector (ignored for cluster-scoped objects other than Namespaces, which
 * are matched on their own labels), the objectSelector (the new or the old object's labels), the
 * excludeResourceRules, then the resourceRules (none means every resource), with matchPolicy
 * Equivalent also trying the other versions of the same resource.
 */
import { isEverything, labelSelectorFromObject, matches, type LabelSelector } from '../../apiserver/selectors/labels';
import type { AdmissionAttributes, GroupVersionKind, GroupVersionResource } from './attributes';

export interface NamedRuleWithOperations {
  apiGroups?: string[];
  apiVersions?: string[];
  operations?: string[];
  resources?: string[];
  resourceNames?: string[];
  scope?: string;
}

export interface MatchResources {
  namespaceSelector?: unknown;
  objectSelector?: unknown;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
  matchPolicy?: 'Exact' | 'Equivalent';
}

/** The answer of a match: whether it applies, and the resource and kind it matched as. */
export type MatchResult = { matches: false; error?: string } | { matches: true; resource: GroupVersionResource; kind: GroupVersionKind };

/** The labels of a namespace by name; undefined when it does not exist. */
export type NamespaceLabels = (name: string) => Record<string, string> | undefined;

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

/** `pods/status` → [pods, status]; `pods` → [pods, '']. */
function splitResource(r: string): [string, string] {
  const i = r.indexOf('/');
  return i < 0 ? [r, ''] : [r.slice(0, i), r.slice(i + 1)];
}

/** One rule against the request, as if it addressed `resource` (rules.Matcher). */
export function ruleMatches(rule: NamedRuleWithOperations, a: AdmissionAttributes, resource: GroupVersionResource = a.resource): boolean {
  if (!has(rule.operations, a.operation)) return false;
  if (!has(rule.apiGroups, resource.group)) return false;
  if (!has(rule.apiVersions, resource.version)) return false;
  const resourceMatches = (rule.resources ?? []).some((r) => {
    const [res, sub] = splitResource(r);
    return (res === '*' || res === resource.resource) && (sub === '*' || sub === a.subresource);
  });
  if (!resourceMatches) return false;
  const isNamespace = resource.group === '' && resource.resource === 'namespaces';
  switch (rule.scope ?? '*') {
    case 'Namespaced':
      return !isNamespace && a.namespaced;
    case 'Cluster':
      return isNamespace || !a.namespaced;
    default:
      return true;
  }
}

function nameMatches(rule: NamedRuleWithOperations, a: AdmissionAttributes): boolean {
  return !rule.resourceNames?.length || rule.resourceNames.includes(a.name);
}

/** The rules' match (matchesResourceRules): exact first, then the equivalent versions. */
export function matchesResourceRules(rules: NamedRuleWithOperations[], policy: MatchResources['matchPolicy'], a: AdmissionAttributes): MatchResult {
  for (const rule of rules) if (ruleMatches(rule, a) && nameMatches(rule, a)) return { matches: true, resource: a.resource, kind: a.kind };
  if (policy === 'Exact') return { matches: false };
  for (const rule of rules) {
    for (const version of a.equivalentVersions ?? []) {
      if (version === a.resource.version) continue;
      const resource = { ...a.resource, version };
      if (ruleMatches(rule, a, resource) && nameMatches(rule, a)) return { matches: true, resource, kind: { ...a.kind, version: a.subresource ? a.kind.version : version } };
    }
  }
  return { matches: false };
}

/** A selector object of matchResources; missing means everything. */
function selectorOf(ps: unknown): LabelSelector {
  return ps === undefined || ps === null ? { requirements: [] } : labelSelectorFromObject(ps as never);
}

/** The namespaceSelector's verdict (namespace.Matcher.MatchNamespaceSelector). */
function namespaceMatches(mr: MatchResources, a: AdmissionAttributes, nsLabels: NamespaceLabels): { matches: boolean; error?: string } {
  const isNamespace = a.resource.group === '' && a.resource.resource === 'namespaces';
  if (!a.namespace && !isNamespace) return { matches: true };
  let selector: LabelSelector;
  try {
    selector = selectorOf(mr.namespaceSelector);
  } catch (e) {
    return { matches: false, error: (e as Error).message };
  }
  if (isEverything(selector)) return { matches: true };
  let labels: Record<string, string> | undefined;
  // A Namespace being created or updated is matched on the labels it is about to have.
  if (isNamespace && !a.subresource && (a.operation === 'CREATE' || a.operation === 'UPDATE')) labels = a.object?.metadata?.labels ?? {};
  else labels = nsLabels(isNamespace ? a.name : a.namespace);
  if (labels === undefined) return { matches: false, error: `namespaces "${isNamespace ? a.name : a.namespace}" not found` };
  return { matches: matches(selector, labels) };
}

/** The objectSelector's verdict: the new or the old object's labels (object.Matcher). */
function objectMatches(mr: MatchResources, a: AdmissionAttributes): { matches: boolean; error?: string } {
  let selector: LabelSelector;
  try {
    selector = selectorOf(mr.objectSelector);
  } catch (e) {
    return { matches: false, error: (e as Error).message };
  }
  if (isEverything(selector)) return { matches: true };
  const labelsOf = (o: AdmissionAttributes['object']) => (o ? o.metadata?.labels ?? {} : undefined);
  const now = labelsOf(a.object);
  const old = labelsOf(a.oldObject);
  return { matches: (now !== undefined && matches(selector, now)) || (old !== undefined && matches(selector, old)) };
}

/** Whether `mr` selects the request (matching.Matcher.Matches); selector errors only count once the rules match. */
export function matchesRequest(mr: MatchResources | undefined, a: AdmissionAttributes, nsLabels: NamespaceLabels): MatchResult {
  const m = mr ?? {};
  const ns = namespaceMatches(m, a, nsLabels);
  if (!ns.matches && !ns.error) return { matches: false };
  const obj = objectMatches(m, a);
  if (!obj.matches && !obj.error) return { matches: false };
  const policy = m.matchPolicy ?? 'Equivalent';
  if (m.excludeResourceRules?.length && matchesResourceRules(m.excludeResourceRules, policy, a).matches) return { matches: false };
  const result: MatchResult = m.resourceRules?.length ? matchesResourceRules(m.resourceRules, policy, a) : { matches: true, resource: a.resource, kind: a.kind };
  if (!result.matches) return result;
  if (ns.error) return { matches: false, error: ns.error };
  if (obj.error) return { matches: false, error: obj.error };
  return result;
}
