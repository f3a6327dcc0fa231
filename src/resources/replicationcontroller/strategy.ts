/**
 * ReplicationControllers (core/v1 SetDefaults_ReplicationController, ValidateReplicationController):
 * selector and labels default to the template's labels, replicas 1; the selector is a plain map.
 */
import { required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { ensureObj, isObj, nonNegative, size } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { validateLabels } from '../podspec/names';
import { validateControllerTemplate } from '../podspec/template';

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs = [...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  if (size(spec.selector) === 0) errs.push(required('spec.selector', ''));
  else errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!isObj(spec.template)) return [...errs, required('spec.template', '')];
  // A map selector; an empty one selects everything, so only a non-empty one must match.
  const selector = { matchLabels: isObj(spec.selector) ? spec.selector : {} };
  return [...errs, ...validateControllerTemplate(spec.template, selector, 'spec.template', { kind: 'ReplicationController' })];
}

/** The strategy of `replicationcontrollers`. */
export const replicationControllerStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    const labels = spec.template?.metadata?.labels;
    if (isObj(labels)) {
      if (size(spec.selector) === 0) spec.selector = { ...labels };
      if (size(obj.metadata.labels) === 0) obj.metadata.labels = { ...labels };
    }
    spec.replicas ??= 1;
    if (isObj(spec.template)) defaultPodTemplate(spec.template);
  },
  prepareForCreate: (obj) => prepareCreate(obj, { generation: true, initialStatus: () => ({ replicas: 0 }) }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate,
  validateUpdate: (obj) => validate(obj),
};
