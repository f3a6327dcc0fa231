/**
 * PodDisruptionBudgets, policy/v1 (ValidatePodDisruptionBudgetSpec,
 * pkg/registry/policy/poddisruptionbudget/strategy.go): minAvailable xor maxUnavailable, each
 * a non-negative int or a percent ≤ 100%; the selector is a valid label selector.
 */
import { invalid, notSupported, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { isObj } from '../podspec/common';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { validateLabelSelector } from '../podspec/template';
import { validateIntOrPercent } from '../deployment/strategy';

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) errs.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  if (spec.minAvailable != null) errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  if (spec.maxUnavailable != null) errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy && !['AlwaysAllow', 'IfHealthyBudget'].includes(policy)) errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  return errs;
}

/** The strategy of `poddisruptionbudgets.policy`. */
export const podDisruptionBudgetStrategy: Strategy = {
  prepareForCreate: (obj) =>
    prepareCreate(obj, { generation: true, initialStatus: () => ({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 }) }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate,
  validateUpdate: (obj) => validate(obj),
};
