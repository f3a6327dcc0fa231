/**
 * ServiceCIDRs and IPAddresses (pkg/apis/networking/validation, v1.33): a ServiceCIDR holds one
 * or two CIDRs (one per family), immutable; an IPAddress is named by its address in canonical
 * form and names its parent, immutably.
 */
import { invalid, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, immutable } from '../podspec/common';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function validCIDR(v: string): boolean {
  const [ip, bits, extra] = v.split('/');
  if (extra !== undefined || bits === undefined || !/^\d+$/.test(bits)) return false;
  if (IPV4.test(ip)) return Number(bits) <= 32;
  return ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip) && Number(bits) <= 128;
}

function validateCIDR(sc: Record<string, any>): FieldError[] {
  const cidrs = arr<string>(sc.spec?.cidrs);
  if (!cidrs.length) return [required('spec.cidrs', '')];
  if (cidrs.length > 2) return [{ type: 'FieldValueTooMany', field: 'spec.cidrs', detail: `${cidrs.length}: must have at most 2 items` }];
  return cidrs.flatMap((c, i) => (validCIDR(String(c)) ? [] : [invalid(`spec.cidrs[${i}]`, c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')]));
}

/** The strategy of `servicecidrs.networking.k8s.io`. */
export const serviceCIDRStrategy: Strategy = {
  prepareForCreate: (o) => prepareCreate(o, { generation: true }),
  prepareForUpdate: (o, old) => prepareUpdate(o, old, { generation: true }),
  validate: validateCIDR,
  validateUpdate: (o, old) => [...validateCIDR(o), ...immutable(o.spec?.cidrs, old.spec?.cidrs, 'spec.cidrs')],
};

function validateIPAddress(ip: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const name = String(ip.metadata?.name ?? '');
  if (!IPV4.test(name) && !(name.includes(':') && /^[0-9a-f:]+$/.test(name))) {
    errs.push(invalid('metadata.name', name, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  const ref = ip.spec?.parentRef;
  if (!ref) errs.push(required('spec.parentRef', 'must have a parent reference'));
  else {
    if (!ref.resource) errs.push(required('spec.parentRef.resource', ''));
    if (!ref.name) errs.push(required('spec.parentRef.name', ''));
  }
  return errs;
}

/** The strategy of `ipaddresses.networking.k8s.io`. */
export const ipAddressStrategy: Strategy = {
  prepareForCreate(o) {
    o.metadata.generation = 1;
  },
  validate: validateIPAddress,
  validateUpdate: (o, old) => [...validateIPAddress(o), ...immutable(o.spec?.parentRef, old.spec?.parentRef, 'spec.parentRef')],
};
