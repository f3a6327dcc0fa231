/**
 * Helpers shared by the eviction subresource and the disruption controller: which budgets
 * cover a pod (getPodDisruptionBudgets), and the DisruptionAllowed condition
 * (k8s.io/component-helpers/apps/poddisruptionbudget UpdateDisruptionAllowedCondition).
 */
import type { KubeObject } from '../../apiserver/types';
import { selectorObjectMatches } from '../../apiserver/selectors/labels';

/** Storage key of PodDisruptionBudgets. */
export const PDB_RESOURCE = 'poddisruptionbudgets.policy';

/** The budgets among `pdbs` whose selector matches the pod's labels (a null selector matches none). */
export function budgetsForPod(pdbs: KubeObject[], pod: KubeObject): KubeObject[] {
  return pdbs.filter((b) => b.metadata.namespace === pod.metadata.namespace && selectorObjectMatches(b.spec?.selector, pod.metadata.labels));
}

/**
 * Set the DisruptionAllowed condition of a budget status from its disruptionsAllowed: True
 * with SufficientPods, or False with InsufficientPods (or the given failure reason and message,
 * SyncFailed). lastTransitionTime moves only when the status flips.
 */
export function setDisruptionAllowed(status: Record<string, any>, now: string, failure?: { reason: string; message: string }): void {
  const allowed = !failure && (status.disruptionsAllowed ?? 0) > 0;
  const cond = {
    type: 'DisruptionAllowed',
    status: allowed ? 'True' : 'False',
    observedGeneration: status.observedGeneration,
    reason: failure?.reason ?? (allowed ? 'SufficientPods' : 'InsufficientPods'),
    message: failure?.message ?? '',
    lastTransitionTime: now,
  };
  const conditions: any[] = Array.isArray(status.conditions) ? status.conditions : [];
  const old = conditions.find((c) => c.type === 'DisruptionAllowed');
  if (old && old.status === cond.status) cond.lastTransitionTime = old.lastTransitionTime;
  status.conditions = [...conditions.filter((c) => c.type !== 'DisruptionAllowed'), cond];
}
