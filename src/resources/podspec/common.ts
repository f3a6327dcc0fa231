/**
 * Small helpers shared by the per-kind strategies: plain-JSON access, semantic equality and the
 * generic checks of k8s.io/apimachinery/pkg/api/validation (non-negative, immutable, ranges).
 */
import { invalid, type FieldError } from '../../apiserver/field-errors';
import { cloneJSON } from '../../apiserver/json-clone';

/** `must be greater than or equal to 0` — apimachinery's IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** apimachinery's FieldImmutableErrorMsg. */
export const IMMUTABLE = 'field is immutable';

/** True for a plain (non-array) object. */
export function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as an array, or [] when it is not one. */
export function arr<T = any>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** The number of keys of a map-like value (0 for anything else). */
export function size(v: unknown): number {
  return isObj(v) ? Object.keys(v).length : 0;
}

/** Drop undefined members recursively and sort keys, so equal values serialise equally. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = canonical(v[k]);
  return out;
}

/**
 * Semantic equality of two JSON values, as apiequality.Semantic.DeepEqual treats decoded
 * objects: key order and undefined members do not matter; `null`, `{}` and `[]` differ from a
 * missing value only when `loose` is false (loose treats empty values as absent, like Go's
 * nil-vs-empty after a round trip through omitempty).
 */
export function deepEqual(a: unknown, b: unknown, loose = true): boolean {
  const norm = (v: unknown): unknown => (loose ? stripEmpty(v) : canonical(v));
  return JSON.stringify(norm(a) ?? null) === JSON.stringify(norm(b) ?? null);
}

function stripEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(stripEmpty) : undefined;
  if (!isObj(v)) return v === null ? undefined : v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const s = stripEmpty(v[k]);
    if (s !== undefined) out[k] = s;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A deep copy of a JSON value. */
export function clone<T>(v: T): T {
  return cloneJSON(v);
}

/** `must be between lo and hi, inclusive` (validation.InclusiveRangeError). */
export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** ValidateNonnegativeField: an Invalid error when a set number is below 0. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable` when changed. */
export function immutable(newVal: unknown, oldVal: unknown, path: string): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(path, newVal ?? null, IMMUTABLE)];
}

/** Path of a map member as upstream prints it: `data[key]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** Ensure `obj[k]` is an object and return it. */
export function ensureObj(obj: Record<string, any>, k: string): Record<string, any> {
  if (!isObj(obj[k])) obj[k] = {};
  return obj[k];
}
