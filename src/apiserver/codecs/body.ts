import { parseDocument } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType, StatusError } from '../status';
import { decodeKubernetesProtobuf, isKubernetesProtobuf, UnsupportedProtobufKind } from './protobuf';

/** kube-apiserver's limit on a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Aliases a YAML body may use: bounded against "billion laughs" (CVE-2019-11253). */
const MAX_YAML_ALIASES = 100;
/** How deep JSON may nest before it is refused. */
const MAX_DEPTH = 100;

/** kube-apiserver's words for a body over the limit. */
export const TOO_LARGE_MESSAGE = `Request entity too large: limit is ${MAX_BODY_BYTES}`;

/**
 * Read a request body, refusing one over the limit with 413 (keeping at most the limit in
 * memory). Past the limit, `drain` reads the rest and drops it, so that a client still writing
 * gets to read the 413 instead of a reset connection; `cancel` stops reading at once.
 */
export async function readBody(req: Request, pastLimit: 'drain' | 'cancel' = 'drain'): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= MAX_BODY_BYTES) chunks.push(value);
    else if (pastLimit === 'cancel') {
      await reader.cancel();
      break;
    }
  }
  if (size > MAX_BODY_BYTES) throw tooLarge(TOO_LARGE_MESSAGE);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function checkDepth(v: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw badRequest('the request body nests too deeply');
  if (v && typeof v === 'object') for (const x of Object.values(v)) checkDepth(x, depth + 1);
}

/** Parse JSON text, answering a malformed body as kube-apiserver does (400). */
export function parseJSON(text: string): any {
  try {
    const v = JSON.parse(text);
    checkDepth(v);
    return v;
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw badRequest(`error decoding JSON: ${(e as Error).message}`);
  }
}

/** Parse one YAML document with bounded aliases. */
export function parseYAML(text: string): any {
  const doc = parseDocument(text, { uniqueKeys: false, maxAliasCount: MAX_YAML_ALIASES } as any);
  if (doc.errors.length) throw badRequest(`error converting YAML to JSON: ${doc.errors[0].message}`);
  try {
    const v = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    checkDepth(v);
    return v;
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}

/**
 * Decode an object body by its Content-Type: JSON, YAML or the Kubernetes protobuf envelope.
 * Anything else is 415.
 */
export function decodeObject(bytes: Uint8Array, contentType: string | null): any {
  const mt = mediaType(contentType);
  if (mt === 'application/vnd.kubernetes.protobuf' || isKubernetesProtobuf(bytes)) {
    try {
      return decodeKubernetesProtobuf(bytes);
    } catch (e) {
      if (e instanceof UnsupportedProtobufKind) throw unsupportedMediaType(contentType ?? '');
      throw badRequest(`error decoding protobuf: ${(e as Error).message}`);
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (mt === '' || mt === 'application/json' || mt === '*/*') return parseJSON(text);
  if (mt === 'application/yaml' || mt === 'application/x-yaml' || mt === 'text/yaml') return parseYAML(text);
  throw unsupportedMediaType(contentType ?? '');
}
