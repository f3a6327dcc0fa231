/** Roles (ValidateRole): rules only; a namespaced rule cannot name non-resource URLs. */
import type { Strategy } from '../strategy';
import { roleErrors } from '../../rbac/validation';

/** The strategy of `roles.rbac.authorization.k8s.io`. */
export const roleStrategy: Strategy = {
  validate: (obj) => roleErrors(obj, true),
  validateUpdate: (obj) => roleErrors(obj, true),
};
