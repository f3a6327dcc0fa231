/**
 * The OpenAPI v3 schema of a CustomResourceDefinition version (`schema.openAPIV3Schema`,
 * apiextensions.k8s.io/v1 JSONSchemaProps) as plain JSON, and the field-path helpers every file of
 * this module shares. Paths are printed as k8s.io/apimachinery's field.Path prints them:
 * `Child` joins with a dot, `Key` writes `[key]`, `Index` writes `[0]`, so a schema path reads
 * `spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].type`.
 */

/** One node of a CRD schema (JSONSchemaProps). Only what kube-apiserver reads is typed. */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  default?: unknown;
  example?: unknown;
  nullable?: boolean;
  enum?: unknown[];
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  multipleOf?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps | JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  externalDocs?: { description?: string; url?: string };
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: ValidationRule[];
  [other: string]: unknown;
}

/** One `x-kubernetes-validations` rule. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** `properties[name]` of a schema, if declared (own properties only: `constructor` is a field name like any). */
export function propertyOf(s: JSONSchemaProps | undefined, name: string): JSONSchemaProps | undefined {
  const props = s?.properties;
  return props && has(props, name) ? props[name] : undefined;
}

/** The schema of an object's members that `properties` does not name (additionalProperties as a schema). */
export function additionalSchema(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const ap = s?.additionalProperties;
  return isObject(ap) ? (ap as JSONSchemaProps) : undefined;
}

/** The single schema of a list's items (an items array is not structural, and is ignored). */
export function itemsSchema(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const it = s?.items;
  return isObject(it) ? (it as JSONSchemaProps) : undefined;
}

/** field.Path's Child: `a` + `b` → `a.b` (no dot at the root). */
export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** field.Path's Key: `a` + `k` → `a[k]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** field.Path's Index: `a` + 0 → `a[0]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Deep copy of a JSON value (runtime.DeepCopyJSONValue). */
export function deepCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Deep equality of JSON values (reflect.DeepEqual on decoded JSON); key order does not count. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * A value as Go's fmt `%v` prints a decoded JSON value: strings bare, lists `[a b]`, maps
 * `map[k:v]` with sorted keys, null `<nil>`. kube-openapi puts enum lists and bounds in its
 * messages this way (`should be one of [a b]`).
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  return String(v);
}

/** A float64 as `%v` prints it: shortest form, exponent from 1e21 as `1e+21`. */
export function goNumber(n: number): string {
  const s = String(n);
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s;
}
