/**
 * ValidatePodSpec (pkg/apis/core/validation) for a defaulted spec: volumes, containers and init
 * containers, restart and DNS policies, tolerations, node selector, security context and the
 * scalar fields. Used by Pods and by every workload template.
 */
import { duplicate, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import { arr, inclusiveRange, isObj } from './common';
import { asInvalid, dns1123Label, dns1123Subdomain, labelValue, qualifiedName, validateLabels } from './names';
import { validateContainer } from './validate-container';
import { validateVolumes } from './validate-volumes';

/** validateRestartPolicy. */
export function validateRestartPolicy(policy: unknown, path: string): FieldError[] {
  if (policy === 'Always' || policy === 'OnFailure' || policy === 'Never') return [];
  if (!policy) return [required(path, '')];
  return [notSupported(path, policy, ['Always', 'OnFailure', 'Never'])];
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t: any, i) => {
    const ip = `${path}[${i}]`;
    if (!isObj(t)) return;
    if (t.key) errs.push(...asInvalid(`${ip}.key`, t.key, qualifiedName(t.key)));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(invalid(`${ip}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(`${ip}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (!t.operator || t.operator === 'Equal') {
      const msgs = labelValue(String(t.value ?? ''));
      if (msgs.length) errs.push(invalid(`${ip}.operator`, t.value, msgs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push(invalid(`${ip}.operator`, t, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${ip}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${ip}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

const ID_RANGE = inclusiveRange(0, 2147483647);

function validateSecurityContext(sc: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(sc)) return errs;
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const v = sc[f];
    if (typeof v === 'number' && (v < 0 || v > 2147483647)) errs.push(invalid(`${path}.${f}`, v, ID_RANGE));
  }
  arr(sc.supplementalGroups).forEach((g: any, i) => {
    if (typeof g === 'number' && (g < 0 || g > 2147483647)) errs.push(invalid(`${path}.supplementalGroups[${i}]`, g, ID_RANGE));
  });
  return errs;
}

/** Options of a PodSpec check. */
export interface PodSpecCheck {
  /** Ephemeral containers are only allowed on Pods (never in templates). */
  template?: boolean;
}

/** All errors of a PodSpec at `path` (`spec` for Pods, `spec.template.spec` for workloads). */
export function validatePodSpec(spec: unknown, path: string, opts: PodSpecCheck = {}): FieldError[] {
  if (!isObj(spec)) return [required(path, '')];
  const { errs, names: volumes } = validateVolumes(spec.volumes, `${path}.volumes`);
  const seen = new Set<string>();
  const containers = arr(spec.containers);
  if (containers.length === 0) errs.push(required(`${path}.containers`, ''));
  containers.forEach((c: any, i) => {
    const ip = `${path}.containers[${i}]`;
    if (!isObj(c)) return;
    errs.push(...validateContainer(c, ip, { volumes }));
    if (c.name && seen.has(c.name)) errs.push(duplicate(`${ip}.name`, c.name));
    seen.add(c.name);
  });
  arr(spec.initContainers).forEach((c: any, i) => {
    const ip = `${path}.initContainers[${i}]`;
    if (!isObj(c)) return;
    errs.push(...validateContainer(c, ip, { volumes, init: true }));
    if (c.name && seen.has(c.name)) errs.push(duplicate(`${ip}.name`, c.name));
    seen.add(c.name);
  });
  if (opts.template && arr(spec.ephemeralContainers).length) {
    errs.push({ type: 'FieldValueForbidden', field: `${path}.ephemeralContainers`, detail: 'ephemeral containers not allowed in pod template' });
  }
  errs.push(...validateRestartPolicy(spec.restartPolicy, `${path}.restartPolicy`));
  const dns = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
  if (!spec.dnsPolicy) errs.push(required(`${path}.dnsPolicy`, ''));
  else if (!dns.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, dns));
  if (spec.dnsPolicy === 'None' && !isObj(spec.dnsConfig)) {
    errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (spec.serviceAccountName) errs.push(...asInvalid(`${path}.serviceAccountName`, spec.serviceAccountName, dns1123Subdomain(spec.serviceAccountName)));
  if (spec.nodeName) errs.push(...asInvalid(`${path}.nodeName`, spec.nodeName, dns1123Subdomain(spec.nodeName)));
  if (spec.hostname) errs.push(...asInvalid(`${path}.hostname`, spec.hostname, dns1123Label(spec.hostname)));
  if (spec.subdomain) errs.push(...asInvalid(`${path}.subdomain`, spec.subdomain, dns1123Label(spec.subdomain)));
  if (spec.priorityClassName) errs.push(...asInvalid(`${path}.priorityClassName`, spec.priorityClassName, dns1123Subdomain(spec.priorityClassName)));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 4294967295)) errs.push(invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRange(1, 4294967295)));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errs.push(...validateSecurityContext(spec.securityContext, `${path}.securityContext`));
  if (isObj(spec.os) && !['linux', 'windows'].includes(spec.os.name)) errs.push(notSupported(`${path}.os.name`, spec.os.name, ['linux', 'windows']));
  if (spec.hostNetwork) {
    containers.forEach((c: any, i) =>
      arr(c?.ports).forEach((p: any, j) => {
        if (isObj(p) && p.hostPort && p.hostPort !== p.containerPort) {
          errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, p.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
        }
      }),
    );
  }
  return errs;
}
