/**
 * Defaulting of custom objects from the `default`s of their schema, as apiextensions-apiserver's
 * structural defaulting.Default does it.
 *
 * How the registry must call it (upstream's order):
 *  - on every write (create, update, patch, apply), after decoding and pruning (`prune`), before
 *    admission and validation: `prune(schema, obj); applyDefaults(schema, obj); validateObject(...)`;
 *  - on every read from storage (get, list, watch), so that defaults added to a schema later show
 *    in objects stored before — without writing them back (the stored object is unchanged until
 *    the next write), and before the object is converted or printed;
 *  - with the schema of the version the object is in (each CRD version defaults with its own).
 */
import { additionalSchema, deepCopy, isObject, itemsSchema, type JSONSchemaProps } from './types';

const isNonNullableNull = (x: unknown, s: JSONSchemaProps | undefined) => x === null && !!s && s.nullable !== true;

/**
 * Apply the defaults of `schema` to `obj` in place: a field with a default is set where it is
 * missing, or null while the schema is not nullable; defaults of nested fields apply only where
 * their parent object exists (or was itself defaulted); a nullable field that is null stays null.
 */
export function applyDefaults(schema: JSONSchemaProps | undefined, obj: unknown): void {
  if (!schema) return;
  if (Array.isArray(obj)) {
    const items = itemsSchema(schema);
    for (let i = 0; i < obj.length; i++) {
      if (items && items.default !== undefined && isNonNullableNull(obj[i], items)) obj[i] = deepCopy(items.default);
      applyDefaults(items, obj[i]);
    }
    return;
  }
  if (!isObject(obj)) return;
  const props = schema.properties ?? {};
  for (const [k, prop] of Object.entries(props)) {
    if (prop.default === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(obj, k) || isNonNullableNull(obj[k], prop)) obj[k] = deepCopy(prop.default);
  }
  const extra = additionalSchema(schema);
  for (const k of Object.keys(obj)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) applyDefaults(props[k], obj[k]);
    else if (schema.additionalProperties !== undefined) {
      if (extra && extra.default !== undefined && isNonNullableNull(obj[k], extra)) obj[k] = deepCopy(extra.default);
      applyDefaults(extra, obj[k]);
    }
  }
}
