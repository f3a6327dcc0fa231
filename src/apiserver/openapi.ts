/**
 * The OpenAPI endpoints of kube-apiserver: `/openapi/v3` (index), `/openapi/v3/<gv>` (one
 * document per group-version) and `/openapi/v2` (swagger 2.0, JSON or gnostic protobuf).
 * The payloads are generated at build time by scripts/build-openapi.mjs from kubernetes-types;
 * they are imported as string constants and parsed only on the first OpenAPI request of an
 * isolate, so they cost nothing to requests that never ask for them.
 */
import {
  OPENAPI_V2_JSON,
  OPENAPI_V2_JSON_HASH,
  OPENAPI_V2_PB_BASE64,
  OPENAPI_V2_PB_HASH,
  OPENAPI_V3_POOL,
} from '../generated/openapi-text';

interface V3Pool {
  info: object;
  schemas: Record<string, unknown>;
  documents: Record<string, { paths: object; schemas: string[] }>;
  hashes: Record<string, string>;
}

/** Content-Type kube-openapi answers protobuf v2 with (the `@v1.0` spelling is Accept-only). */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

let pool: V3Pool | undefined;
const documentTexts = new Map<string, string>();
let pbBytes: Uint8Array | undefined;

function v3Pool(): V3Pool {
  return (pool ??= JSON.parse(OPENAPI_V3_POOL) as V3Pool);
}

/** The group-version keys served under /openapi/v3, e.g. `api/v1`, `apis/apps/v1`. */
export function openapiV3Paths(): string[] {
  return Object.keys(v3Pool().documents);
}

/**
 * The `/openapi/v3` index. `prefix` is put before the server-relative URL (e.g.
 * `/clusters/<tenant>`; '' for the server root), as kube-apiserver's
 * `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}}}`.
 */
export function openapiV3Index(prefix = ''): { paths: Record<string, { serverRelativeURL: string }> } {
  const { hashes } = v3Pool();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [gv, hash] of Object.entries(hashes)) {
    paths[gv] = { serverRelativeURL: `${prefix}/openapi/v3/${gv}?hash=${hash}` };
  }
  return { paths };
}

/** Upper-case hex SHA-512 of a group-version document (the `hash` query of the index), or undefined. */
export function openapiV3Hash(gvPath: string): string | undefined {
  return v3Pool().hashes[stripSlashes(gvPath)];
}

/**
 * The OpenAPI 3.0 document of one group-version (`api/v1`, `apis/apps/v1`, …; leading or
 * trailing slashes ignored), with `components.schemas` holding every schema it references;
 * undefined when the group-version is not served. Callers must not mutate the result.
 */
export function openapiV3Document(gvPath: string): object | undefined {
  const text = openapiV3DocumentText(gvPath);
  return text === undefined ? undefined : JSON.parse(text);
}

/** {@link openapiV3Document} serialised (memoised per isolate), ready to be a response body. */
export function openapiV3DocumentText(gvPath: string): string | undefined {
  const key = stripSlashes(gvPath);
  const cached = documentTexts.get(key);
  if (cached !== undefined) return cached;
  const { info, schemas, documents } = v3Pool();
  const doc = documents[key];
  if (!doc) return undefined;
  // Same key order as the build script used to compute the hash.
  const text = JSON.stringify({
    openapi: '3.0.0',
    info,
    paths: doc.paths,
    components: { schemas: Object.fromEntries(doc.schemas.map((n) => [n, schemas[n]])) },
  });
  documentTexts.set(key, text);
  return text;
}

/**
 * `/openapi/v2`. kube-openapi answers protobuf when Accept names
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (or the `.v1.0` spelling) —
 * what kubectl 1.27/1.28 send — and JSON otherwise. `etag` is the quoted document hash.
 */
export function openapiV2(accept?: string | null): { body: string | Uint8Array; contentType: string; etag: string } {
  if (accept && /com\.github\.proto-openapi\.spec\.v2[@.]v1\.0\+protobuf/.test(accept)) {
    pbBytes ??= base64Bytes(OPENAPI_V2_PB_BASE64);
    return { body: pbBytes, contentType: OPENAPI_V2_PROTOBUF_CONTENT_TYPE, etag: `"${OPENAPI_V2_PB_HASH}"` };
  }
  return { body: OPENAPI_V2_JSON, contentType: 'application/json', etag: `"${OPENAPI_V2_JSON_HASH}"` };
}

function stripSlashes(p: string): string {
  return p.replace(/^\/+|\/+$/g, '');
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Built-in schemas by name, with every schema they reference (`#/components/schemas/…`), from
 * the v3 pool: what a custom resource's document needs of ObjectMeta, ListMeta and the like.
 */
export function openapiV3SchemaClosure(names: string[]): Record<string, unknown> {
  const { schemas } = v3Pool();
  const out: Record<string, unknown> = {};
  const todo = [...names];
  while (todo.length) {
    const n = todo.pop()!;
    if (out[n] !== undefined || schemas[n] === undefined) continue;
    out[n] = schemas[n];
    for (const m of JSON.stringify(schemas[n]).matchAll(/#\/components\/schemas\/([^"]+)/g)) todo.push(m[1]);
  }
  return out;
}

/** The parsed built-in /openapi/v2 document (callers must not mutate it). */
let v2Parsed: { definitions: Record<string, unknown>; paths: Record<string, unknown> } | undefined;
export function openapiV2Document(): { swagger: string; info: unknown; definitions: Record<string, unknown>; paths: Record<string, unknown> } {
  return (v2Parsed ??= JSON.parse(OPENAPI_V2_JSON)) as never;
}
