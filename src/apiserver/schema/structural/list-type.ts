/**
 * The invariants of `x-kubernetes-list-type: set` (no value twice) and `map` (no two items with
 * the same keys), as apiextensions-apiserver's listtype.ValidateListSetsAndMaps checks them:
 *   spec.ports[1]: Duplicate value: map[string]interface {}{"name":"http"}
 * Upstream prints the duplicate key of a map-list item as a Go map; the house's Duplicate prints
 * values as JSON, so the message reads `spec.ports[1]: Duplicate value: {"name":"http"}`.
 */
import { duplicate, invalid, type FieldError } from '../../field-errors';
import { additionalSchema, child, index, isObject, itemsSchema, key, propertyOf, type JSONSchemaProps } from './types';

/** Duplicate-value errors of every set and map list in `obj`. */
export function validateListSetsAndMaps(schema: JSONSchemaProps, obj: unknown, path = ''): FieldError[] {
  const errs: FieldError[] = [];
  if (isObject(obj)) walkObject(schema, obj, path, errs);
  return errs;
}

function walkObject(s: JSONSchemaProps, obj: Record<string, unknown>, path: string, errs: FieldError[]): void {
  const extra = additionalSchema(s);
  for (const [k, v] of Object.entries(obj)) {
    const prop = propertyOf(s, k);
    if (prop) walkValue(prop, v, child(path, k), errs);
    else if (extra) walkValue(extra, v, key(path, k), errs);
  }
}

function walkValue(s: JSONSchemaProps, v: unknown, path: string, errs: FieldError[]): void {
  if (Array.isArray(v)) walkArray(s, v, path, errs);
  else if (isObject(v)) walkObject(s, v, path, errs);
}

/** JSON with sorted keys, as Go's json.Marshal writes maps. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Identity of a JSON value for set membership: scalars by type and value, compounds by their JSON. */
function identity(v: unknown): string {
  if (v === undefined) return 'unspecified';
  return `${typeof v}:${canonical(v)}`;
}

/** Indices of the second occurrence of every value seen more than once (validateListSet). */
function nonUnique(values: unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const id = identity(v);
    const times = seen.get(id) ?? 0;
    if (times === 1) out.push(i);
    seen.set(id, times + 1);
  });
  return out;
}

function walkArray(s: JSONSchemaProps, list: unknown[], path: string, errs: FieldError[]): void {
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set') {
    for (const i of nonUnique(list)) errs.push(duplicate(index(path, i), list[i]));
  } else if (listType === 'map') {
    errs.push(...validateListMap(s['x-kubernetes-list-map-keys'] ?? [], list, path));
  }
  const items = itemsSchema(s);
  if (items) list.forEach((item, i) => walkValue(items, item, index(path, i), errs));
}

function validateListMap(keys: string[], list: unknown[], path: string): FieldError[] {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x !== null && !isObject(x)) return [invalid(index(path, i), x, 'must be an object for an array of list-type map')];
  }
  if (list.length <= 1) return [];
  const keyOf = (x: unknown): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (isObject(x)) for (const k of keys) if (Object.prototype.hasOwnProperty.call(x, k)) out[k] = x[k];
    return out;
  };
  const ids = list.map(keyOf);
  return nonUnique(ids).map((i) => duplicate(index(path, i), ids[i]));
}
