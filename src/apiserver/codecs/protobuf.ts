/**
 * Request bodies in `application/vnd.kubernetes.protobuf`, as kubectl ≥ 1.32 sends them from its
 * typed clients (create configmap/secret/deployment/…, auth can-i, create token, …).
 *
 * Envelope (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the 4 magic bytes `k8s\0`, then a
 * runtime.Unknown message {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3,
 * contentType = 4} whose `raw` is the object's own message. We turn it into the JSON object the
 * JSON codec would have produced, so the rest of the server only ever handles JSON.
 */
import { decodeMessage, ProtobufDecodeError } from './proto/decode.js';
import { messageForKind } from './proto/index.js';
import protobuf from 'protobufjs/minimal.js';

export { ProtobufDecodeError } from './proto/decode.js';

/** The media type of Kubernetes protobuf bodies. */
export const KUBERNETES_PROTOBUF = 'application/vnd.kubernetes.protobuf';

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

/** Thrown when the body names an apiVersion/kind we have no wire table for; the server answers 415. */
export class UnsupportedProtobufKind extends Error {
  readonly apiVersion: string;
  readonly kind: string;
  constructor(apiVersion: string, kind: string) {
    super(`protobuf encoding is not supported for ${kind} in ${apiVersion || '(no apiVersion)'}`);
    this.name = 'UnsupportedProtobufKind';
    this.apiVersion = apiVersion;
    this.kind = kind;
  }
}

/** True when `bytes` starts with the Kubernetes protobuf magic prefix `k8s\0`. */
export function isKubernetesProtobuf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b);
}

interface UnknownEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

function readEnvelope(body: Uint8Array): UnknownEnvelope {
  const env: UnknownEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const r = protobuf.Reader.create(body);
  while (r.pos < r.len) {
    const tag = r.uint32();
    const num = tag >>> 3;
    const wire = tag & 7;
    if (wire !== 2 || num < 1 || num > 4) {
      r.skipType(wire);
      continue;
    }
    const value = r.bytes();
    if (num === 1) {
      const t = protobuf.Reader.create(value);
      while (t.pos < t.len) {
        const ttag = t.uint32();
        if (ttag === ((1 << 3) | 2)) env.apiVersion = t.string();
        else if (ttag === ((2 << 3) | 2)) env.kind = t.string();
        else t.skipType(ttag & 7);
      }
    } else if (num === 2) env.raw = value;
    else {
      const s = new TextDecoder().decode(value);
      if (num === 3) env.contentEncoding = s;
      else env.contentType = s;
    }
  }
  return env;
}

/**
 * Decodes a `k8s\0`-prefixed protobuf body into the JSON object the JSON codec would produce
 * (apiVersion and kind included). Throws UnsupportedProtobufKind for an apiVersion/kind without
 * a wire table, and ProtobufDecodeError for bytes that are not a valid encoding.
 */
export function decodeKubernetesProtobuf(bytes: Uint8Array): any {
  if (!isKubernetesProtobuf(bytes)) throw new ProtobufDecodeError('protobuf: missing the k8s\\0 prefix');
  let env: UnknownEnvelope;
  try {
    env = readEnvelope(bytes.subarray(4));
  } catch (e) {
    throw asDecodeError(e);
  }
  if (env.contentEncoding !== '') {
    throw new ProtobufDecodeError(`protobuf: unsupported content encoding ${JSON.stringify(env.contentEncoding)}`);
  }
  const message = messageForKind(env.apiVersion, env.kind);
  if (!message) throw new UnsupportedProtobufKind(env.apiVersion, env.kind);
  try {
    return { kind: env.kind, apiVersion: env.apiVersion, ...decodeMessage(env.raw, message) };
  } catch (e) {
    throw asDecodeError(e);
  }
}

function asDecodeError(e: unknown): Error {
  if (e instanceof ProtobufDecodeError) return e;
  // protobufjs' Reader throws RangeError("index out of range: …") on truncated input.
  if (e instanceof RangeError || e instanceof Error) return new ProtobufDecodeError(`protobuf: ${e.message}`);
  return new ProtobufDecodeError('protobuf: malformed body');
}
