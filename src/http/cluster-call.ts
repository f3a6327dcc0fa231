import type { UserInfo } from '../apiserver/registry/context';
import { internalError, statusResponse, tooManyRequests, StatusError } from '../apiserver/status';
import { MAX_BODY_BYTES, readBody } from '../apiserver/codecs/body';
import type { TokenCredential } from '../auth/tokens';
import type { ClusterObject } from '../cluster/cluster-object';

/**
 * The Worker's call to a tenant's Durable Object, and what it answers when the call itself
 * fails (Cloudflare's Durable Objects error handling): an error marked `overloaded` is a 429
 * with Retry-After (retrying would add to the overload); one marked `retryable` (the connection
 * to the object was lost, the object restarted) is retried with back-off — reads always, and
 * writes too, because every attempt carries the same request id and the object answers a
 * repeated id from what the first attempt committed instead of applying it twice
 * (src/cluster/replays.ts); anything else is a 500 InternalError Status. Never a body kubectl
 * cannot parse.
 *
 * The request body is read here, once (it is bounded by the body limit), so that each attempt
 * sends the same bytes and no stream of the client's connection crosses to the object.
 */

/** Attempts in all for a retryable failure (the first and three retries). */
export const MAX_ATTEMPTS = 4;
/** The first retry's delay; each next one doubles it, with jitter. */
const BACKOFF_MS = 50;
/** Seconds an overloaded object's client is told to wait. */
const OVERLOADED_RETRY_AFTER = 1;

/** What the platform attaches to a failed call to a Durable Object. */
interface PlatformError {
  message?: string;
  retryable?: boolean;
  overloaded?: boolean;
  remote?: boolean;
}

export type ClusterStub = Pick<DurableObjectStub<ClusterObject>, 'serve'>;

export interface ClusterCall {
  path: string;
  base: string;
  user: UserInfo;
  credential?: TokenCredential;
}

/**
 * Serve `request` by the cluster `stubFor()` names (a new stub for each attempt, as the
 * platform advises after a failure). `sleep` is replaceable for tests.
 */
export async function serveByCluster(stubFor: () => ClusterStub, request: Request, call: ClusterCall, sleep: (ms: number) => Promise<void> = delay): Promise<Response> {
  const body = await readClientBody(request);
  if (body instanceof Response) return body;
  const id = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    const attemptRequest = new Request(request.url, { method: request.method, headers: request.headers, body });
    try {
      return await stubFor().serve(attemptRequest, call.path, call.base, call.user, call.credential, id, attempt);
    } catch (e) {
      const err = (e ?? {}) as PlatformError;
      if (err.overloaded) return statusResponse(tooManyRequests(OVERLOADED_RETRY_AFTER));
      if (err.retryable && attempt < MAX_ATTEMPTS) {
        await sleep(BACKOFF_MS * 2 ** (attempt - 1) * (1 + Math.random()));
        continue;
      }
      return failedCall(e);
    }
  }
}

/** A call that failed for good (or a stream that cannot be retried): a 500 InternalError Status. */
export function failedCall(e: unknown): Response {
  const err = (e ?? {}) as PlatformError;
  if (err.overloaded) return statusResponse(tooManyRequests(OVERLOADED_RETRY_AFTER));
  console.error('cluster call failed', e);
  return statusResponse(internalError(err.message || String(e)));
}

/** The body's bytes (none for GET, HEAD and empty bodies), or the 413 when they exceed the limit. */
async function readClientBody(request: Request): Promise<Uint8Array | null | Response> {
  if (!request.body || request.method === 'GET' || request.method === 'HEAD') return null;
  // A declared length within the limit (a larger one was refused before) frames the body: the
  // runtime reads it whole, with no chunk-by-chunk bound to keep.
  const length = request.headers.get('content-length');
  if (length !== null && /^\d+$/.test(length) && Number(length) <= MAX_BODY_BYTES) return new Uint8Array(await request.arrayBuffer());
  try {
    return await readBody(request, 'cancel');
  } catch (e) {
    if (e instanceof StatusError) return statusResponse(e);
    throw e;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
