/**
 * StatefulSets (apps/v1 SetDefaults_StatefulSet, ValidateStatefulSetSpec/Update,
 * pkg/registry/apps/statefulset/strategy.go). As upstream, the pod template's PodSpec is not
 * validated (only selector match, labels, restartPolicy Always); updates may change only
 * replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and
 * minReadySeconds.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, clone, deepEqual, ensureObj, isObj, nonNegative } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { validateLabels } from '../podspec/names';
import { SELECTOR_MISMATCH, selectorIsEmpty, selectorMatches, validateLabelSelector } from '../podspec/template';

/** The Forbidden detail of a StatefulSet update touching other spec fields. */
export const STS_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required('spec.podManagementPolicy', ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  if (!us.type) errs.push(required('spec.updateStrategy', ''));
  else if (us.type === 'OnDelete') {
    if (us.rollingUpdate != null) errs.push(invalid('spec.updateStrategy.rollingUpdate', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === 'RollingUpdate') {
    if (isObj(us.rollingUpdate)) errs.push(...nonNegative(us.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else errs.push(invalid('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  const rp = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(rp)) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (rp[f] !== 'Retain' && rp[f] !== 'Delete') errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, rp[f] ?? '', ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (isObj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  if (!isObj(spec.selector)) errs.push(required('spec.selector', ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (selectorIsEmpty(spec.selector)) errs.push(invalid('spec.selector', spec.selector, 'empty selector is invalid for statefulset'));
  }
  const tpl = isObj(spec.template) ? spec.template : {};
  const labels = tpl.metadata?.labels;
  if (!selectorIsEmpty(spec.selector) && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid('spec.template.metadata.labels', labels ?? null, SELECTOR_MISMATCH));
  }
  errs.push(...validateLabels(labels, 'spec.template.labels'));
  const ps = isObj(tpl.spec) ? tpl.spec : {};
  if (ps.restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', ps.restartPolicy ?? '', ['Always']));
  if (ps.activeDeadlineSeconds != null) errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return errs;
}

function validateUpdate(obj: Record<string, any>, old: Record<string, any>): FieldError[] {
  const errs = validate(obj);
  const mutable = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];
  const a = clone(isObj(obj.spec) ? obj.spec : {});
  const b = clone(isObj(old.spec) ? old.spec : {});
  for (const f of mutable) {
    delete a[f];
    delete b[f];
  }
  if (!deepEqual(a, b)) errs.push(forbidden('spec', STS_UPDATE_FORBIDDEN));
  return errs;
}

/** The strategy of `statefulsets.apps`. */
export const statefulSetStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    spec.podManagementPolicy ||= 'OrderedReady';
    const us = ensureObj(spec, 'updateStrategy');
    if (!us.type) {
      us.type = 'RollingUpdate';
      us.rollingUpdate ??= {};
    }
    if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) us.rollingUpdate.partition ??= 0;
    const rp = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
    rp.whenDeleted ||= 'Retain';
    rp.whenScaled ||= 'Retain';
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate(ensureObj(spec, 'template'));
    for (const pvc of arr(spec.volumeClaimTemplates)) {
      if (!isObj(pvc)) continue;
      pvc.apiVersion ??= 'v1';
      pvc.kind ??= 'PersistentVolumeClaim';
      const meta = ensureObj(pvc, 'metadata');
      if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
      ensureObj(pvc, 'spec').volumeMode ??= 'Filesystem';
      ensureObj(pvc, 'status').phase ||= 'Pending';
    }
  },
  prepareForCreate: (obj) => prepareCreate(obj, { generation: true, initialStatus: () => ({ replicas: 0, availableReplicas: 0 }) }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate,
  validateUpdate,
};
