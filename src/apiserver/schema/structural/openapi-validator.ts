/**
 * OpenAPI v3 validation of a JSON value against a CRD schema, as kube-openapi's SchemaValidator
 * (k8s.io/kube-openapi/pkg/validation/validate) runs it for kube-apiserver: per schema node the
 * type, allOf/anyOf/oneOf/not, string, format, number, list, enum and object checks, each
 * where it applies to the value's kind, every error worded as upstream and reported once.
 * `x-kubernetes-int-or-string` is the type list [integer, string]; formats kube-apiserver does
 * not know are ignored.
 */
import { effectiveFormat, isKnownStringFormat, matchesFormat } from './formats';
import * as E from './openapi-errors';
import { checkNumber } from './openapi-numbers';
import { oldItem, oldMember, unchanged, type Old } from './correlation';
import { compilePattern } from './re2';
import { Result, single } from './result';
import { additionalSchema, itemsSchema, jsonEqual, type JSONSchemaProps } from './types';

type Kind = 'null' | 'boolean' | 'string' | 'integer' | 'number' | 'array' | 'object';

/** The JSON kind of a value; integral numbers are integers, as Go's decoder makes them int64. */
function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v as Kind;
}

/** The schema's type list as kube-openapi sees it. */
function typesOf(s: JSONSchemaProps): string[] {
  if (s['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

/**
 * Validate `data` against schema node `s`; `path` is the validator's name of the value ('' at
 * the root). With `old` (an update), a node whose value is unchanged from its correlated old
 * value reports nothing: kube-apiserver's validation ratcheting (CRDValidationRatcheting, on in
 * 1.33), so objects stored before a schema tightened can still be updated elsewhere.
 */
export function validateValue(s: JSONSchemaProps, data: unknown, path: string, old?: Old): Result {
  const result = validateNode(s, data, path, old);
  if (!result.valid && unchanged(data, old)) {
    const ratcheted = new Result();
    ratcheted.matchCount = result.matchCount;
    return ratcheted;
  }
  return result;
}

function validateNode(s: JSONSchemaProps, data: unknown, path: string, old: Old | undefined): Result {
  const result = new Result();
  const types = typesOf(s);
  const format = effectiveFormat(s);
  const kind = kindOf(data);
  const typeApplies = types.length > 0 || format !== '';
  if (kind === 'null') {
    if (typeApplies) result.merge(checkType(types, format, s.nullable === true, data, kind, path));
    result.merge(checkEnum(s, data, path));
    return result;
  }
  if (typeApplies) result.merge(checkType(types, format, s.nullable === true, data, kind, path)).matchCount++;
  result.merge(checkJunctors(s, data, path)).matchCount++;
  if (kind === 'string') {
    result.merge(checkString(s, data as string, path)).matchCount++;
    if (isKnownStringFormat(format)) result.merge(checkFormat(format, data as string, path)).matchCount++;
  }
  if (kind === 'integer' || kind === 'number') result.merge(checkNumber(s, types, format, data as number, path)).matchCount++;
  if (kind === 'array') result.merge(checkArray(s, data as unknown[], path, old)).matchCount++;
  result.merge(checkEnum(s, data, path)).matchCount++;
  if (kind === 'object') result.merge(checkObject(s, data as Record<string, unknown>, path, old)).matchCount++;
  result.matchCount++;
  return result;
}

function checkType(types: string[], format: string, nullable: boolean, data: unknown, kind: Kind, path: string): Result {
  const ok = new Result();
  ok.matchCount++;
  if (kind === 'null') {
    if (types.length > 0 && !types.includes('null') && !nullable) return single(E.typeError(path, types.join(','), 'null'));
    return ok;
  }
  // Go's decoded kinds: int64 numbers ("integer", format int64), float64 ("number", float64).
  const schType = kind;
  const valueFormat = kind === 'integer' ? 'int64' : kind === 'number' ? 'float64' : '';
  const isFloatInt = schType === 'number' && Number.isInteger(data) && types.includes('integer');
  const isIntFloat = schType === 'integer' && types.includes('number');
  const stringOrSlice = kind === 'string' || kind === 'array';
  if (!stringOrSlice && format !== '' && !(types.includes(schType) || valueFormat === format || isFloatInt || isIntFloat)) {
    return single(E.typeError(path, format, valueFormat));
  }
  if (!(types.includes('number') || types.includes('integer')) && format !== '' && stringOrSlice) return ok;
  if (!(types.includes(schType) || isFloatInt || isIntFloat)) return single(E.typeError(path, types.join(','), schType));
  return ok;
}

function checkJunctors(s: JSONSchemaProps, data: unknown, path: string): Result {
  const main = new Result();
  if (s.anyOf?.length) {
    let best: Result | undefined;
    let first: Result | undefined;
    let succeeded = false;
    for (const sub of s.anyOf) {
      const r = validateValue(sub, data, path);
      if (r.valid) {
        best = undefined;
        succeeded = true;
        first ??= r;
        break;
      }
      if (!best || r.matchCount > best.matchCount) best = r;
    }
    if (!succeeded) main.add(E.plainError(`${JSON.stringify(path)} must validate at least one schema (anyOf)`));
    main.merge(best ?? first);
  }
  if (s.oneOf?.length) {
    let best: Result | undefined;
    let first: Result | undefined;
    let validated = 0;
    for (const sub of s.oneOf) {
      const r = validateValue(sub, data, path);
      if (r.valid) {
        validated++;
        best = undefined;
        first ??= r;
        continue;
      }
      if (validated === 0 && (!best || r.matchCount > best.matchCount)) best = r;
    }
    if (validated !== 1) {
      const extra = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`;
      main.add(E.plainError(`${JSON.stringify(path)} must validate one and only one schema (oneOf). ${extra}`));
      main.merge(best);
    } else main.merge(first);
  }
  if (s.allOf?.length) {
    let validated = 0;
    for (const sub of s.allOf) {
      const r = validateValue(sub, data, path);
      if (r.valid) validated++;
      main.merge(r);
    }
    if (validated !== s.allOf.length) {
      main.add(E.plainError(`${JSON.stringify(path)} must validate all the schemas (allOf)${validated === 0 ? '. None validated' : ''}`));
    }
  }
  if (s.not && validateValue(s.not, data, path).valid) main.add(E.plainError(`${JSON.stringify(path)} must not validate the schema (not)`));
  main.matchCount++;
  return main;
}

function checkString(s: JSONSchemaProps, data: string, path: string): Result | undefined {
  const length = [...data].length;
  if (s.maxLength !== undefined && length > s.maxLength) return single(E.tooLongError(path, s.maxLength, data));
  if (s.minLength !== undefined && length < s.minLength) return single(E.tooShortError(path, s.minLength, data));
  if (s.pattern) {
    const re = compilePattern(s.pattern);
    if (typeof re === 'string') return single(E.patternError(path, `${s.pattern}, but pattern is invalid: ${re}`, data));
    if (!re.test(data)) return single(E.patternError(path, s.pattern, data));
  }
  return undefined;
}

function checkFormat(format: string, data: string, path: string): Result | undefined {
  return matchesFormat(format, data) ? undefined : single(E.typeError(path, format, data));
}

function checkArray(s: JSONSchemaProps, data: unknown[], path: string, old: Old | undefined): Result {
  const res = new Result();
  const items = itemsSchema(s);
  if (items) data.forEach((item, i) => res.merge(validateValue(items, item, `${path}[${i}]`, oldItem(s, old, item))));
  if (s.minItems !== undefined && data.length < s.minItems) res.add(E.tooFewItemsError(path, s.minItems, data.length));
  if (s.maxItems !== undefined && data.length > s.maxItems) res.add(E.tooManyItemsError(path, s.maxItems, data.length));
  if (s.uniqueItems && data.some((v, i) => data.slice(0, i).some((u) => jsonEqual(u, v)))) res.add(E.duplicateItemsError(path));
  res.matchCount++;
  return res;
}

function checkEnum(s: JSONSchemaProps, data: unknown, path: string): Result | undefined {
  if (!s.enum?.length) return undefined;
  if (data !== null && data !== undefined && s.enum.some((e) => jsonEqual(e, data))) return undefined;
  return single(E.enumError(path, data ?? null, s.enum));
}

function checkObject(s: JSONSchemaProps, data: Record<string, unknown>, path: string, old: Old | undefined): Result {
  const res = new Result();
  const keys = Object.keys(data);
  const props = s.properties ?? {};
  const declared = (k: string) => Object.prototype.hasOwnProperty.call(props, k);
  if (s.minProperties !== undefined && keys.length < s.minProperties) res.add(E.tooFewPropertiesError(path, s.minProperties, keys.length));
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) res.add(E.tooManyPropertiesError(path, s.maxProperties, keys.length));
  if (s.additionalProperties === false) {
    for (const k of keys) if (!declared(k)) res.add(E.notAllowedError(path, k));
  } else {
    const extra = additionalSchema(s);
    if (extra) for (const k of keys) if (!declared(k)) res.merge(validateValue(extra, data[k], `${path}.${k}`, oldMember(old, k)));
  }
  for (const [name, sub] of Object.entries(props)) {
    // TypeMeta at the root is never ratcheted (isTypeMetaField).
    const o = !path && (name === 'kind' || name === 'apiVersion') ? undefined : oldMember(old, name);
    if (Object.prototype.hasOwnProperty.call(data, name)) res.merge(validateValue(sub, data[name], path ? `${path}.${name}` : name, o));
  }
  for (const k of s.required ?? []) if (!Object.prototype.hasOwnProperty.call(data, k)) res.add(E.requiredError(`${path}.${k}`));
  return res;
}

