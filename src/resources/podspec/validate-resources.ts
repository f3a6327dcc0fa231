/**
 * ValidateResourceRequirements of a container (pkg/apis/core/validation): resource names,
 * quantity values, and requests against limits with upstream's messages, e.g.
 *   spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1
 */
import { invalid, required, type FieldError } from '../../apiserver/field-errors';
import { IS_NEGATIVE, isObj, key } from './common';
import { qualifiedName } from './names';
import { canonicalQuantity, compareQuantity, quantityError, quantityValue } from './quantity';

const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims']);

/** Resources whose requests may be below their limits (everything but hugepages and extended). */
function overcommitAllowed(name: string): boolean {
  return !name.startsWith('hugepages-') && (!name.includes('/') || name.startsWith('kubernetes.io/') || name.startsWith('requests.'));
}

function validateName(name: string, path: string): FieldError[] {
  const errs = qualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !name.startsWith('hugepages-')) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (name.startsWith('requests.')) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: well-formed, not negative, whole for integer resources. */
export function validateQuantity(name: string, q: unknown, path: string): FieldError[] {
  const bad = quantityError(q);
  if (bad !== undefined) return [invalid(path, q, bad)];
  const v = quantityValue(q) ?? 0;
  if (v < 0) return [invalid(path, canonicalQuantity(q), IS_NEGATIVE)];
  if (INTEGER_RESOURCES.has(name) && !Number.isInteger(Math.round(v * 1000) / 1000)) return [invalid(path, q, 'must be an integer')];
  return [];
}

/** Container resources: `path` is `spec.containers[i].resources`. */
export function validateResourceRequirements(res: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(res)) return errs;
  const limits = isObj(res.limits) ? res.limits : {};
  const requests = isObj(res.requests) ? res.requests : {};
  for (const [name, q] of Object.entries(limits)) {
    const p = key(`${path}.limits`, name);
    errs.push(...validateName(name, p), ...validateQuantity(name, q, p));
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = key(`${path}.requests`, name);
    errs.push(...validateName(name, p), ...validateQuantity(name, q, p));
    if (quantityError(q) !== undefined) continue;
    if (name in limits) {
      if (quantityError(limits[name]) !== undefined) continue;
      const cmp = compareQuantity(q, limits[name]);
      const shown = canonicalQuantity(q);
      const limShown = canonicalQuantity(limits[name]);
      if (cmp !== 0 && !overcommitAllowed(name)) errs.push(invalid(`${path}.requests`, shown, `must be equal to ${name} limit of ${limShown}`));
      else if (cmp > 0) errs.push(invalid(`${path}.requests`, shown, `must be less than or equal to ${name} limit of ${limShown}`));
    } else if (!overcommitAllowed(name)) {
      errs.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
