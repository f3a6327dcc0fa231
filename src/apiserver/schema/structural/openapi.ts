/**
 * The schema of a custom resource kind as kube-apiserver publishes it in /openapi/v3 and
 * /openapi/v2 (apiextensions' openapi builder, buildKubeNative): the structural schema, with
 * apiVersion and kind from TypeMeta and metadata as a reference to ObjectMeta at the root and in
 * every embedded resource. For v2 (ToStructuralOpenAPIV2) allOf/anyOf/oneOf/not are dropped,
 * nullable nodes lose their type and members, free-form nodes (preserve-unknown-fields) their
 * members and object type, and a root that preserves unknown fields is just `type: object` —
 * so that kubectl's client-side validation never refuses what the server accepts.
 * `kubectl explain` reads these; refs follow the house's documents (`#/definitions/…` for v2,
 * `#/components/schemas/…` wrapped in allOf for v3).
 */
import { isObject, type JSONSchemaProps } from './types';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const EMBEDDED_API_VERSION_DOC = 'apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const EMBEDDED_KIND_DOC = 'kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const METADATA_DOC = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** What a structural schema node keeps (Structural.ToKubeOpenAPI); anything else is dropped. */
const KEPT = [
  'type', 'format', 'title', 'description', 'default', 'example', 'nullable', 'externalDocs', 'enum', 'maximum', 'exclusiveMaximum',
  'minimum', 'exclusiveMinimum', 'multipleOf', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems',
  'maxProperties', 'minProperties', 'required', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-validations',
];

/** The group/version/kind a definition serves (`x-kubernetes-group-version-kind`). */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** The definition of the kind in /openapi/v3/apis/<group>/<version>. */
export function toOpenAPIV3(schema: JSONSchemaProps | undefined, gvk?: GroupVersionKind): Record<string, unknown> {
  return kubeNative(schema, gvk, false);
}

/** The definition of the kind in /openapi/v2. */
export function toOpenAPIV2(schema: JSONSchemaProps | undefined, gvk?: GroupVersionKind): Record<string, unknown> {
  return kubeNative(schema, gvk, true);
}

function kubeNative(schema: JSONSchemaProps | undefined, gvk: GroupVersionKind | undefined, v2: boolean): Record<string, unknown> {
  let out: Record<string, unknown>;
  if (!schema || (v2 && schema['x-kubernetes-preserve-unknown-fields'])) out = { type: 'object' };
  else {
    out = structural(schema, !v2);
    if (v2) toV2(out);
    const props = (out.properties ??= {}) as Record<string, unknown>;
    props.apiVersion = { description: API_VERSION_DOC, type: 'string' };
    props.kind = { description: KIND_DOC, type: 'string' };
    props.metadata = metadataRef(v2);
    addEmbeddedProperties(out, v2);
  }
  if (gvk) out['x-kubernetes-group-version-kind'] = [{ group: gvk.group, kind: gvk.kind, version: gvk.version }];
  return out;
}

function metadataRef(v2: boolean): Record<string, unknown> {
  return v2
    ? { description: METADATA_DOC, $ref: `#/definitions/${OBJECT_META}` }
    : { allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }], description: METADATA_DOC };
}

/** The structural part of a node (and, for v3, its junctors), recursively. */
function structural(s: JSONSchemaProps, junctors: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEPT) if (s[k] !== undefined && s[k] !== false && s[k] !== '') out[k] = s[k];
  if (isObject(s.properties)) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, structural(v, junctors)]));
  if (isObject(s.items)) out.items = structural(s.items as JSONSchemaProps, junctors);
  if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties;
  else if (isObject(s.additionalProperties)) out.additionalProperties = structural(s.additionalProperties as JSONSchemaProps, junctors);
  if (junctors) {
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (s[k]?.length) out[k] = s[k]!.map((v) => structural(v, true));
    if (isObject(s.not)) out.not = structural(s.not, true);
  }
  return out;
}

/** ToStructuralOpenAPIV2, on a converted node (junctors are already gone). */
function toV2(s: Record<string, unknown>): void {
  if (s.nullable) {
    delete s.type;
    delete s.nullable;
    delete s.items;
    delete s.properties;
  }
  if (s['x-kubernetes-preserve-unknown-fields']) {
    delete s.items;
    delete s.properties;
  }
  if (s.items === undefined && s.type === 'array') delete s.type;
  if (s['x-kubernetes-preserve-unknown-fields'] && s.type === 'object') delete s.type;
  const props = s.properties as Record<string, Record<string, unknown>> | undefined;
  if (props && Array.isArray(s.required)) {
    const kept = (s.required as string[]).filter((r) => !props[r]?.nullable);
    if (kept.length) s.required = kept;
    else delete s.required;
  }
  if (isObject(s.additionalProperties) && s.additionalProperties.nullable) delete s.required;
  if (props) for (const v of Object.values(props)) toV2(v);
  if (isObject(s.items)) toV2(s.items);
  if (isObject(s.additionalProperties)) toV2(s.additionalProperties);
}

/** addEmbeddedProperties: TypeMeta and an ObjectMeta reference in every embedded resource. */
function addEmbeddedProperties(s: Record<string, unknown>, v2: boolean): void {
  for (const v of Object.values((s.properties ?? {}) as Record<string, Record<string, unknown>>)) addEmbeddedProperties(v, v2);
  if (isObject(s.items)) addEmbeddedProperties(s.items, v2);
  if (isObject(s.additionalProperties)) addEmbeddedProperties(s.additionalProperties, v2);
  if (v2 && s['x-kubernetes-preserve-unknown-fields']) return;
  if (!s['x-kubernetes-embedded-resource']) return;
  const props = (s.properties ??= {}) as Record<string, unknown>;
  props.apiVersion = { description: EMBEDDED_API_VERSION_DOC, type: 'string' };
  props.kind = { description: EMBEDDED_KIND_DOC, type: 'string' };
  props.metadata = metadataRef(v2);
  const req = Array.isArray(s.required) ? (s.required as string[]) : [];
  if (!req.includes('kind')) req.push('kind');
  if (!req.includes('apiVersion')) req.push('apiVersion');
  s.required = req;
}
