/**
 * Services (SetDefaults_Service, ValidateService/Update, pkg/registry/core/service/strategy.go
 * and the REST storage's IP-family/clusterIPs normalisation). Address allocation itself is the
 * store's (./allocator.ts). An update may not change the assigned clusterIP:
 *   spec.clusterIPs[0]: Invalid value: ["10.96.0.9"]: may not change once set
 */
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, clone, ensureObj, isObj } from '../podspec/common';
import { asInvalid, dns1123Label, dns1123Subdomain, IP_MSG, isIP, portNum, validateLabels } from '../podspec/names';
import { validatePortNumOrName } from '../podspec/validate-container';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const external = (t: unknown) => t === 'NodePort' || t === 'LoadBalancer';
const headless = (spec: Record<string, any>) => spec.clusterIP === 'None';

function defaults(obj: Record<string, any>): void {
  const spec = ensureObj(obj, 'spec');
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of arr(spec.ports)) {
    if (!isObj(p)) continue;
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (external(spec.type)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.internalTrafficPolicy == null && spec.type !== 'ExternalName') spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/** What the Service REST storage settles before validation: clusterIPs and IP families. */
function normaliseAddresses(spec: Record<string, any>, old?: Record<string, any>): void {
  if (spec.type === 'ExternalName') return;
  if (old && old.type !== 'ExternalName') {
    if (!spec.clusterIP && arr(spec.clusterIPs).length === 0) {
      if (old.clusterIP) spec.clusterIP = old.clusterIP;
      if (old.clusterIPs) spec.clusterIPs = clone(old.clusterIPs);
    } else if (spec.clusterIP && spec.clusterIP !== arr(spec.clusterIPs)[0] && JSON.stringify(spec.clusterIPs ?? null) === JSON.stringify(old.clusterIPs ?? null)) {
      spec.clusterIPs = [spec.clusterIP]; // the user changed only clusterIP
    }
    spec.ipFamilies ??= clone(old.ipFamilies);
    spec.ipFamilyPolicy ??= old.ipFamilyPolicy;
  }
  if (spec.clusterIP && arr(spec.clusterIPs).length === 0) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && arr(spec.clusterIPs).length) spec.clusterIP = spec.clusterIPs[0];
  if (arr(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4'];
  spec.ipFamilyPolicy ||= 'SingleStack';
}

function validatePorts(spec: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const ports = arr(spec.ports);
  if (ports.length === 0 && !headless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports', ''));
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((p: any, i) => {
    const ip = `spec.ports[${i}]`;
    if (!isObj(p)) return;
    if (ports.length > 1 && !p.name) errs.push(required(`${ip}.name`, ''));
    if (p.name) {
      errs.push(...asInvalid(`${ip}.name`, p.name, dns1123Label(p.name)));
      if (names.has(p.name)) errs.push(duplicate(`${ip}.name`, p.name));
      names.add(p.name);
    }
    errs.push(...asInvalid(`${ip}.port`, p.port ?? 0, portNum(p.port)));
    if (!p.protocol) errs.push(required(`${ip}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${ip}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    errs.push(...validatePortNumOrName(p.targetPort, `${ip}.targetPort`));
    if (p.nodePort && spec.type === 'ClusterIP') errs.push(forbidden(`${ip}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    if (p.nodePort && spec.type === 'ExternalName') errs.push(forbidden(`${ip}.nodePort`, "may not be used when `type` is 'ExternalName'"));
    const k = `${p.port}/${p.protocol}`;
    if (keys.has(k)) errs.push(duplicate(ip, { port: p.port, protocol: p.protocol }));
    keys.add(k);
  });
  return errs;
}

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  if (!spec.type) errs.push(required('spec.type', ''));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ExternalName') {
    if (spec.clusterIP) errs.push(forbidden('spec.clusterIP', 'may not be set for ExternalName services'));
    const name = String(spec.externalName ?? '').replace(/\.$/, '');
    if (!name) errs.push(required('spec.externalName', ''));
    else errs.push(...asInvalid('spec.externalName', name, dns1123Subdomain(name)));
  }
  errs.push(...validatePorts(spec));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity ?? '', ['ClientIP', 'None']));
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (spec.sessionAffinity === 'ClientIP' && typeof timeout === 'number' && (timeout <= 0 || timeout > 86400)) {
    errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'must be greater than 0 and less than 86400'));
  }
  arr(spec.clusterIPs).forEach((ip: any, i) => {
    if (ip !== 'None' && ip !== '' && !isIP(String(ip))) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, IP_MSG));
  });
  if (spec.clusterIP && arr(spec.clusterIPs).length && spec.clusterIPs[0] !== spec.clusterIP) {
    errs.push(invalid('spec.clusterIPs', spec.clusterIPs, 'element [0] must match clusterIP'));
  }
  if (spec.externalTrafficPolicy) {
    if (!external(spec.type)) errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
    else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.internalTrafficPolicy && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.ipFamilyPolicy && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  arr(spec.ipFamilies).forEach((f: any, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
  });
  arr(spec.externalIPs).forEach((ip: any, i) => {
    if (!isIP(String(ip))) errs.push(invalid(`spec.externalIPs[${i}]`, ip, IP_MSG));
  });
  if (spec.loadBalancerClass && spec.type !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', 'may only be used when `type` is \'LoadBalancer\''));
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: an assigned primary clusterIP never changes. */
function validateUpdate(obj: Record<string, any>, old: Record<string, any>): FieldError[] {
  const errs = validate(obj);
  const spec = obj.spec ?? {};
  const prev = old.spec ?? {};
  if (spec.type === 'ExternalName' || prev.type === 'ExternalName') return errs;
  if (headless(spec) && headless(prev)) return errs;
  const oldIPs = arr<string>(prev.clusterIPs);
  const newIPs = arr<string>(spec.clusterIPs);
  if (oldIPs.length > 0 && newIPs.length === 0) errs.push(invalid('spec.clusterIPs[0]', newIPs, 'primary clusterIP can not be unset'));
  else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) errs.push(invalid('spec.clusterIPs[0]', newIPs, 'may not change once set'));
  return errs;
}

/**
 * dropTypeDependentFields: a Service leaving NodePort/LoadBalancer for ClusterIP drops the
 * nodePorts it was given (when the update left them as they were), and one that stops being a
 * LoadBalancer drops the fields only a LoadBalancer or NodePort has, so that `kubectl patch -p '{"spec":{"type":"ClusterIP"}}'` works.
 */
function dropTypeDependentFields(spec: Record<string, any>, prev: Record<string, any>): void {
  if (spec.type === 'ClusterIP' && (prev.type === 'NodePort' || prev.type === 'LoadBalancer')) {
    for (const p of arr<any>(spec.ports)) {
      const was = arr<any>(prev.ports).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (p.nodePort && was?.nodePort === p.nodePort) delete p.nodePort;
    }
  }
  if (spec.type !== 'LoadBalancer' && prev.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && prev.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.externalTrafficPolicy !== undefined && spec.type === 'ClusterIP') delete spec.externalTrafficPolicy;
  }
}

/** The strategy of `services`. */
export const serviceStrategy: Strategy = {
  defaults,
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
    normaliseAddresses(ensureObj(obj, 'spec'));
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
    normaliseAddresses(ensureObj(obj, 'spec'), old.spec ?? {});
    dropTypeDependentFields(obj.spec, old.spec ?? {});
  },
  validate,
  validateUpdate,
};
