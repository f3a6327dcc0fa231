/**
 * IngressClasses (ValidateIngressClass/Update): spec.controller is required, at most 250
 * characters, and immutable.
 */
import { invalid, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { immutable } from '../podspec/common';

function validate(obj: Record<string, any>): FieldError[] {
  const c = obj.spec?.controller;
  if (!c) return [required('spec.controller', '')];
  if (String(c).length > 250) return [{ type: 'FieldValueTooLong', field: 'spec.controller', value: c, detail: 'may not be more than 250 bytes' }];
  if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/\S*$/.test(String(c))) {
    return [invalid('spec.controller', c, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  return [];
}

/** The strategy of `ingressclasses.networking.k8s.io`. */
export const ingressClassStrategy: Strategy = {
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
  },
  validate,
  validateUpdate: (obj, old) => [...validate(obj), ...immutable(obj.spec?.controller, old.spec?.controller, 'spec.controller')],
};
