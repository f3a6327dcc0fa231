/**
 * ReplicaSets (apps/v1 SetDefaults_ReplicaSet, ValidateReplicaSet,
 * pkg/registry/apps/replicaset/strategy.go): replicas 1; selector required and immutable.
 */
import type { FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { ensureObj, immutable, isObj, nonNegative } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { validateControllerTemplate } from '../podspec/template';
import { validateReplicaSelector } from '../deployment/strategy';

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  return [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateReplicaSelector(spec, 'deployment'),
    ...validateControllerTemplate(spec.template, spec.selector, 'spec.template', { kind: 'ReplicaSet' }),
  ];
}

/** The strategy of `replicasets.apps`. */
export const replicaSetStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    spec.replicas ??= 1;
    defaultPodTemplate(ensureObj(spec, 'template'));
  },
  prepareForCreate: (obj) => prepareCreate(obj, { generation: true, initialStatus: () => ({ replicas: 0 }) }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate,
  validateUpdate: (obj, old) => [...validate(obj), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector')],
};
