/**
 * Deployments (apps/v1 SetDefaults_Deployment, apps validation ValidateDeployment,
 * pkg/registry/apps/deployment/strategy.go): replicas 1, RollingUpdate 25%/25%,
 * revisionHistoryLimit 10, progressDeadlineSeconds 600; the selector is immutable.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { ensureObj, immutable, isObj, nonNegative } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { validateControllerTemplate, validateLabelSelector, selectorIsEmpty } from '../podspec/template';

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent for maxSurge/maxUnavailable. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [invalid(path, v, PERCENT_MSG)];
    if (parseInt(v, 10) > 100) return [invalid(path, v, 'must not be greater than 100%')];
    return [];
  }
  return typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}

/** The value of an int-or-percent, 0 for "0%". */
function isZero(v: unknown): boolean {
  return v === 0 || v === '0%' || v === undefined;
}

/** ValidateRollingUpdateDeployment. */
export function validateRollingUpdate(ru: Record<string, any>, path: string): FieldError[] {
  const errs = [...validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`), ...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`)];
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    errs.push(invalid(`${path}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** The selector checks shared by Deployments and ReplicaSets. */
export function validateReplicaSelector(spec: Record<string, any>, kindWord: string): FieldError[] {
  if (!isObj(spec.selector)) return [required('spec.selector', '')];
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  if (selectorIsEmpty(spec.selector)) errs.push(invalid('spec.selector', spec.selector, `empty selector is invalid for ${kindWord}`));
  return errs;
}

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs = [...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  errs.push(...validateReplicaSelector(spec, 'deployment'));
  errs.push(...validateControllerTemplate(spec.template, spec.selector, 'spec.template', { kind: 'ReplicaSet' }));
  const st = isObj(spec.strategy) ? spec.strategy : {};
  if (!st.type) errs.push(required('spec.strategy.type', ''));
  else if (!['Recreate', 'RollingUpdate'].includes(st.type)) errs.push(notSupported('spec.strategy.type', st.type, ['Recreate', 'RollingUpdate']));
  if (st.type === 'Recreate' && st.rollingUpdate != null) {
    errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  }
  if (st.type === 'RollingUpdate' && isObj(st.rollingUpdate)) errs.push(...validateRollingUpdate(st.rollingUpdate, 'spec.strategy.rollingUpdate'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** The strategy of `deployments.apps`. */
export const deploymentStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    spec.replicas ??= 1;
    const st = ensureObj(spec, 'strategy');
    st.type ||= 'RollingUpdate';
    if (st.type === 'RollingUpdate') {
      const ru = ensureObj(st, 'rollingUpdate');
      ru.maxUnavailable ??= '25%';
      ru.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultPodTemplate(ensureObj(spec, 'template'));
  },
  prepareForCreate: (obj) => prepareCreate(obj, { generation: true }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true, annotationsBumpGeneration: true }),
  validate,
  validateUpdate: (obj, old) => [...validate(obj), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector')],
};
