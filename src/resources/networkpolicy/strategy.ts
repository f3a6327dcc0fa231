/**
 * NetworkPolicies (networking/v1 SetDefaults_NetworkPolicy, ValidateNetworkPolicySpec,
 * pkg/registry/networking/networkpolicy): ports default to TCP; policyTypes default to
 * [Ingress] plus Egress when egress rules exist; peers, ports and ipBlocks are checked.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, ensureObj, isObj } from '../podspec/common';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { asInvalid, isIP, portName, portNum } from '../podspec/names';
import { validateLabelSelector } from '../podspec/template';

const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function isCIDR(v: string): boolean {
  const [ip, bits, ...rest] = v.split('/');
  if (rest.length || bits === undefined || !/^\d+$/.test(bits) || !isIP(ip)) return false;
  return Number(bits) <= (ip.includes(':') ? 128 : 32);
}

function validatePeer(peer: any, path: string): FieldError[] {
  if (!isObj(peer)) return [required(path, 'must specify a peer')];
  const set = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => peer[k] != null);
  if (set.length === 0) return [required(path, 'must specify a peer')];
  if (peer.ipBlock != null && set.length > 1) return [forbidden(path, 'may not specify both ipBlock and another peer')];
  const errs = [...validateLabelSelector(peer.podSelector, `${path}.podSelector`), ...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`)];
  if (isObj(peer.ipBlock)) {
    const cidr = peer.ipBlock.cidr;
    if (!cidr) errs.push(required(`${path}.ipBlock.cidr`, ''));
    else if (!isCIDR(cidr)) errs.push(invalid(`${path}.ipBlock.cidr`, cidr, CIDR_MSG));
    arr(peer.ipBlock.except).forEach((e: any, i) => {
      if (!isCIDR(String(e))) errs.push(invalid(`${path}.ipBlock.except[${i}]`, e, CIDR_MSG));
    });
  }
  return errs;
}

function validatePort(p: any, path: string): FieldError[] {
  if (!isObj(p)) return [];
  const errs: FieldError[] = [];
  if (p.protocol && !['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  if (typeof p.port === 'number') errs.push(...asInvalid(`${path}.port`, p.port, portNum(p.port)));
  else if (typeof p.port === 'string') errs.push(...asInvalid(`${path}.port`, p.port, portName(p.port)));
  if (p.endPort != null) {
    if (typeof p.port !== 'number') errs.push(required(`${path}.port`, 'When endPort is specified, port must be specified'));
    else if (p.endPort < p.port) errs.push(invalid(`${path}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
  }
  return errs;
}

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    arr(spec[dir]).forEach((rule: any, i) => {
      const rp = `spec.${dir}[${i}]`;
      arr(rule?.ports).forEach((p, j) => errs.push(...validatePort(p, `${rp}.ports[${j}]`)));
      arr(rule?.[peers]).forEach((peer, j) => errs.push(...validatePeer(peer, `${rp}.${peers}[${j}]`)));
    });
  }
  const types = arr(spec.policyTypes);
  types.forEach((t: any, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  if (types.length > 2) errs.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return errs;
}

/** The strategy of `networkpolicies.networking.k8s.io`. */
export const networkPolicyStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    for (const dir of ['ingress', 'egress']) for (const rule of arr(spec[dir])) for (const p of arr(rule?.ports)) if (isObj(p)) p.protocol ||= 'TCP';
    if (arr(spec.policyTypes).length === 0) spec.policyTypes = arr(spec.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
  },
  prepareForCreate(obj) {
    prepareCreate(obj, { generation: true });
    delete obj.status;
  },
  prepareForUpdate(obj, old) {
    prepareUpdate(obj, old, { generation: true });
  },
  validate,
  validateUpdate: (obj) => validate(obj),
};
