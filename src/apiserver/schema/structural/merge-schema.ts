/**
 * The server-side apply merge type of a custom resource, built from its CRD version's schema as
 * kube-openapi's schemaconv builds one for structured-merge-diff: objects with properties are
 * structs merged field by field (x-kubernetes-map-type: atomic makes them one owned value),
 * objects with additionalProperties are maps merged key by key, lists follow
 * x-kubernetes-list-type (map: keyed by x-kubernetes-list-map-keys; set; atomic, which is also
 * what a list without a list type is), int-or-string and scalars are leaves, and free-form
 * objects (x-kubernetes-preserve-unknown-fields) are "deduced": maps merged key by key all the
 * way down, their lists atomic. The root and embedded resources get ObjectMeta's own type for
 * `metadata`.
 */
import { memberType, rootType, type FieldType, type StructType } from '../../managedfields/schema';
import { additionalSchema, itemsSchema, type JSONSchemaProps } from './types';

const ATOMIC: FieldType = { a: 1 };

/** The deduced type of schemaless values: every map granular, recursively. */
const DEDUCED = { m: 0 } as { m: FieldType };
DEDUCED.m = DEDUCED;

/** The generated merge type of metav1.ObjectMeta (found through a kind that has it). */
let objectMetaType: FieldType | undefined;
function objectMeta(): FieldType {
  if (objectMetaType === undefined) {
    const cm = rootType('v1', 'ConfigMap');
    objectMetaType = (cm !== undefined && memberType(cm, 'metadata')) || 0;
  }
  return objectMetaType;
}

/** The merge type of an object of a CRD version whose openAPIV3Schema is `schema`. */
export function toMergeType(schema: JSONSchemaProps): FieldType {
  return codeOf({ ...schema, type: schema.type ?? 'object', 'x-kubernetes-embedded-resource': true });
}

function codeOf(s: JSONSchemaProps | undefined): FieldType {
  if (!s) return DEDUCED;
  if (s['x-kubernetes-int-or-string']) return 0;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const props = s.properties ?? {};
  const hasProps = Object.keys(props).length > 0;
  const type = s.type ?? '';
  if (type === 'array') {
    const listType = s['x-kubernetes-list-type'];
    if (listType === 'map') return { k: s['x-kubernetes-list-map-keys'] ?? [], e: codeOf(itemsSchema(s)) };
    if (listType === 'set') return { s: 1 };
    return ATOMIC;
  }
  if (type === 'object' || (!type && (hasProps || embedded || s['x-kubernetes-preserve-unknown-fields']))) {
    if (s['x-kubernetes-map-type'] === 'atomic') return ATOMIC;
    if (!hasProps && !embedded) {
      if (s.additionalProperties !== undefined && s.additionalProperties !== false) return { m: codeOf(additionalSchema(s)) };
      if (s['x-kubernetes-preserve-unknown-fields']) return DEDUCED;
    }
    const fields: StructType = {};
    for (const [k, p] of Object.entries(props)) fields[k] = codeOf(p);
    if (embedded) {
      fields.apiVersion = 0;
      fields.kind = 0;
      fields.metadata = objectMeta();
    }
    return { f: fields };
  }
  return 0;
}
