/**
 * OpenAPI of custom resources, as apiextensions-apiserver's openapi builder publishes it: one
 * /openapi/v3 document per custom group-version (`apis/<group>/<version>`, title "Kubernetes
 * CRD Swagger"), holding each kind's schema from its CRD (`com.example.stable.v1.CronTab`: the
 * group reversed, then version and kind), its List, and the meta schemas they reference; and the
 * same definitions merged into /openapi/v2's JSON. So `kubectl explain` reads custom kinds.
 * Documents are built once per set of served CRDs (the resolver's memo) and hashed as the
 * built-in ones are (upper-case hex SHA-512 of the text).
 */
import type { ResourceDef } from '../resources/catalog';
import type { ServedResources } from '../resources/resolver';
import { customVersion } from '../resources/customresource/serving';
import { toOpenAPIV2, toOpenAPIV3 } from './schema/structural';
import { openapiV2Document, openapiV3SchemaClosure } from './openapi';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const LIST_META_DOC = 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/** `stable.example.com`, `v1`, `CronTab` → `com.example.stable.v1.CronTab` (ToRESTFriendlyName). */
export function definitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

interface CustomDocs {
  v3: Map<string, { text: string; hash: Promise<string> }>;
  v2?: string;
}

const built = new WeakMap<ResourceDef[], CustomDocs>();

function docsOf(served: ServedResources): CustomDocs {
  const custom = served.custom();
  let docs = built.get(custom);
  if (!docs) built.set(custom, (docs = { v3: buildV3(custom) }));
  return docs;
}

function listSchema(def: ResourceDef, version: string, ref: (n: string) => Record<string, unknown>, v2: boolean): Record<string, unknown> {
  const kindRef = ref(definitionName(def.group, version, def.kind));
  const metadata = v2 ? { description: LIST_META_DOC, ...ref(`${META}ListMeta`) } : { allOf: [ref(`${META}ListMeta`)], description: LIST_META_DOC };
  return {
    description: `${def.custom!.listKind} is a list of ${def.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      items: { description: `List of ${def.resource}. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md`, type: 'array', items: kindRef },
      kind: { description: KIND_DOC, type: 'string' },
      metadata,
    },
    'x-kubernetes-group-version-kind': [{ group: def.group, kind: def.custom!.listKind, version }],
  };
}

/** The read paths of one custom kind (what clients look up; writes are described by the kind). */
function pathsOf(def: ResourceDef, version: string, ref: (n: string) => Record<string, unknown>): Record<string, unknown> {
  const base = `/apis/${def.group}/${version}${def.namespaced ? '/namespaces/{namespace}' : ''}/${def.resource}`;
  const gvk = { group: def.group, version, kind: def.kind };
  const op = (action: string, schema: string, description: string) => ({
    description,
    responses: { 200: { description: 'OK', content: { 'application/json': { schema: ref(schema) }, 'application/yaml': { schema: ref(schema) } } }, 401: { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  const name = definitionName(def.group, version, def.kind);
  return {
    [base]: { get: op('list', `${name}List`, `list objects of kind ${def.kind}`) },
    [`${base}/{name}`]: { get: op('get', name, `read the specified ${def.kind}`) },
  };
}

function buildV3(custom: ResourceDef[]): CustomDocs['v3'] {
  const byGV = new Map<string, { def: ResourceDef; version: string }[]>();
  for (const def of custom) {
    for (const version of def.versions) {
      const key = `apis/${def.group}/${version}`;
      byGV.set(key, [...(byGV.get(key) ?? []), { def, version }]);
    }
  }
  const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
  const out: CustomDocs['v3'] = new Map();
  for (const [key, entries] of byGV) {
    const schemas: Record<string, unknown> = {};
    let paths: Record<string, unknown> = {};
    for (const { def, version } of entries) {
      const name = definitionName(def.group, version, def.kind);
      schemas[name] = toOpenAPIV3(customVersion(def, version)?.schema as never, { group: def.group, version, kind: def.kind });
      schemas[`${name}List`] = listSchema(def, version, ref, false);
      paths = { ...paths, ...pathsOf(def, version, ref) };
    }
    Object.assign(schemas, openapiV3SchemaClosure([`${META}ObjectMeta`, `${META}ListMeta`]));
    const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
    const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, paths, components: { schemas: sorted } });
    out.set(key, { text, hash: sha512Hex(text) });
  }
  return out;
}

async function sha512Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-512', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** The custom group-versions' entries of the /openapi/v3 index. */
export async function customOpenAPIV3Index(served: ServedResources, prefix: string): Promise<Record<string, { serverRelativeURL: string }>> {
  const out: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, doc] of docsOf(served).v3) out[key] = { serverRelativeURL: `${prefix}/openapi/v3/${key}?hash=${await doc.hash}` };
  return out;
}

/** A custom group-version's /openapi/v3 document text and hash, if it is served. */
export async function customOpenAPIV3Document(served: ServedResources, gvPath: string): Promise<{ text: string; hash: string } | undefined> {
  const doc = docsOf(served).v3.get(gvPath.replace(/^\/+|\/+$/g, ''));
  return doc ? { text: doc.text, hash: await doc.hash } : undefined;
}

/** /openapi/v2 as JSON with the custom kinds' definitions added; undefined when there are none. */
export function customOpenAPIV2(served: ServedResources): string | undefined {
  const custom = served.custom();
  if (!custom.length) return undefined;
  const docs = docsOf(served);
  if (docs.v2 === undefined) {
    const base = openapiV2Document();
    const definitions: Record<string, unknown> = { ...base.definitions };
    const ref = (n: string) => ({ $ref: `#/definitions/${n}` });
    for (const def of custom) {
      for (const version of def.versions) {
        const name = definitionName(def.group, version, def.kind);
        definitions[name] = toOpenAPIV2(customVersion(def, version)?.schema as never, { group: def.group, version, kind: def.kind });
        definitions[`${name}List`] = listSchema(def, version, ref, true);
      }
    }
    docs.v2 = JSON.stringify({ ...base, definitions });
  }
  return docs.v2;
}
