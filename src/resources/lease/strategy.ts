/**
 * Leases, coordination.k8s.io/v1 (ValidateLease): a set leaseDurationSeconds is positive and
 * leaseTransitions is not negative.
 */
import { invalid, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { nonNegative } from '../podspec/common';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const d = obj.spec?.leaseDurationSeconds;
  if (typeof d === 'number' && d <= 0) errs.push(invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  return [...errs, ...nonNegative(obj.spec?.leaseTransitions, 'spec.leaseTransitions')];
}

/** The strategy of `leases.coordination.k8s.io`. */
export const leaseStrategy: Strategy = { validate, validateUpdate: (obj) => validate(obj) };
