/** ClusterRoleBindings (ValidateClusterRoleBinding): a ClusterRole reference that never changes, and subjects. */
import type { Strategy } from '../strategy';
import { bindingErrors, bindingUpdateErrors, defaultBinding } from '../../rbac/validation';

/** The strategy of `clusterrolebindings.rbac.authorization.k8s.io`. */
export const clusterRoleBindingStrategy: Strategy = {
  defaults: defaultBinding,
  validate: (obj) => bindingErrors(obj, false),
  validateUpdate: (obj, old) => bindingUpdateErrors(obj, old, false),
};
