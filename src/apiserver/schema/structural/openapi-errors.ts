/**
 * The errors of kube-openapi's validator (k8s.io/kube-openapi/pkg/validation/errors) with their
 * messages, and their translation into field errors as apiextensions-apiserver's
 * kubeOpenAPIResultToFieldErrors does it:
 *   spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
 * Names are the validator's dotted paths (`spec.items[0].name`; a leading dot is dropped when the
 * error becomes a field error); `in` is always `body`.
 */
import type { FieldError } from '../../field-errors';
import { goFormat, goNumber } from './types';

export type OpenAPIErrorCode =
  | 'type' | 'required' | 'tooLong' | 'tooShort' | 'pattern' | 'enum' | 'multipleOf' | 'max' | 'min'
  | 'unique' | 'maxItems' | 'minItems' | 'tooFewProperties' | 'tooManyProperties' | 'notAllowed' | 'positive'
  /** Not a validation error of a field: a composite message (`"spec" must validate …`) or a range check. */
  | 'plain';

export interface OpenAPIError {
  code: OpenAPIErrorCode;
  /** The validator's path of the value (`spec.replicas`); empty for plain errors. */
  name: string;
  message: string;
  value?: unknown;
  /** The bound an error reports (maxLength, maxItems, maxProperties). */
  valid?: number;
  /** The allowed values of an enum. */
  values?: unknown[];
}

const IN = 'body';
const msg = (name: string, rest: string) => `${name} in ${IN} ${rest}`;

export const typeError = (name: string, typeName: string, value: string): OpenAPIError =>
  ({ code: 'type', name, value, message: msg(name, `must be of type ${typeName}: ${JSON.stringify(value)}`) });
export const requiredError = (name: string): OpenAPIError => ({ code: 'required', name, message: msg(name, 'is required') });
export const tooLongError = (name: string, max: number, value: string): OpenAPIError =>
  ({ code: 'tooLong', name, value, valid: max, message: msg(name, `should be at most ${max} chars long`) });
export const tooShortError = (name: string, min: number, value: string): OpenAPIError =>
  ({ code: 'tooShort', name, value, valid: min, message: msg(name, `should be at least ${min} chars long`) });
export const patternError = (name: string, pattern: string, value: string): OpenAPIError =>
  ({ code: 'pattern', name, value, message: msg(name, `should match '${pattern}'`) });
export const enumError = (name: string, value: unknown, values: unknown[]): OpenAPIError =>
  ({ code: 'enum', name, value, values, message: msg(name, `should be one of ${goFormat(values)}`) });
export const multipleOfError = (name: string, factor: number, value: number): OpenAPIError =>
  ({ code: 'multipleOf', name, value, message: msg(name, `should be a multiple of ${goNumber(factor)}`) });
export const positiveError = (name: string, factor: number): OpenAPIError =>
  ({ code: 'positive', name, value: factor, message: `factor MultipleOf declared for ${name} must be positive: ${goNumber(factor)}` });
export const maximumError = (name: string, max: number, exclusive: boolean, value: number): OpenAPIError =>
  ({ code: 'max', name, value, message: msg(name, `should be less than ${exclusive ? '' : 'or equal to '}${goNumber(max)}`) });
export const minimumError = (name: string, min: number, exclusive: boolean, value: number): OpenAPIError =>
  ({ code: 'min', name, value, message: msg(name, `should be greater than ${exclusive ? '' : 'or equal to '}${goNumber(min)}`) });
export const duplicateItemsError = (name: string): OpenAPIError => ({ code: 'unique', name, message: msg(name, "shouldn't contain duplicates") });
export const tooManyItemsError = (name: string, max: number, size: number): OpenAPIError =>
  ({ code: 'maxItems', name, value: size, valid: max, message: msg(name, `should have at most ${max} items`) });
export const tooFewItemsError = (name: string, min: number, size: number): OpenAPIError =>
  ({ code: 'minItems', name, value: size, valid: min, message: msg(name, `should have at least ${min} items`) });
export const tooFewPropertiesError = (name: string, min: number, size: number): OpenAPIError =>
  ({ code: 'tooFewProperties', name, value: size, valid: min, message: msg(name, `should have at least ${min} properties`) });
export const tooManyPropertiesError = (name: string, max: number, size: number): OpenAPIError =>
  ({ code: 'tooManyProperties', name, value: size, valid: max, message: msg(name, `should have at most ${max} properties`) });
export const notAllowedError = (name: string, k: string): OpenAPIError =>
  ({ code: 'notAllowed', name, value: k, message: `${name}.${k} in ${IN} is a forbidden property` });
export const plainError = (message: string): OpenAPIError => ({ code: 'plain', name: '', message });

/** Field path of the error: the caller's path (`status`, `…default`) joined with the validator's. */
function errorPath(fldPath: string, name: string): string {
  const rel = name === '.' ? '' : name.replace(/^\./, '');
  if (!rel) return fldPath || '<nil>';
  return fldPath ? `${fldPath}.${rel}` : rel;
}

/**
 * kubeOpenAPIResultToFieldErrors: required → Required, enum → NotSupported, maxLength → TooLong,
 * maxItems/maxProperties → TooMany, type → TypeInvalid, every other validation error → Invalid
 * with the validator's message as detail, and plain errors → Invalid at the caller's path
 * (`<nil>` at the root: `<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid`).
 */
export function toFieldErrors(fldPath: string, errors: readonly OpenAPIError[]): FieldError[] {
  return errors.map((e): FieldError => {
    if (e.code === 'plain') return { type: 'FieldValueInvalid', field: fldPath || '<nil>', value: '', detail: e.message };
    const field = errorPath(fldPath, e.name);
    switch (e.code) {
      case 'required':
        return { type: 'FieldValueRequired', field, detail: '' };
      case 'enum':
        return {
          type: 'FieldValueNotSupported', field, value: e.value, detail: '',
          supported: (e.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
        };
      case 'tooLong':
        return { type: 'FieldValueTooLong', field, detail: `may not be more than ${e.valid} ${e.valid === 1 ? 'byte' : 'bytes'}` };
      case 'maxItems':
      case 'tooManyProperties':
        return { type: 'FieldValueTooMany', field, detail: `${e.value}: must have at most ${e.valid} ${e.valid === 1 ? 'item' : 'items'}` };
      case 'type':
        return { type: 'FieldValueTypeInvalid', field, value: e.value ?? '', detail: e.message };
      default:
        return { type: 'FieldValueInvalid', field, value: e.value ?? '', detail: e.message };
    }
  });
}
