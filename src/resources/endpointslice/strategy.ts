/**
 * EndpointSlices, discovery.k8s.io/v1 (SetDefaults_EndpointPort, ValidateEndpointSlice/Update):
 * ports default to name "" and protocol TCP; addressType is required, known and immutable;
 * every endpoint has 1–100 addresses.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, immutable, isObj } from '../podspec/common';
import { asInvalid, dns1123Label, IP_MSG, isIP, portNum } from '../podspec/names';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const at = obj.addressType;
  if (!at) errs.push(required('addressType', ''));
  else if (!ADDRESS_TYPES.includes(at)) errs.push(notSupported('addressType', at, ADDRESS_TYPES));
  arr(obj.endpoints).forEach((ep: any, i) => {
    const p = `endpoints[${i}]`;
    const addrs = arr(ep?.addresses);
    if (addrs.length === 0) errs.push(required(`${p}.addresses`, 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push({ type: 'FieldValueTooMany', field: `${p}.addresses`, detail: `must have at most 100 items` });
    addrs.forEach((a: any, j) => {
      if ((at === 'IPv4' || at === 'IPv6') && !isIP(String(a))) errs.push(invalid(`${p}.addresses[${j}]`, a, IP_MSG));
    });
  });
  arr(obj.ports).forEach((port: any, i) => {
    const p = `ports[${i}]`;
    if (!isObj(port)) return;
    if (port.name) errs.push(...asInvalid(`${p}.name`, port.name, dns1123Label(port.name)));
    if (port.protocol && !['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    if (port.port != null) errs.push(...asInvalid(`${p}.port`, port.port, portNum(port.port)));
  });
  return errs;
}

/** The strategy of `endpointslices.discovery.k8s.io`. */
export const endpointSliceStrategy: Strategy = {
  defaults(obj) {
    for (const p of arr(obj.ports)) {
      if (!isObj(p)) continue;
      p.name ??= '';
      p.protocol ||= 'TCP';
    }
  },
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    const gen = old.metadata.generation ?? 0;
    const same = JSON.stringify([obj.endpoints, obj.ports, obj.addressType]) === JSON.stringify([old.endpoints, old.ports, old.addressType]);
    obj.metadata.generation = same ? gen : gen + 1;
  },
  validate,
  validateUpdate: (obj, old) => [...validate(obj), ...immutable(obj.addressType, old.addressType, 'addressType')],
};
