/**
 * Endpoints (SetDefaults_Endpoints, ValidateEndpoints): ports default to TCP; addresses are IPs,
 * ports in range with a protocol, port names required when there are several.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, isObj } from '../podspec/common';
import { asInvalid, dns1123Label, IP_MSG, isIP, portNum } from '../podspec/names';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj.subsets).forEach((ss: any, i) => {
    const sp = `subsets[${i}]`;
    if (!isObj(ss)) return;
    for (const list of ['addresses', 'notReadyAddresses']) {
      arr(ss[list]).forEach((a: any, j) => {
        if (!isIP(String(a?.ip ?? ''))) errs.push(invalid(`${sp}.${list}[${j}].ip`, a?.ip ?? '', IP_MSG));
      });
    }
    const ports = arr(ss.ports);
    ports.forEach((p: any, j) => {
      const pp = `${sp}.ports[${j}]`;
      if (ports.length > 1 && !p?.name) errs.push(required(`${pp}.name`, ''));
      else if (p?.name) errs.push(...asInvalid(`${pp}.name`, p.name, dns1123Label(p.name)));
      errs.push(...asInvalid(`${pp}.port`, p?.port ?? 0, portNum(p?.port)));
      if (!p?.protocol) errs.push(required(`${pp}.protocol`, ''));
      else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    });
  });
  return errs;
}

/** The strategy of `endpoints`. */
export const endpointsStrategy: Strategy = {
  defaults(obj) {
    for (const ss of arr(obj.subsets)) for (const p of arr(ss?.ports)) if (isObj(p)) p.protocol ||= 'TCP';
  },
  validate,
  validateUpdate: (obj) => validate(obj),
};
