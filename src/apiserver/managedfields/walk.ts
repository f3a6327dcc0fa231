/**
 * Field sets of objects and comparisons between two versions of an object, walking the value with
 * its merge schema as structured-merge-diff's typed.ToFieldSet and typed.Compare do.
 */
import { FieldSet, fieldElement, keyElement, valueElement } from './fieldset';
import { isLeafType, memberType, declaresField, type FieldType } from './schema';
import { jsonEqual } from '../registry/meta';

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys of a keyed list's item. A key the item lacks takes the default upstream's schema gives it
 * (a port's `protocol` is TCP), as the apiserver does before it builds managed fields.
 */
export function itemKeys(item: unknown, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = isObject(item) ? item[k] : undefined;
    if (v !== undefined && v !== null) out[k] = v;
    else if (k === 'protocol') out[k] = 'TCP';
  }
  return out;
}

/** The path element of a list item under its list type (keyed or set), if it has one. */
function itemElement(t: FieldType, item: unknown): string | undefined {
  if (typeof t !== 'object') return undefined;
  if ('k' in t) return keyElement(itemKeys(item, t.k));
  if ('s' in t) return valueElement(item);
  return undefined;
}

/** The fields a value sets (ToFieldSet): leaves, list items, map entries, empty or null maps. */
export function toFieldSet(value: unknown, t: FieldType | undefined): FieldSet {
  const out = new FieldSet();
  walkSet(value, t, [], out);
  return out;
}

function walkSet(value: unknown, t: FieldType | undefined, path: string[], out: FieldSet): void {
  if (value === undefined) return;
  if (isLeafType(t)) {
    out.insert(path);
    return;
  }
  const type = t as FieldType;
  if (Array.isArray(value)) {
    if (typeof type !== 'object' || !('k' in type || 's' in type)) {
      out.insert(path);
      return;
    }
    for (const item of value) {
      const p = [...path, itemElement(type, item)!];
      if ('k' in type) walkSet(item, type.e, p, out);
      out.insert(p);
    }
    return;
  }
  if (!isObject(value) || Object.keys(value).length === 0) {
    out.insert(path);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const p = [...path, fieldElement(k)];
    walkSet(v, memberType(type, k), p, out);
    if (v === null || (isObject(v) && Object.keys(v).length === 0) || !declaresField(type, k)) out.insert(p);
  }
}

/** What changed between two versions of a value: paths added, modified and removed. */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compare two versions of a value of type `t` (typed.Compare). */
export function compare(lhs: unknown, rhs: unknown, t: FieldType | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkCompare(norm(lhs), norm(rhs), t, [], c);
  return c;
}

const norm = (v: unknown) => (v === null ? undefined : v);

function leaf(lhs: unknown, rhs: unknown, path: string[], c: Comparison): void {
  if (!path.length) return;
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!jsonEqual(lhs, rhs)) c.modified.insert(path);
}

function walkCompare(lhs: unknown, rhs: unknown, t: FieldType | undefined, path: string[], c: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  if (isLeafType(t)) return leaf(lhs, rhs, path, c);
  const type = t as FieldType;
  if (typeof type === 'object' && ('k' in type || 's' in type)) {
    if ((lhs !== undefined && !Array.isArray(lhs)) || (rhs !== undefined && !Array.isArray(rhs))) return leaf(lhs, rhs, path, c);
    const left = new Map(((lhs as unknown[]) ?? []).map((i) => [itemElement(type, i)!, i]));
    const right = new Map(((rhs as unknown[]) ?? []).map((i) => [itemElement(type, i)!, i]));
    for (const el of new Set([...left.keys(), ...right.keys()])) {
      const p = [...path, el];
      if ('s' in type) leaf(left.get(el), right.get(el), p, c);
      else walkCompare(norm(left.get(el)), norm(right.get(el)), type.e, p, c);
    }
    return;
  }
  if ((lhs !== undefined && !isObject(lhs)) || (rhs !== undefined && !isObject(rhs))) return leaf(lhs, rhs, path, c);
  if (path.length) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
  }
  const l = (lhs ?? {}) as Record<string, unknown>;
  const r = (rhs ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(l), ...Object.keys(r)])) {
    walkCompare(norm(l[k]), norm(r[k]), memberType(type, k), [...path, fieldElement(k)], c);
  }
}

/**
 * Structs that a Go object always has, even when empty (value, not pointer, fields): a new
 * object is compared against a zero object holding them, so that creating an object does not
 * make its creator own them as such (upstream compares against the typed zero value).
 */
const VALUE_STRUCTS = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'jobTemplate']);

/** The zero object a new object is compared with. */
export function zeroLike(obj: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(obj)) return out;
  for (const [k, v] of Object.entries(obj)) if (VALUE_STRUCTS.has(k) && isObject(v)) out[k] = zeroLike(v);
  return out;
}
