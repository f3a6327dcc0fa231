/**
 * The merge schema of the served kinds: how every field merges under server-side apply and how
 * it is owned (structured-merge-diff's view of the OpenAPI, as kube-openapi's schemaconv builds
 * it upstream). Generated at build time by scripts/openapi/merge-schema.mjs.
 */
import mergeSchema from '../../generated/merge-schema.json';

/** A struct merged field by field: its fields' codes. */
export type StructType = Record<string, FieldType>;

/**
 * How one value merges: 0 a scalar or anything owned whole; a number the index of a struct type;
 * `{a}` atomic; `{s}` a set of scalars; `{k, e}` a list of structs keyed by `k`; `{m}` a map;
 * `{f}` a struct given inline (the types of custom resources, built from their CRD's schema by
 * src/apiserver/schema/structural/merge-schema.ts rather than generated).
 */
export type FieldType = number | { a: 1 } | { s: 1 } | { k: string[]; e: FieldType } | { m: FieldType } | { f: StructType };

const schema = mergeSchema as unknown as { types: (StructType | null)[]; roots: Record<string, number> };

/** The type of an object of `apiVersion`/`kind`, or undefined for kinds without a schema. */
export function rootType(apiVersion: string, kind: string): FieldType | undefined {
  return schema.roots[`${apiVersion}/${kind}`];
}

/** The fields of a struct type. */
export function structFields(t: number): StructType {
  return schema.types[t] ?? {};
}

/** Whether a type is owned and replaced as a whole (a scalar or atomic). */
export function isLeafType(t: FieldType | undefined): boolean {
  return t === undefined || t === 0 || (typeof t === 'object' && 'a' in t);
}

/** Whether a type is a struct (a positive type index, or a struct given inline). */
export function isStructType(t: FieldType | undefined): t is number | { f: StructType } {
  return (typeof t === 'number' && t > 0) || (typeof t === 'object' && 'f' in t);
}

/** The fields of a struct type, whether generated (an index) or inline. */
function fieldsOf(t: number | { f: StructType }): StructType {
  return typeof t === 'number' ? structFields(t) : t.f;
}

/** The type of a struct's or map's member `name` (undefined: not declared, owned whole). */
export function memberType(t: FieldType, name: string): FieldType | undefined {
  if (isStructType(t)) {
    const fields = fieldsOf(t);
    return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
  }
  if (typeof t === 'object' && 'm' in t) return t.m;
  return undefined;
}

/** Whether a struct type declares `name` (map entries and undeclared fields do not). */
export function declaresField(t: FieldType, name: string): boolean {
  return isStructType(t) && Object.prototype.hasOwnProperty.call(fieldsOf(t), name);
}
