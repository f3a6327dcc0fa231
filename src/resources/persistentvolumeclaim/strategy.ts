/**
 * PersistentVolumeClaims (SetDefaults_PersistentVolumeClaim(Spec),
 * ValidatePersistentVolumeClaim/Update, pkg/registry/core/persistentvolumeclaim/strategy.go):
 * volumeMode Filesystem, status.phase Pending; accessModes and a storage request required; the
 * spec is immutable except storage requests of bound claims, which may only grow.
 */
import { forbidden, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { clone, deepEqual, ensureObj, isObj } from '../podspec/common';
import { quantityValue } from '../podspec/quantity';
import { validateQuantity } from '../podspec/validate-resources';
import { validateAccessModes } from '../persistentvolume/strategy';

/** The Forbidden detail of a claim spec update (1.30, VolumeAttributesClass disabled). */
export const PVC_SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests for bound claims';

/** ValidatePersistentVolumeClaimSpec at `path` (also used by StatefulSet claim templates). */
export function validateClaimSpec(spec: unknown, path: string): FieldError[] {
  if (!isObj(spec)) return [required(path, '')];
  const errs = validateAccessModes(spec.accessModes, `${path}.accessModes`, 'at least 1 access mode is required');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(`${path}.resources[storage]`, ''));
  else {
    const e = validateQuantity('storage', storage, `${path}.resources[storage]`);
    if (e.length) errs.push(...e);
    else if ((quantityValue(storage) ?? 0) <= 0) errs.push({ type: 'FieldValueInvalid', field: `${path}.resources[storage]`, value: String(storage), detail: 'must be greater than zero' });
  }
  if (spec.volumeMode && !['Block', 'Filesystem'].includes(spec.volumeMode)) errs.push(notSupported(`${path}.volumeMode`, spec.volumeMode, ['Block', 'Filesystem']));
  return errs;
}

function validateUpdate(obj: Record<string, any>, old: Record<string, any>): FieldError[] {
  const errs = validateClaimSpec(obj.spec, 'spec');
  const a = clone(obj.spec ?? {});
  const b = clone(old.spec ?? {});
  const bound = old.status?.phase === 'Bound';
  // volumeName may be set once (binding); requests may change only on bound claims.
  if (!b.volumeName) delete a.volumeName, delete b.volumeName;
  if (bound) {
    if (isObj(a.resources)) a.resources = { ...a.resources, requests: undefined };
    if (isObj(b.resources)) b.resources = { ...b.resources, requests: undefined };
  }
  if (!deepEqual(a, b)) errs.push(forbidden('spec', PVC_SPEC_IMMUTABLE));
  const now = quantityValue(obj.spec?.resources?.requests?.storage);
  const was = quantityValue(old.spec?.resources?.requests?.storage);
  if (bound && now !== undefined && was !== undefined && now < was) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  return errs;
}

/** The strategy of `persistentvolumeclaims`. */
export const persistentVolumeClaimStrategy: Strategy = {
  defaults(obj) {
    ensureObj(obj, 'spec').volumeMode ??= 'Filesystem';
    ensureObj(obj, 'status').phase ||= 'Pending';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
  },
  validate: (obj) => validateClaimSpec(obj.spec, 'spec'),
  validateUpdate,
};
