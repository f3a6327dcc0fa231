/** RoleBindings (ValidateRoleBinding): a Role or ClusterRole reference that never changes, and subjects. */
import type { Strategy } from '../strategy';
import { bindingErrors, bindingUpdateErrors, defaultBinding } from '../../rbac/validation';

/** The strategy of `rolebindings.rbac.authorization.k8s.io`. */
export const roleBindingStrategy: Strategy = {
  defaults: defaultBinding,
  validate: (obj) => bindingErrors(obj, true),
  validateUpdate: (obj, old) => bindingUpdateErrors(obj, old, true),
};
