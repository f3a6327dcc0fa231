// Generates kubeplay's OpenAPI documents and field tree from kubernetes-types (see
// scripts/openapi/*). Run before every build/test: `npm run build:openapi`.
// Outputs (git-ignored) in src/generated/:
//   openapi-v3.json   { schemas, documents: {gvPath: {paths, schemas: [names]}}, hashes } —
//                     one shared schema pool; src/apiserver/openapi.ts assembles each
//                     group-version document (openapi 3.0.0, components.schemas) from it.
//   openapi-v2.json   swagger 2.0 document (#/definitions/ refs, paths of every served kind).
//   openapi-v2.pb     the same as gnostic protobuf (for inspection; the Worker gets it as
//                     base64 from openapi-text.ts so that Workers and Node import it alike).
//   field-tree.json   compact known-field tree for unknown-field detection.
//   merge-schema.json how each field merges and is owned, for server-side apply.
//   gvk-index.json    the served (group, version, kind, resource, namespaced, verbs, definition).
//   openapi-text.ts   the three OpenAPI payloads as string constants, which is what the Worker
//                     imports: a string literal costs nothing at isolate start-up, and the JSON
//                     is parsed (or served as is) only when an OpenAPI request arrives.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { SERVED, METRICS_DECLARATIONS, APIREGISTRATION_DECLARATIONS, networkingV1CidrDeclarations, gvPath } from './openapi/served.mjs';
import { loadTypes } from './openapi/read-types.mjs';
import { resourceOperations, renderV2Paths, renderV3Paths } from './openapi/paths.mjs';
import { encodeGnosticV2 } from './openapi/gnostic-pb.mjs';
import { buildFieldTree } from './openapi/field-tree.mjs';
import { buildMergeSchema } from './openapi/merge-schema.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'generated');
const require = createRequire(import.meta.url);
const ktDir = dirname(require.resolve('kubernetes-types/package.json'));
const ktVersion = JSON.parse(readFileSync(join(ktDir, 'package.json'), 'utf8')).version;
const table = JSON.parse(readFileSync(join(here, 'openapi', 'upstream-extensions.json'), 'utf8'));
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const INFO = { title: 'Kubernetes', version: `v${ktVersion}` };

const types = loadTypes(ktDir, {
  'metrics/v1beta1.d.ts': METRICS_DECLARATIONS,
  'apiregistration/v1.d.ts': APIREGISTRATION_DECLARATIONS,
  'networking/v1-cidr.d.ts': networkingV1CidrDeclarations(readFileSync(join(ktDir, 'networking', 'v1alpha1.d.ts'), 'utf8')),
}, table);

/** Kinds that are request bodies of subresources, checked for unknown fields but not served as resources. */
const SUBRESOURCE_KINDS = [['autoscaling', 'v1', 'Scale'], ['policy', 'v1', 'Eviction']];

// 1. Resolve definition names and operations of every served resource.
const index = SERVED.map((r) => {
  const definition = types.kindName(r.group, r.version, r.kind);
  if (!definition) throw new Error(`no declaration for ${r.group}/${r.version} ${r.kind}`);
  const list = `${definition}List`;
  return { ...r, definition, list: types.has(list) ? list : undefined };
});
const byGV = new Map();
for (const r of index) {
  const key = gvPath(r.group, r.version);
  if (!byGV.has(key)) byGV.set(key, []);
  byGV.get(key).push(r);
}

// 2. One schema pool covering everything any document references.
const allOps = new Map([...byGV].map(([key, rs]) => [key, rs.flatMap((r) => resourceOperations(r, r.definition, r.list))]));
const extraRoots = SUBRESOURCE_KINDS.map(([g, v, k]) => types.kindName(g, v, k));
const rootsOf = (ops) => new Set(ops.flatMap((o) => [o.def, o.response, ...(o.body === 'patch' ? [`${META}Patch`] : []), ...(o.body === 'delete' ? [`${META}DeleteOptions`] : [])]));
const v2Definitions = types.definitions([...rootsOf([...allOps.values()].flat()), ...extraRoots]);

/** v2 schema → v3: refs move to components; a $ref with siblings is wrapped in allOf (as upstream). */
function toV3(s) {
  if (Array.isArray(s) || typeof s !== 'object' || s === null) return s;
  const o = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') continue;
    o[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, toV3(ps)]))
      : k === 'items' || k === 'additionalProperties' ? toV3(v) : v;
  }
  if (!s.$ref) return o;
  const ref = { $ref: s.$ref.replace('#/definitions/', '#/components/schemas/') };
  return Object.keys(o).length ? { allOf: [ref], ...o } : ref;
}
const v3Pool = Object.fromEntries(Object.entries(v2Definitions).map(([n, s]) => [n, toV3(s)]));

// 3. Per group-version v3 documents (stored as schema-name lists into the pool) and their hashes.
const documents = {};
const hashes = {};
for (const [key, ops] of allOps) {
  const names = Object.keys(types.definitions([...rootsOf(ops)]));
  const paths = renderV3Paths(ops);
  documents[key] = { paths, schemas: names };
  const full = { openapi: '3.0.0', info: INFO, paths, components: { schemas: Object.fromEntries(names.map((n) => [n, v3Pool[n]])) } };
  // kube-apiserver publishes an upper-case hex SHA-512 of each document in the index.
  hashes[key] = createHash('sha512').update(JSON.stringify(full)).digest('hex').toUpperCase();
}

// 4. Swagger 2.0 (JSON and gnostic protobuf).
const v2 = { swagger: '2.0', info: INFO, paths: renderV2Paths([...allOps.values()].flat()), definitions: v2Definitions };
const v2Json = JSON.stringify(v2);
const pb = encodeGnosticV2(v2);

// 5. Field tree and index.
// CustomResourceDefinitions are documented (explain) but keep their own checks: the declarations
// lack fields of theirs, so neither unknown-field detection nor the merge schema reads them.
const DOCUMENTED_ONLY = new Set(['apiextensions.k8s.io']);
const roots = Object.fromEntries([...index.filter((r) => !DOCUMENTED_ONLY.has(r.group)).map((r) => [r.group, r.version, r.kind, r.definition]),
  ...SUBRESOURCE_KINDS.map(([g, v, k], i) => [g, v, k, extraRoots[i]])]
  .map(([g, v, k, def]) => [`${g ? `${g}/` : ''}${v}/${k}`, def]));
const fieldTree = buildFieldTree(v2Definitions, roots);
const mergeSchema = buildMergeSchema(v2Definitions, roots);

mkdirSync(out, { recursive: true });
const v3Json = JSON.stringify({ info: INFO, schemas: v3Pool, documents, hashes });
const pbBase64 = Buffer.from(pb).toString('base64');
const pbHash = createHash('sha512').update(pb).digest('hex').toUpperCase();
const v2Hash = createHash('sha512').update(v2Json).digest('hex').toUpperCase();
const textModule = [
  '// GENERATED by scripts/build-openapi.mjs from kubernetes-types; do not edit.',
  `/** JSON: { info, schemas (v3 pool), documents: {gvPath: {paths, schemas: names}}, hashes }. */`,
  `export const OPENAPI_V3_POOL: string = ${JSON.stringify(v3Json)};`,
  `/** JSON: the swagger 2.0 document. */`,
  `export const OPENAPI_V2_JSON: string = ${JSON.stringify(v2Json)};`,
  `export const OPENAPI_V2_JSON_HASH = ${JSON.stringify(v2Hash)};`,
  `/** base64: the swagger 2.0 document as a gnostic openapi.v2.Document protobuf. */`,
  `export const OPENAPI_V2_PB_BASE64: string = ${JSON.stringify(pbBase64)};`,
  `export const OPENAPI_V2_PB_HASH = ${JSON.stringify(pbHash)};`,
  '',
].join('\n');
// A file is written only when its bytes change: a running `wrangler dev` reloads on every write
// it sees, and a reload drops the requests in flight (a build during `npm start` must not).
const write = (name, data) => {
  const file = join(out, name);
  const same = existsSync(file) && Buffer.from(data).equals(readFileSync(file));
  if (!same) writeFileSync(file, data);
  return `${name} ${(data.length / 1024).toFixed(0)} KiB${same ? ' (unchanged)' : ''}`;
};
console.log([
  write('openapi-v3.json', v3Json),
  write('openapi-v2.json', v2Json),
  write('openapi-v2.pb', pb),
  write('openapi-text.ts', textModule),
  write('field-tree.json', JSON.stringify(fieldTree)),
  write('merge-schema.json', JSON.stringify(mergeSchema)),
  write('gvk-index.json', JSON.stringify(index.map(({ list, ...r }) => r), null, 1)),
].join('\n'));
