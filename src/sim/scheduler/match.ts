/**
 * Matching helpers the scheduler plugins share: label selectors (metav1.LabelSelector), node
 * selector terms (v1.NodeSelectorTerm, component-helpers/scheduling/corev1/nodeaffinity) and
 * taint tolerations (v1.Toleration.ToleratesTaint).
 */
import { selectorObjectMatches } from '../../apiserver/selectors/labels';
import type { KubeObject } from '../../apiserver/types';

type Labels = Record<string, string>;

/**
 * Whether a metav1.LabelSelector matches `labels`. A missing selector matches nothing and an empty
 * one matches everything (LabelSelectorAsSelector).
 */
export function selectorMatches(selector: any, labels: Labels | undefined): boolean {
  return selectorObjectMatches(selector, labels);
}

/** One v1.NodeSelectorRequirement against a set of labels (or fields); Gt/Lt compare integers. */
function requirementMatches(r: any, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const values: string[] = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1 || !/^-?\d+$/.test(labels[r.key]) || !/^-?\d+$/.test(values[0])) return false;
      const a = Number(labels[r.key]);
      const b = Number(values[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * A v1.NodeSelectorTerm: all matchExpressions (on labels) and matchFields (only metadata.name)
 * must hold; a term with neither matches no node.
 */
export function nodeSelectorTermMatches(term: any, node: KubeObject): boolean {
  const exprs: any[] = term?.matchExpressions ?? [];
  const fields: any[] = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels: Labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, labels))) return false;
  const nodeFields: Labels = { 'metadata.name': node.metadata.name ?? '' };
  return fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, nodeFields));
}

/**
 * The pod's hard node constraints (RequiredNodeAffinity): every spec.nodeSelector label must be
 * on the node, and when required node affinity is set at least one of its terms must match.
 */
export function requiredNodeAffinityMatches(pod: KubeObject, node: KubeObject): boolean {
  const labels: Labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries<string>(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t: any) => nodeSelectorTermMatches(t, node));
}

/**
 * v1.Toleration.ToleratesTaint: the effect matches (or the toleration names none), the key
 * matches (an empty key with Exists matches every key), and Exists ignores the value while
 * Equal (the default) compares it.
 */
export function toleratesTaint(toleration: any, taint: any): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const op = toleration.operator || 'Equal';
  if (op === 'Exists') return true;
  if (op !== 'Equal') return false;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** Whether any toleration in the list tolerates `taint`. */
export function tolerationsTolerate(tolerations: any[] | undefined, taint: any): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}
