/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field builds them. A validator returns
 * a list of these; the registry turns a non-empty list into a `422 Invalid` Status whose causes
 * are the errors, and whose message reads like kube-apiserver's:
 *   Pod "x" is invalid: [metadata.name: Invalid value: "X": a lowercase RFC 1123 …, spec.containers: Required value]
 */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path with indices, as upstream prints it: `spec.template.spec.containers[0].image`. */
  field: string;
  /** The detail after the type's prefix, e.g. `must be greater than or equal to 0`. */
  detail: string;
  /** The offending value, printed by `errorText` the way upstream prints it. */
  value?: unknown;
  /** For NotSupported: the supported values. */
  supported?: string[];
}

/** A value printed as given: Go's `%#v` of a type JSON cannot show (`[]byte{0x2d, …}`). */
export class GoValue {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

function quoteValue(v: unknown): string {
  if (v === undefined) return '';
  if (v instanceof GoValue) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** The text after `field: ` — `Invalid value: "X": detail`, `Required value`, … */
export function errorBody(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueRequired':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'FieldValueNotFound':
      return `Not found: ${quoteValue(e.value)}`;
    case 'FieldValueDuplicate':
      return `Duplicate value: ${quoteValue(e.value)}`;
    case 'FieldValueInvalid':
      return `Invalid value: ${quoteValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueNotSupported': {
      const sup = (e.supported ?? []).map((s) => JSON.stringify(s)).join(', ');
      return `Unsupported value: ${quoteValue(e.value)}${sup ? `: supported values: ${sup}` : ''}`;
    }
    case 'FieldValueForbidden':
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'FieldValueTooLong':
      return `Too long: ${e.detail}`;
    case 'FieldValueTooMany':
      return `Too many: ${e.detail}`;
    case 'FieldValueTypeInvalid':
      return `Invalid value: ${quoteValue(e.value)}: ${e.detail}`;
    default:
      return `Internal error: ${e.detail}`;
  }
}

/** `field: body`, the line upstream prints for one error. */
export function errorText(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, detail: '' });
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({ type: 'FieldValueNotSupported', field, value, supported, detail: '' });
export const tooLong = (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, detail: `may not be more than ${max} bytes` });
