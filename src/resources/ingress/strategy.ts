/**
 * Ingresses, networking.k8s.io/v1 (ValidateIngressSpec, pkg/registry/networking/ingress):
 * rules or a default backend; each path has a pathType, absolute paths for Exact/Prefix, and a
 * service (name + port name or number) or resource backend.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, isObj } from '../podspec/common';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { asInvalid, dns1035Label, dns1123Subdomain, isIP, portName, portNum } from '../podspec/names';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** validateIngressBackend. */
export function validateBackend(b: unknown, path: string): FieldError[] {
  if (!isObj(b)) return [invalid(path, '', 'resource or service backend is required')];
  const hasRes = isObj(b.resource);
  const hasSvc = isObj(b.service);
  if (hasRes && hasSvc) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (hasRes) {
    const errs: FieldError[] = [];
    if (!b.resource.kind) errs.push(required(`${path}.resource.kind`, ''));
    if (!b.resource.name) errs.push(required(`${path}.resource.name`, ''));
    return errs;
  }
  if (!hasSvc) return [invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const svc = b.service;
  if (!svc.name) errs.push(required(`${path}.service.name`, ''));
  else errs.push(...asInvalid(`${path}.service.name`, svc.name, dns1035Label(svc.name)));
  const port = isObj(svc.port) ? svc.port : {};
  if (port.name && port.number) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (port.name) errs.push(...asInvalid(`${path}.service.port.name`, port.name, portName(port.name)));
  else if (port.number) errs.push(...asInvalid(`${path}.service.port.number`, port.number, portNum(port.number)));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validateHost(host: string, path: string): FieldError[] {
  if (isIP(host)) return [invalid(path, host, 'must be a DNS name, not an IP address')];
  if (host.startsWith('*.')) return asInvalid(path, host, dns1123Subdomain(host.slice(2)).map(() => "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
  return asInvalid(path, host, dns1123Subdomain(host));
}

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const rules = arr(spec.rules);
  if (rules.length === 0 && !isObj(spec.defaultBackend)) errs.push(invalid('spec', spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  if (isObj(spec.defaultBackend)) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  if (spec.ingressClassName) errs.push(...asInvalid('spec.ingressClassName', spec.ingressClassName, dns1123Subdomain(spec.ingressClassName)));
  rules.forEach((r: any, i) => {
    const rp = `spec.rules[${i}]`;
    if (!isObj(r)) return;
    if (r.host) errs.push(...validateHost(r.host, `${rp}.host`));
    if (!isObj(r.http)) return;
    const paths = arr(r.http.paths);
    if (paths.length === 0) errs.push(required(`${rp}.http.paths`, ''));
    paths.forEach((p: any, j) => {
      const pp = `${rp}.http.paths[${j}]`;
      if (!p?.pathType) errs.push(required(`${pp}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES));
      else if (p.pathType !== 'ImplementationSpecific' || p.path) {
        const path = String(p.path ?? '');
        if (!path.startsWith('/')) errs.push(invalid(`${pp}.path`, path, 'must be an absolute path'));
        else if (p.pathType !== 'ImplementationSpecific' && path.includes('//')) errs.push(invalid(`${pp}.path`, path, "must not contain '//'"));
      }
      errs.push(...validateBackend(p?.backend, `${pp}.backend`));
    });
  });
  arr(spec.tls).forEach((t: any, i) => {
    arr(t?.hosts).forEach((h: any, j) => errs.push(...validateHost(String(h), `spec.tls[${i}].hosts[${j}]`)));
  });
  return errs;
}

/** The strategy of `ingresses.networking.k8s.io`. */
export const ingressStrategy: Strategy = {
  prepareForCreate: (obj) => prepareCreate(obj, { generation: true, initialStatus: () => ({ loadBalancer: {} }) }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate,
  validateUpdate: (obj) => validate(obj),
};
