/**
 * The checks of the LimitRanger admission plugin (plugin/pkg/admission/limitranger): min, max
 * and maxLimitRequestRatio of one resource against a request and limit list, with upstream's
 * error texts. Values compare at milli precision (requestLimitEnforcedValues).
 */
import { quantityMilliValue, quantityToString, type Quantity } from '../../apiserver/quantity';
import type { ResourceList } from '../resourcequota/resource-list';

const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };
const milli = (q: Quantity | undefined) => quantityMilliValue(q ?? ZERO);
const str = quantityToString;

/** minConstraint: a request must be given and, like any limit, be at least `enforced`. */
export function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  if (!req) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milli(req) < milli(enforced)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  if (lim && milli(lim) < milli(enforced)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  return undefined;
}

/** maxConstraint: a limit must be given and, like any request, be at most `enforced`. */
export function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  if (!lim) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (milli(lim) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  if (req && milli(req) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

/** maxRequestConstraint (PersistentVolumeClaims, which have no limits): the request is at most `enforced`. */
export function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const req = requests[name];
  if (!req) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milli(req) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

/** limitRequestRatioConstraint: limit ÷ request must not exceed `enforced`. */
export function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = milli(requests[name]);
  const lim = milli(limits[name]);
  if (!requests[name] || req === 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is 0`;
  if (!limits[name] || lim === 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is 0`;
  const ratio = Number(lim) / Number(req);
  if (ratio * 1000 > Number(milli(enforced))) {
    return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  }
  return undefined;
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]` (duplicates once). */
export function aggregate(messages: string[]): string | undefined {
  const seen = [...new Set(messages)];
  if (!seen.length) return undefined;
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}
