/**
 * Pods (pkg/registry/core/pod/strategy.go): scheme defaults, the default admission plugins'
 * additions on create, status {phase: Pending, qosClass} for a new pod, and the restricted
 * update rules of ValidatePodUpdate.
 */
import type { KubeObject } from '../../apiserver/types';
import type { Strategy } from '../strategy';
import { clone, ensureObj } from '../podspec/common';
import { defaultPod } from '../podspec/defaults';
import { admitNewPod } from '../podspec/pod-admission';
import { validatePodSpecUpdate } from '../podspec/pod-update';
import { podQOSClass } from '../podspec/qos';
import { validatePodSpec } from '../podspec/validate-podspec';

/** The strategy of `pods`. */
export const podStrategy: Strategy = {
  defaults: (obj) => defaultPod(obj),
  prepareForCreate(obj) {
    admitNewPod(obj);
    defaultPod(obj); // the admission-added volume gets its defaults like any other
    obj.status = { phase: 'Pending', qosClass: podQOSClass(obj.spec) };
  },
  prepareForUpdate(obj: KubeObject, old: KubeObject) {
    obj.status = clone(old.status);
  },
  validate: (obj) => validatePodSpec(obj.spec, 'spec'),
  validateUpdate: (obj, old) => [...validatePodSpec(obj.spec, 'spec'), ...validatePodSpecUpdate(ensureObj(obj, 'spec'), ensureObj(old, 'spec'))],
};
