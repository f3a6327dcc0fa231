/**
 * Validation of one container (validateContainerCommon and friends in
 * pkg/apis/core/validation): name, image, pull/termination policies, ports, env, volume mounts,
 * probes and resources. Paths are built from `path`, e.g. `spec.containers[0]`.
 */
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import { arr, isObj, nonNegative } from './common';
import { asInvalid, configMapKey, dns1123Label, dns1123Subdomain, envVarName, portName, portNum } from './names';
import { validateResourceRequirements } from './validate-resources';

/** field.NotFound, which field-errors has no helper for. */
export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, value, detail: '' };
}

/** validatePortNumOrName: an int port in range or an IANA port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return asInvalid(path, port, portNum(port));
  if (typeof port === 'string') return asInvalid(path, port, portName(port));
  return [];
}

function validateHandler(h: Record<string, any>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']) {
    const v = h[kind];
    if (v === undefined || v === null) continue;
    if (n > 0) {
      errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = `${path}.${kind}`;
    if (kind === 'exec' && arr(v?.command).length === 0) errs.push(required(`${p}.command`, ''));
    if (kind === 'httpGet') {
      errs.push(...validatePortNumOrName(v?.port, `${p}.port`));
      if (v?.scheme && !['HTTP', 'HTTPS'].includes(v.scheme)) errs.push(notSupported(`${p}.scheme`, v.scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(v?.port, `${p}.port`));
    if (kind === 'grpc') errs.push(...asInvalid(`${p}.port`, v?.port, portNum(Number(v?.port))));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

/** validateProbe: one handler and non-negative timings. */
export function validateProbe(probe: unknown, path: string): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[f], `${path}.${f}`));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  return errs;
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((p: any, i) => {
    const ip = `${path}[${i}]`;
    if (!isObj(p)) return;
    if (p.name) {
      const msgs = portName(p.name);
      if (msgs.length) errs.push(...asInvalid(`${ip}.name`, p.name, msgs));
      else if (names.has(p.name)) errs.push(duplicate(`${ip}.name`, p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${ip}.containerPort`, ''));
    else errs.push(...asInvalid(`${ip}.containerPort`, p.containerPort, portNum(p.containerPort)));
    if (p.hostPort) errs.push(...asInvalid(`${ip}.hostPort`, p.hostPort, portNum(p.hostPort)));
    if (!p.protocol) errs.push(required(`${ip}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${ip}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function validateKeyRef(ref: Record<string, any>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.name) errs.push(required(`${path}.name`, ''));
  else errs.push(...asInvalid(`${path}.name`, ref.name, dns1123Subdomain(ref.name)));
  if (!ref.key) errs.push(required(`${path}.key`, ''));
  else errs.push(...asInvalid(`${path}.key`, ref.key, configMapKey(ref.key)));
  return errs;
}

/** ValidateEnv and the envFrom checks. */
function validateEnv(c: Record<string, any>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(c.env).forEach((e: any, i) => {
    const ip = `${path}.env[${i}]`;
    if (!isObj(e)) return;
    if (!e.name) errs.push(required(`${ip}.name`, ''));
    else errs.push(...asInvalid(`${ip}.name`, e.name, envVarName(e.name)));
    if (!isObj(e.valueFrom)) return;
    const vp = `${ip}.valueFrom`;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => isObj(e.valueFrom[k]));
    if (isObj(e.valueFrom.fieldRef) && !e.valueFrom.fieldRef.fieldPath) errs.push(required(`${vp}.fieldRef.fieldPath`, ''));
    if (isObj(e.valueFrom.resourceFieldRef) && !e.valueFrom.resourceFieldRef.resource) errs.push(required(`${vp}.resourceFieldRef.resource`, ''));
    if (isObj(e.valueFrom.configMapKeyRef)) errs.push(...validateKeyRef(e.valueFrom.configMapKeyRef, `${vp}.configMapKeyRef`));
    if (isObj(e.valueFrom.secretKeyRef)) errs.push(...validateKeyRef(e.valueFrom.secretKeyRef, `${vp}.secretKeyRef`));
    if (sources.length === 0) errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (e.value) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (sources.length > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
  });
  arr(c.envFrom).forEach((e: any, i) => {
    const ip = `${path}.envFrom[${i}]`;
    if (!isObj(e)) return;
    if (e.prefix) errs.push(...asInvalid(`${ip}.prefix`, e.prefix, envVarName(e.prefix)));
    const refs = ['configMapRef', 'secretRef'].filter((k) => isObj(e[k]));
    for (const r of refs) {
      if (!e[r].name) errs.push(required(`${ip}.${r}.name`, ''));
      else errs.push(...asInvalid(`${ip}.${r}.name`, e[r].name, dns1123Subdomain(e[r].name)));
    }
    if (refs.length === 0) errs.push(invalid(ip, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errs.push(invalid(ip, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(c: Record<string, any>, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(c.volumeMounts).forEach((m: any, i) => {
    const ip = `${path}.volumeMounts[${i}]`;
    if (!isObj(m)) return;
    if (!m.name) errs.push(required(`${ip}.name`, ''));
    if (!volumes.has(m.name)) errs.push(notFound(`${ip}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(required(`${ip}.mountPath`, ''));
    if (seen.has(m.mountPath)) errs.push(invalid(`${ip}.mountPath`, m.mountPath, 'must be unique'));
    seen.add(m.mountPath);
    if (typeof m.subPath === 'string' && m.subPath) {
      if (m.subPath.startsWith('/')) errs.push(invalid(`${path}.volumeMounts.subPath`, m.subPath, 'must be a relative path'));
      else if (m.subPath.split('/').includes('..')) errs.push(invalid(`${path}.volumeMounts.subPath`, m.subPath, "must not contain '..'"));
    }
  });
  return errs;
}

/** Options of one container's check. */
export interface ContainerCheck {
  /** The names of the pod's volumes, for volumeMounts. */
  volumes: Set<string>;
  /** Init containers may not have probes unless they are sidecars (restartPolicy Always). */
  init?: boolean;
}

/** validateContainerCommon plus the per-role probe rules. */
export function validateContainer(c: Record<string, any>, path: string, opts: ContainerCheck): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`, ''));
  else errs.push(...asInvalid(`${path}.name`, c.name, dns1123Label(c.name)));
  if (!c.image) errs.push(required(`${path}.image`, ''));
  else if (typeof c.image === 'string' && c.image.trim() !== c.image) {
    errs.push(invalid(`${path}.image`, c.image, 'must not have leading or trailing whitespace'));
  }
  if (!c.imagePullPolicy) errs.push(required(`${path}.imagePullPolicy`, ''));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  if (!c.terminationMessagePolicy) errs.push(required(`${path}.terminationMessagePolicy`, ''));
  else if (!['FallbackToLogsOnError', 'File'].includes(c.terminationMessagePolicy)) {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c, path));
  errs.push(...validateVolumeMounts(c, opts.volumes, path));
  const sidecar = c.restartPolicy === 'Always';
  if (c.restartPolicy !== undefined && (!opts.init || c.restartPolicy !== 'Always')) {
    errs.push(opts.init ? notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always']) : forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (!isObj(c[probe])) continue;
    if (opts.init && !sidecar) {
      errs.push(forbidden(`${path}.${probe}`, 'may not be set for init containers without restartPolicy=Always'));
      continue;
    }
    errs.push(...validateProbe(c[probe], `${path}.${probe}`));
    if (probe !== 'readinessProbe' && c[probe].successThreshold !== undefined && c[probe].successThreshold !== 1) {
      errs.push(invalid(`${path}.${probe}.successThreshold`, c[probe].successThreshold, 'must be 1'));
    }
  }
  if (opts.init && !sidecar && isObj(c.lifecycle)) errs.push(forbidden(`${path}.lifecycle`, 'may not be set for init containers without restartPolicy=Always'));
  errs.push(...validateResourceRequirements(c.resources, `${path}.resources`));
  return errs;
}
