/**
 * PodTemplates (pkg/registry/core/podtemplate/strategy.go, ValidatePodTemplate): the template
 * gets PodSpec defaults and is validated as any pod template; generation tracks template changes.
 */
import type { Strategy } from '../strategy';
import { deepEqual, ensureObj } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { validatePodTemplateSpec } from '../podspec/template';

/** The strategy of `podtemplates`. */
export const podTemplateStrategy: Strategy = {
  defaults: (obj) => defaultPodTemplate(ensureObj(obj, 'template')),
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    const gen = old.metadata.generation ?? 0;
    obj.metadata.generation = deepEqual(obj.template, old.template) ? gen : gen + 1;
  },
  validate: (obj) => validatePodTemplateSpec(obj.template, 'template'),
  validateUpdate: (obj) => validatePodTemplateSpec(obj.template, 'template'),
};
