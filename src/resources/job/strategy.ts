/**
 * Jobs (batch/v1 SetDefaults_Job, pkg/apis/batch/validation, pkg/registry/batch/job/strategy.go):
 * defaults, the generated selector and template labels on create, the template restartPolicy
 * rule (OnFailure or Never), and the immutable selector/template/completions on update.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { ensureObj, immutable, isObj, nonNegative, size } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { SELECTOR_MISMATCH, selectorIsEmpty, selectorMatches, validateLabelSelector, validatePodTemplateSpec } from '../podspec/template';

/** The label (and selector key) a Job's pods carry, with the Job's uid. */
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** The label with the Job's name. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** The JobSpec part of SetDefaults_Job (shared with nothing: CronJob templates are not defaulted so). */
function defaultJob(obj: Record<string, any>): void {
  const spec = ensureObj(obj, 'spec');
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const tplLabels = spec.template?.metadata?.labels;
  if (isObj(tplLabels) && size(obj.metadata?.labels) === 0) obj.metadata.labels = { ...tplLabels };
  spec.completionMode ||= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ||= isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of spec.podFailurePolicy.rules ?? []) for (const c of rule?.onPodConditions ?? []) if (isObj(c)) c.status ||= 'True';
  }
  defaultPodTemplate(ensureObj(spec, 'template'));
}

/** generateSelector: the uid selector and the labels the template must carry. */
function generateSelector(obj: Record<string, any>): void {
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const spec = ensureObj(obj, 'spec');
  const meta = ensureObj(ensureObj(spec, 'template'), 'metadata');
  const labels = (meta.labels = isObj(meta.labels) ? meta.labels : {});
  labels[CONTROLLER_UID_LABEL] ??= uid;
  labels[JOB_NAME_LABEL] ??= name;
  labels['controller-uid'] ??= uid;
  labels['job-name'] ??= name;
  spec.selector = { matchLabels: { [CONTROLLER_UID_LABEL]: uid } };
}

/** ValidateJobSpec, with the template rules of Jobs. `path` is `spec` or `spec.jobTemplate.spec`. */
export function validateJobSpec(spec: unknown, path: string, opts: { selectorRequired: boolean }): FieldError[] {
  if (!isObj(spec)) return [required(path, '')];
  const errs = [
    ...nonNegative(spec.parallelism, `${path}.parallelism`),
    ...nonNegative(spec.completions, `${path}.completions`),
    ...nonNegative(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`),
    ...nonNegative(spec.backoffLimit, `${path}.backoffLimit`),
    ...nonNegative(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`),
  ];
  if (spec.completionMode && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
    errs.push(notSupported(`${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  if (spec.completionMode === 'Indexed' && spec.completions == null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  const tpl = isObj(spec.template) ? spec.template : {};
  if (opts.selectorRequired) {
    if (!isObj(spec.selector)) errs.push(required(`${path}.selector`, ''));
    else errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
    const labels = tpl.metadata?.labels;
    if (isObj(spec.selector) && !selectorIsEmpty(spec.selector) && !selectorMatches(spec.selector, labels)) {
      errs.push(invalid(`${path}.template.metadata.labels`, labels ?? null, SELECTOR_MISMATCH));
    }
  }
  errs.push(...validatePodTemplateSpec(tpl, `${path}.template`));
  const rp = tpl.spec?.restartPolicy;
  if (rp === 'Always' || !rp) errs.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  return errs;
}

function validate(obj: Record<string, any>): FieldError[] {
  const errs = validateJobSpec(obj.spec, 'spec', { selectorRequired: true });
  if (obj.spec?.manualSelector !== true) {
    const uid = obj.metadata.uid ?? '';
    const labels = obj.spec?.template?.metadata?.labels ?? {};
    if (labels[CONTROLLER_UID_LABEL] !== uid) errs.push(required(`spec.template.metadata.labels[${CONTROLLER_UID_LABEL}]`, `must be '${uid}'`));
  }
  return errs;
}

function validateUpdate(obj: Record<string, any>, old: Record<string, any>): FieldError[] {
  const spec = obj.spec ?? {};
  const prev = old.spec ?? {};
  return [
    ...validateJobSpec(spec, 'spec', { selectorRequired: true }),
    ...immutable(spec.completions, prev.completions, 'spec.completions'),
    ...immutable(spec.selector, prev.selector, 'spec.selector'),
    ...immutable(spec.completionMode, prev.completionMode, 'spec.completionMode'),
    ...immutable(spec.podFailurePolicy, prev.podFailurePolicy, 'spec.podFailurePolicy'),
    ...immutable(spec.template, prev.template, 'spec.template'),
  ];
}

/** The strategy of `jobs.batch`. */
export const jobStrategy: Strategy = {
  defaults: defaultJob,
  prepareForCreate(obj) {
    prepareCreate(obj, { generation: true });
    if (obj.spec?.manualSelector !== true) generateSelector(obj);
    // Stored objects are defaulted again when read: the Job picks up its template's labels.
    const tplLabels = obj.spec?.template?.metadata?.labels;
    if (isObj(tplLabels) && size(obj.metadata.labels) === 0) obj.metadata.labels = { ...tplLabels };
  },
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate,
  validateUpdate,
};
