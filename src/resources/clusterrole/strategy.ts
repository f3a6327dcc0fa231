/** ClusterRoles (ValidateClusterRole): rules, and an aggregationRule with selectors. */
import type { Strategy } from '../strategy';
import { roleErrors } from '../../rbac/validation';

/** The strategy of `clusterroles.rbac.authorization.k8s.io`. */
export const clusterRoleStrategy: Strategy = {
  validate: (obj) => roleErrors(obj, false),
  validateUpdate: (obj) => roleErrors(obj, false),
};
