/**
 * JSON values as CEL sees them under their schema (k8s.io/apiserver's UnstructuredToVal):
 * integers are CEL ints (BigInt), numbers doubles, strings of format date-time or date
 * timestamps and of format duration durations; objects are maps; values the schema does not
 * type (x-kubernetes-preserve-unknown-fields, int-or-string) are dynamic, their whole numbers
 * ints. At a resource root `self.metadata` holds only name and generateName.
 */
import { toDuration } from './cel-env';
import { additionalSchema, isObject, itemsSchema, propertyOf, type JSONSchemaProps } from './types';

function dyn(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(dyn);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dyn(x)]));
  return v;
}

/** The CEL value of `v` under schema node `s`. */
export function toCel(s: JSONSchemaProps | undefined, v: unknown, isResourceRoot = false): unknown {
  if (v === null || v === undefined) return null;
  if (!s || s['x-kubernetes-int-or-string']) return dyn(v);
  if (typeof v === 'number') return s.type === 'number' || !Number.isInteger(v) ? v : BigInt(v);
  if (typeof v === 'string') {
    if (s.type === 'string' && (s.format === 'date-time' || s.format === 'date')) {
      const d = new Date(s.format === 'date' ? `${v}T00:00:00Z` : v);
      return Number.isNaN(d.getTime()) ? v : d;
    }
    if (s.type === 'string' && s.format === 'duration') return toDuration(v) ?? v;
    return v;
  }
  if (Array.isArray(v)) {
    const items = itemsSchema(s);
    return v.map((x) => toCel(items, x));
  }
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    const extra = additionalSchema(s);
    const free = s['x-kubernetes-preserve-unknown-fields'] === true;
    for (const [k, x] of Object.entries(v)) {
      const prop = propertyOf(s, k);
      if (prop) out[k] = toCel(prop, x);
      else if (extra || s.additionalProperties === true) out[k] = toCel(extra, x);
      else if (free) out[k] = dyn(x);
    }
    if (isResourceRoot) {
      if (typeof v.apiVersion === 'string') out.apiVersion = v.apiVersion;
      if (typeof v.kind === 'string') out.kind = v.kind;
      if (isObject(v.metadata)) {
        const meta: Record<string, unknown> = {};
        for (const k of ['name', 'generateName']) if (typeof v.metadata[k] === 'string') meta[k] = v.metadata[k];
        out.metadata = meta;
      }
    }
    return out;
  }
  return v;
}
