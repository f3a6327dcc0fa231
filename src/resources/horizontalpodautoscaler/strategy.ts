/**
 * HorizontalPodAutoscalers, stored as autoscaling/v2 (SetDefaults_HorizontalPodAutoscaler and
 * _Behavior, ValidateHorizontalPodAutoscaler, pkg/registry/autoscaling/horizontalpodautoscaler):
 * minReplicas 1, a CPU 80% metric when none is given, behavior rules filled when present.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, ensureObj, isObj } from '../podspec/common';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';

/** GenerateHPAScaleUpRules: the defaults of behavior.scaleUp, keeping what is set. */
function scaleUpRules(r: Record<string, any> | undefined): Record<string, any> {
  const out = isObj(r) ? r : {};
  out.stabilizationWindowSeconds ??= 0;
  out.selectPolicy ||= 'Max';
  if (out.policies == null) {
    out.policies = [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ];
  }
  return out;
}

/** GenerateHPAScaleDownRules. */
function scaleDownRules(r: Record<string, any> | undefined): Record<string, any> {
  const out = isObj(r) ? r : {};
  out.stabilizationWindowSeconds ??= 300;
  out.selectPolicy ||= 'Max';
  if (out.policies == null) out.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return out;
}

function validateRules(r: unknown, path: string): FieldError[] {
  if (!isObj(r)) return [];
  const errs: FieldError[] = [];
  const w = r.stabilizationWindowSeconds;
  if (typeof w === 'number' && (w < 0 || w > 3600)) errs.push(invalid(`${path}.stabilizationWindowSeconds`, w, w < 0 ? 'must be greater than or equal to zero' : 'must be less than or equal to 3600'));
  if (r.selectPolicy && !['Disabled', 'Max', 'Min'].includes(r.selectPolicy)) errs.push(notSupported(`${path}.selectPolicy`, r.selectPolicy, ['Disabled', 'Max', 'Min']));
  const policies = arr(r.policies);
  if (policies.length === 0) errs.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p: any, i) => {
    const pp = `${path}.policies[${i}]`;
    if (!['Percent', 'Pods'].includes(p?.type)) errs.push(notSupported(`${pp}.type`, p?.type ?? '', ['Percent', 'Pods']));
    if (!(p?.value > 0)) errs.push(invalid(`${pp}.value`, p?.value ?? 0, 'must be greater than zero'));
    if (!(p?.periodSeconds > 0) || p.periodSeconds > 1800) {
      errs.push(invalid(`${pp}.periodSeconds`, p?.periodSeconds ?? 0, p?.periodSeconds > 1800 ? 'must be less than or equal to 1800' : 'must be greater than zero'));
    }
  });
  return errs;
}

function validateTarget(t: unknown, path: string): FieldError[] {
  if (!isObj(t)) return [required(path, 'must specify a metric target')];
  const errs: FieldError[] = [];
  if (!t.type) errs.push(required(`${path}.type`, 'must specify a metric target type'));
  else if (!['AverageValue', 'Utilization', 'Value'].includes(t.type)) errs.push(notSupported(`${path}.type`, t.type, ['AverageValue', 'Utilization', 'Value']));
  if (t.averageUtilization != null && t.averageUtilization < 1) errs.push(invalid(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  return errs;
}

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const ref = isObj(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind', ''));
  if (!ref.name) errs.push(required('spec.scaleTargetRef.name', ''));
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  if (!(spec.maxReplicas >= 1)) errs.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  if (spec.minReplicas != null && spec.maxReplicas < spec.minReplicas) errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  arr(spec.metrics).forEach((m: any, i) => {
    const p = `spec.metrics[${i}]`;
    const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
    if (!m?.type) return errs.push(required(`${p}.type`, 'must specify a metric source type'));
    if (!types.includes(m.type)) return errs.push(notSupported(`${p}.type`, m.type, types));
    const src = m[m.type.charAt(0).toLowerCase() + m.type.slice(1)];
    const sp = `${p}.${m.type.charAt(0).toLowerCase() + m.type.slice(1)}`;
    if (!isObj(src)) return errs.push(required(sp, `must populate information for the given metric source`));
    if ((m.type === 'Resource' || m.type === 'ContainerResource') && !src.name) errs.push(required(`${sp}.name`, 'must specify a resource name'));
    errs.push(...validateTarget(src.target, `${sp}.target`));
    return undefined;
  });
  if (isObj(spec.behavior)) {
    errs.push(...validateRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'), ...validateRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}

/** The strategy of `horizontalpodautoscalers.autoscaling` (v2 shape). */
export const horizontalPodAutoscalerStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    spec.minReplicas ??= 1;
    if (arr(spec.metrics).length === 0) {
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    }
    if (isObj(spec.behavior)) {
      spec.behavior.scaleUp = scaleUpRules(spec.behavior.scaleUp);
      spec.behavior.scaleDown = scaleDownRules(spec.behavior.scaleDown);
    }
  },
  prepareForCreate: (obj) => prepareCreate(obj, { initialStatus: () => ({ desiredReplicas: 0 }) }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old),
  validate,
  validateUpdate: (obj) => validate(obj),
};
