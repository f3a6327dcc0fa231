/**
 * Pruning of unknown fields, as kube-apiserver's schema coercer does it to every custom object
 * it decodes (pruning.PruneWithOptions, then PruneNonNullableNullsWithoutDefaults): fields the
 * schema does not declare are removed unless a node says x-kubernetes-preserve-unknown-fields;
 * apiVersion, kind and metadata of the root and of embedded resources stay (metadata is cut to
 * the fields of ObjectMeta); nulls where the schema allows none and gives no default go too.
 */
import { additionalSchema, child, index, isObject, itemsSchema, propertyOf, type JSONSchemaProps } from './types';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** The fields of metav1.ObjectMeta and of the lists in it, which embedded metadata is cut to. */
const OBJECT_META = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);
const OWNER_REFERENCE = new Set(['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion']);
const MANAGED_FIELDS_ENTRY = new Set(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource']);

/**
 * Remove from `obj` (in place) every field `schema` does not declare, and return their paths,
 * sorted, as kube-apiserver reports them: `unknown field "spec.foo"` under
 * `fieldValidation=Strict` (a 400 strict decoding error) or as warnings under `Warn`. Paths
 * include the root's metadata (`metadata.foo`) and embedded resources' metadata. Also removes
 * nulls of non-nullable fields without a default, which are not reported.
 */
export function prune(schema: JSONSchemaProps, obj: unknown): string[] {
  const found: string[] = [];
  if (isObject(obj)) {
    pruneMetadata(obj, '', found);
    pruneValue(obj, { ...schema, 'x-kubernetes-embedded-resource': true }, '', found);
    pruneNulls(obj, schema);
  }
  return found.sort();
}

/**
 * pruning.Prune alone: the fields of `x` that `schema` does not declare are removed (metadata
 * is not looked into, nulls stay); `isResourceRoot` keeps apiVersion, kind and metadata.
 * Returns the removed paths.
 */
export function pruneFields(x: unknown, schema: JSONSchemaProps, isResourceRoot: boolean): string[] {
  const found: string[] = [];
  pruneValue(x, isResourceRoot ? { ...schema, 'x-kubernetes-embedded-resource': true } : schema, '', found, false);
  return found;
}

const preserves = (s: JSONSchemaProps | undefined): boolean => s?.['x-kubernetes-preserve-unknown-fields'] === true;

/**
 * pruning.prune and, under x-kubernetes-preserve-unknown-fields (`preserve`), its skipPrune:
 * unknown fields stay there, but declared ones are still pruned below, and so are the items of
 * a preserving array.
 */
function pruneValue(
  x: unknown, s: JSONSchemaProps | undefined, path: string, found: string[], meta = true, preserve = preserves(s),
): void {
  if (Array.isArray(x)) {
    const items = s ? itemsSchema(s) : undefined;
    if (preserve && !items) return;
    x.forEach((item, i) => pruneValue(item, items, index(path, i), found, meta, preserve || preserves(items)));
    return;
  }
  if (!isObject(x)) return;
  if (!s) {
    if (preserve) return;
    for (const k of Object.keys(x)) {
      found.push(child(path, k));
      delete x[k];
    }
    return;
  }
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (embedded && path && meta) pruneMetadata(x, path, found);
  for (const k of Object.keys(x)) {
    if (embedded && META_FIELDS.has(k)) continue;
    const prop = propertyOf(s, k);
    if (prop) pruneValue(x[k], prop, child(path, k), found, meta);
    else if (s.additionalProperties !== undefined) pruneValue(x[k], additionalSchema(s), child(path, k), found, meta);
    else if (!preserve) {
      if (!META_FIELDS.has(k) || path) found.push(child(path, k));
      delete x[k];
    }
  }
}

function cut(obj: Record<string, unknown>, known: Set<string>, path: string, found: string[]): void {
  for (const k of Object.keys(obj)) {
    if (!known.has(k)) {
      found.push(child(path, k));
      delete obj[k];
    }
  }
}

/** ObjectMeta decoding of `x.metadata`: fields metav1.ObjectMeta lacks are dropped and reported. */
function pruneMetadata(x: Record<string, unknown>, path: string, found: string[]): void {
  const meta = x.metadata;
  if (!isObject(meta)) return;
  const p = child(path, 'metadata');
  cut(meta, OBJECT_META, p, found);
  const lists: Array<[string, Set<string>]> = [['ownerReferences', OWNER_REFERENCE], ['managedFields', MANAGED_FIELDS_ENTRY]];
  for (const [name, known] of lists) {
    const list = meta[name];
    if (Array.isArray(list)) list.forEach((item, i) => isObject(item) && cut(item, known, index(child(p, name), i), found));
  }
}

/** The schema of member `k` of an object of schema `s` (a property or additionalProperties). */
function memberSchema(s: JSONSchemaProps | undefined, k: string): JSONSchemaProps | undefined {
  return propertyOf(s, k) ?? additionalSchema(s);
}

/** PruneNonNullableNullsWithoutDefaults: a null where the schema is not nullable and has no default. */
export function pruneNulls(x: unknown, s: JSONSchemaProps | undefined): void {
  if (Array.isArray(x)) {
    const items = s ? itemsSchema(s) : undefined;
    for (const item of x) pruneNulls(item, items);
  } else if (isObject(x)) {
    for (const [k, v] of Object.entries(x)) {
      const sub = memberSchema(s, k);
      if (v === null && sub && !sub.nullable && sub.default === undefined) delete x[k];
      else pruneNulls(v, sub);
    }
  }
}
