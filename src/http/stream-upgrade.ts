/**
 * WebSocket upgrades (kubectl exec, attach, port-forward) cannot cross the Worker → Durable
 * Object RPC (a 101 response with a WebSocket is not serialisable there), so they travel by
 * `stub.fetch`. The Worker, which has already authenticated the caller, packs `serve`'s other
 * arguments (path, base, user…) into one internal header; any such header from the client is
 * replaced. The Durable Object unpacks them and serves the request as usual.
 */

/** The internal header carrying `serve`'s arguments after the request. */
export const STREAM_ARGS_HEADER = 'x-kubeplay-stream-args';

/** Whether a request asks to be upgraded to a WebSocket. */
export function isWebSocketUpgrade(request: Request): boolean {
  return (request.headers.get('upgrade') ?? '').toLowerCase() === 'websocket';
}

/** The request to send with `stub.fetch`: the client's, with `args` (JSON) in the internal header. */
export function packStreamRequest(request: Request, args: unknown[]): Request {
  const headers = new Headers(request.headers);
  headers.set(STREAM_ARGS_HEADER, JSON.stringify(args));
  return new Request(request.url, { method: request.method, headers });
}

/** In the Durable Object: the original request and `serve`'s other arguments, or undefined. */
export function unpackStreamRequest(request: Request): [Request, ...unknown[]] | undefined {
  const raw = request.headers.get(STREAM_ARGS_HEADER);
  if (!raw) return undefined;
  const headers = new Headers(request.headers);
  headers.delete(STREAM_ARGS_HEADER);
  try {
    const args = JSON.parse(raw);
    if (!Array.isArray(args)) return undefined;
    return [new Request(request.url, { method: request.method, headers }), ...args];
  } catch {
    return undefined;
  }
}

/**
 * kube-apiserver's convention for browsers, which cannot set headers on a WebSocket: the bearer
 * token travels as a subprotocol `base64url.bearer.authorization.k8s.io.<base64url token>`
 * offered next to the real ones (k8s.io/apiserver pkg/authentication/request/websocket).
 */
export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

function offeredProtocols(request: Request): string[] {
  return (request.headers.get('sec-websocket-protocol') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The bearer token a WebSocket upgrade carries as a subprotocol, or undefined when it carries
 * none (or one that is not base64url, or empty, which upstream refuses as well).
 */
export function bearerFromProtocols(request: Request): string | undefined {
  if (!isWebSocketUpgrade(request)) return undefined;
  const offered = offeredProtocols(request).filter((p) => p.startsWith(BEARER_PROTOCOL_PREFIX));
  if (offered.length !== 1) return undefined;
  const encoded = offered[0].slice(BEARER_PROTOCOL_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  try {
    const bin = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const token = new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
    return token || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request without the bearer subprotocol, so the cluster picks (and answers with) a real
 * one, as upstream strips it after authenticating.
 */
export function withoutBearerProtocol(request: Request): Request {
  const offered = offeredProtocols(request);
  const kept = offered.filter((p) => !p.startsWith(BEARER_PROTOCOL_PREFIX));
  if (kept.length === offered.length) return request;
  const headers = new Headers(request.headers);
  if (kept.length) headers.set('sec-websocket-protocol', kept.join(', '));
  else headers.delete('sec-websocket-protocol');
  return new Request(request.url, { method: request.method, headers });
}
