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
