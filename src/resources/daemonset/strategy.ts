/**
 * DaemonSets (apps/v1 SetDefaults_DaemonSet, ValidateDaemonSetSpec,
 * pkg/registry/apps/daemonset/strategy.go): RollingUpdate maxUnavailable 1 maxSurge 0,
 * revisionHistoryLimit 10; the selector is immutable.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { ensureObj, immutable, isObj, nonNegative } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { SELECTOR_MISMATCH, selectorIsEmpty, selectorMatches, validateLabelSelector, validatePodTemplateSpec } from '../podspec/template';
import { validateIntOrPercent } from '../deployment/strategy';
import { jsonEqual } from '../../apiserver/registry/meta';

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const tpl = isObj(spec.template) ? spec.template : {};
  const labels = tpl.metadata?.labels;
  if (!selectorIsEmpty(spec.selector) && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid('spec.template.metadata.labels', labels ?? null, SELECTOR_MISMATCH));
  }
  if (isObj(spec.selector) && selectorIsEmpty(spec.selector)) errs.push(invalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(tpl, 'spec.template'));
  const ps = isObj(tpl.spec) ? tpl.spec : {};
  if (ps.restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', ps.restartPolicy ?? '', ['Always']));
  if (ps.activeDeadlineSeconds != null) errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'), ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const us = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  if (!us.type) errs.push(required('spec.updateStrategy', ''));
  else if (us.type !== 'RollingUpdate' && us.type !== 'OnDelete') errs.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']));
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) {
    const ru = us.rollingUpdate;
    const p = 'spec.updateStrategy.rollingUpdate';
    errs.push(...validateIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validateIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
    const zero = (v: unknown) => v === 0 || v === '0%' || v === undefined;
    if (zero(ru.maxUnavailable) && zero(ru.maxSurge)) errs.push(invalid(`${p}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** The annotation apps/v1 keeps the template generation in. */
export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** The strategy of `daemonsets.apps`. */
export const daemonSetStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    const us = ensureObj(spec, 'updateStrategy');
    us.type ||= 'RollingUpdate';
    if (us.type === 'RollingUpdate') {
      const ru = ensureObj(us, 'rollingUpdate');
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate(ensureObj(spec, 'template'));
  },
  prepareForCreate(obj) {
    prepareCreate(obj, { generation: true, initialStatus: () => ({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }) });
    const annotations = ensureObj(obj.metadata, 'annotations');
    if (!(Number(annotations[TEMPLATE_GENERATION]) >= 1)) annotations[TEMPLATE_GENERATION] = '1';
  },
  prepareForUpdate(obj, old) {
    prepareUpdate(obj, old, { generation: true });
    // spec.templateGeneration of the internal type, which apps/v1 carries as an annotation: it
    // counts template changes (the DaemonSet controller labels pods with it).
    const previous = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1') || 1;
    const changed = !jsonEqual(obj.spec?.template, old.spec?.template);
    ensureObj(obj.metadata, 'annotations')[TEMPLATE_GENERATION] = String(changed ? previous + 1 : previous);
  },
  validate,
  validateUpdate: (obj, old) => [...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector'), ...validate(obj)],
};
