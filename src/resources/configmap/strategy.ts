/**
 * ConfigMaps (ValidateConfigMap/Update, pkg/registry/core/configmap/strategy.go): keys are
 * config keys and not shared between data and binaryData, total size ≤ 1 MiB; once
 * `immutable: true`, data, binaryData and immutable itself cannot change.
 */
import { forbidden, invalid, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { deepEqual, isObj, key } from '../podspec/common';
import { configMapKey } from '../podspec/names';

/** core.MaxSecretSize: the most bytes data may hold. */
export const MAX_DATA_SIZE = 1024 * 1024;
/** The Forbidden detail of a change to an immutable ConfigMap or Secret. */
export const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

/** Key checks of data/binaryData maps shared by ConfigMaps and Secrets. */
export function validateKeys(map: unknown, path: string, other?: { map: unknown; name: string }): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(map)) return errs;
  for (const k of Object.keys(map)) {
    for (const m of configMapKey(k)) errs.push(invalid(key(path, k), k, m));
    if (other && isObj(other.map) && k in other.map) errs.push(invalid(key(path, k), k, `duplicate of key present in ${other.name}`));
  }
  return errs;
}

function byteLength(s: unknown): number {
  return typeof s === 'string' ? new TextEncoder().encode(s).length : 0;
}

function validate(obj: Record<string, any>): FieldError[] {
  const errs = [
    ...validateKeys(obj.data, 'data', { map: obj.binaryData, name: 'binaryData' }),
    ...validateKeys(obj.binaryData, 'binaryData', { map: obj.data, name: 'data' }),
  ];
  let total = 0;
  for (const v of Object.values(isObj(obj.data) ? obj.data : {})) total += byteLength(v);
  for (const v of Object.values(isObj(obj.binaryData) ? obj.binaryData : {})) total += Math.floor((byteLength(v) * 3) / 4);
  if (total > MAX_DATA_SIZE) errs.push({ type: 'FieldValueTooLong', field: '', detail: `must have at most ${MAX_DATA_SIZE} bytes` });
  return errs;
}

/** The immutable-object rule shared by ConfigMaps and Secrets. */
export function validateImmutableUpdate(obj: Record<string, any>, old: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable !== true) return errs;
  if (obj.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_SET));
  if (!deepEqual(obj.data, old.data)) errs.push(forbidden('data', IMMUTABLE_SET));
  if (!deepEqual(obj.binaryData, old.binaryData)) errs.push(forbidden('binaryData', IMMUTABLE_SET));
  return errs;
}

/** The strategy of `configmaps`. */
export const configMapStrategy: Strategy = {
  validate,
  validateUpdate: (obj, old) => [...validateImmutableUpdate(obj, old), ...validate(obj)],
};
