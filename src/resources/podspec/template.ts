/**
 * Label selectors and pod templates of the workload controllers: ValidateLabelSelector
 * (metav1 validation), selector matching (labels.Selector), ValidatePodTemplateSpec and the
 * controller-template rules of pkg/apis/apps/validation (ValidatePodTemplateSpecForReplicaSet).
 */
import { selectorObjectMatches } from '../../apiserver/selectors/labels';
import { forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import { arr, isObj, size } from './common';
import { asInvalid, labelValue, qualifiedName, validateLabels } from './names';
import { validatePodSpec } from './validate-podspec';

/** `` `selector` does not match template `labels` `` */
export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** ValidateLabelSelector: matchLabels and each matchExpressions requirement. */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  arr(sel.matchExpressions).forEach((r: any, i) => {
    const ip = `${path}.matchExpressions[${i}]`;
    if (!isObj(r)) return;
    const values = arr(r.values);
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(`${ip}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${ip}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(`${ip}.operator`, r.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...asInvalid(`${ip}.key`, r.key ?? '', qualifiedName(String(r.key ?? ''))));
    values.forEach((v, j) => errs.push(...asInvalid(`${ip}.values[${j}]`, v, labelValue(String(v)))));
  });
  return errs;
}

/** True when a LabelSelector selects everything (`{}`); a missing selector selects nothing. */
export function selectorIsEmpty(sel: unknown): boolean {
  return isObj(sel) && size(sel.matchLabels) === 0 && arr(sel.matchExpressions).length === 0;
}

/** labels.Selector.Matches for a metav1.LabelSelector (null/undefined matches nothing). */
export function selectorMatches(sel: unknown, labels: Record<string, string> | undefined): boolean {
  return selectorObjectMatches(sel, labels);
}

/** ValidatePodTemplateSpec: template labels (at `<path>.labels`, as upstream) and its PodSpec. */
export function validatePodTemplateSpec(tpl: unknown, path: string): FieldError[] {
  if (!isObj(tpl)) return [required(path, '')];
  const meta = isObj(tpl.metadata) ? tpl.metadata : {};
  return [...validateLabels(meta.labels, `${path}.labels`), ...validatePodSpec(tpl.spec, `${path}.spec`, { template: true })];
}

/** Options of a controller template check. */
export interface ControllerTemplateCheck {
  /** The kind named in `activeDeadlineSeconds in <Kind> is not Supported`. */
  kind: string;
}

/**
 * ValidatePodTemplateSpecForReplicaSet (also used for Deployments, DaemonSets and
 * ReplicationControllers): selector matches labels, template valid, restartPolicy Always, no
 * activeDeadlineSeconds.
 */
export function validateControllerTemplate(tpl: unknown, selector: unknown, path: string, opts: ControllerTemplateCheck): FieldError[] {
  if (!isObj(tpl)) return [required(path, '')];
  const errs: FieldError[] = [];
  const labels = isObj(tpl.metadata) ? tpl.metadata.labels : undefined;
  if (!selectorIsEmpty(selector) && !selectorMatches(selector, labels)) {
    errs.push(invalid(`${path}.metadata.labels`, labels ?? null, SELECTOR_MISMATCH));
  }
  errs.push(...validatePodTemplateSpec(tpl, path));
  const spec = isObj(tpl.spec) ? tpl.spec : {};
  if (spec.restartPolicy !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, spec.restartPolicy ?? '', ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(invalid(`${path}.spec.activeDeadlineSeconds`, spec.activeDeadlineSeconds, `activeDeadlineSeconds in ${opts.kind} is not Supported`));
  }
  return errs;
}
