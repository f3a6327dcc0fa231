/**
 * ResourceQuotas (ValidateResourceQuota, pkg/registry/core/resourcequota/strategy.go): hard
 * limits are valid non-negative quantities of standard quota resources; scopes are known.
 */
import { invalid, notSupported, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, clone, isObj, key } from '../podspec/common';
import { validateQuantity } from '../podspec/validate-resources';

const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];
const STANDARD = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'storage',
  'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);

/** True for a name ResourceQuota accepts (standard, object count, extended or class-scoped). */
function isQuotaResource(name: string): boolean {
  return STANDARD.has(name) || name.includes('/') || name.startsWith('count/') || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const hard = isObj(obj.spec?.hard) ? obj.spec.hard : {};
  for (const [name, q] of Object.entries(hard)) {
    const p = key('spec.hard', name);
    if (!isQuotaResource(name)) errs.push(invalid(p, name, 'must be a standard resource for quota'));
    errs.push(...validateQuantity(name, q, p));
  }
  arr(obj.spec?.scopes).forEach((s: any) => {
    if (!SCOPES.includes(s)) errs.push(notSupported('spec.scopes', s, SCOPES));
  });
  return errs;
}

/** The strategy of `resourcequotas`. */
export const resourceQuotaStrategy: Strategy = {
  prepareForCreate(obj) {
    obj.status = {};
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
  },
  validate,
  validateUpdate: (obj) => validate(obj),
};
