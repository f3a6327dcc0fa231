/**
 * Quota scopes (podMatchesScopeFunc, generic.Matches): `spec.scopes` (each an Exists selector)
 * and `spec.scopeSelector.matchExpressions`. A pod must match every selector of the quota;
 * objects of other kinds never match a scoped quota.
 */
import type { KubeObject } from '../../apiserver/types';
import { isBestEffort, isTerminating } from './evaluators';

/** One ScopedResourceSelectorRequirement. */
export interface ScopeSelector {
  scopeName: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** The selectors of a quota: its scopes as Exists, then its scopeSelector's expressions. */
export function scopeSelectorsOf(quota: KubeObject): ScopeSelector[] {
  const out: ScopeSelector[] = [];
  for (const s of Array.isArray(quota.spec?.scopes) ? quota.spec.scopes : []) out.push({ scopeName: s, operator: 'Exists' });
  for (const e of Array.isArray(quota.spec?.scopeSelector?.matchExpressions) ? quota.spec.scopeSelector.matchExpressions : []) out.push(e);
  return out;
}

function crossNamespaceTerms(terms: unknown): boolean {
  return (Array.isArray(terms) ? terms : []).some((t: any) => {
    const term = t?.podAffinityTerm ?? t;
    return (Array.isArray(term?.namespaces) && term.namespaces.length > 0) || term?.namespaceSelector != null;
  });
}

function usesCrossNamespaceAffinity(pod: KubeObject): boolean {
  const a = pod.spec?.affinity ?? {};
  return [a.podAffinity, a.podAntiAffinity].some(
    (x) => x && (crossNamespaceTerms(x.requiredDuringSchedulingIgnoredDuringExecution) || crossNamespaceTerms(x.preferredDuringSchedulingIgnoredDuringExecution)),
  );
}

/** Whether a pod matches one scope selector. */
export function podMatchesScope(pod: KubeObject, sel: ScopeSelector): boolean {
  switch (sel.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespaceAffinity(pod);
    case 'PriorityClass': {
      const pc: string = pod.spec?.priorityClassName ?? '';
      const values = sel.values ?? [];
      if (sel.operator === 'Exists') return pc !== '';
      if (sel.operator === 'DoesNotExist') return pc === '';
      if (sel.operator === 'In') return pc !== '' && values.includes(pc);
      if (sel.operator === 'NotIn') return pc === '' || !values.includes(pc);
      return false;
    }
  }
  return false;
}

/** Whether an object falls under a quota's scopes (true for an unscoped quota). */
export function matchesScopes(quota: KubeObject, obj: KubeObject, scoped: boolean): boolean {
  const selectors = scopeSelectorsOf(quota);
  if (!selectors.length) return true;
  if (!scoped) return false;
  return selectors.every((s) => podMatchesScope(obj, s));
}
