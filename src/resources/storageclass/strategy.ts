/**
 * StorageClasses (storage/v1 SetDefaults_StorageClass, ValidateStorageClass/Update):
 * reclaimPolicy Delete, volumeBindingMode Immediate; provisioner, parameters and
 * reclaimPolicy cannot be updated, volumeBindingMode is immutable.
 */
import { forbidden, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { deepEqual, immutable } from '../podspec/common';
import { asInvalid, qualifiedName } from '../podspec/names';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  if (!obj.provisioner) errs.push(required('provisioner', ''));
  else errs.push(...asInvalid('provisioner', obj.provisioner, qualifiedName(String(obj.provisioner).toLowerCase())));
  if (obj.reclaimPolicy && !['Delete', 'Retain'].includes(obj.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', obj.reclaimPolicy, ['Delete', 'Retain']));
  if (!obj.volumeBindingMode) errs.push(required('volumeBindingMode', ''));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(obj.volumeBindingMode)) {
    errs.push(notSupported('volumeBindingMode', obj.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

/** The strategy of `storageclasses.storage.k8s.io`. */
export const storageClassStrategy: Strategy = {
  defaults(obj) {
    obj.reclaimPolicy ||= 'Delete';
    obj.volumeBindingMode ||= 'Immediate';
  },
  validate,
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    if (!deepEqual(obj.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (obj.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
    return [...errs, ...validate(obj)];
  },
};
