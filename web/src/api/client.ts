/**
 * The dashboard's HTTP client: the public Kubernetes API of one cluster (`/clusters/<tenant>`)
 * and the classroom API (`/admin/v1`), with the caller's bearer token — the same requests, and so
 * the same RBAC, as kubectl. Shared by the student and the instructor views.
 */
import type { KubeObject, KubeList, KubeStatus, WatchEvent } from './types';

/** A refused request: the HTTP status and the Kubernetes Status (or admin API error) body. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: string,
    readonly status?: KubeStatus,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Query parameters; undefined values are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** `path?query` with the undefined values dropped. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.append(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** An ApiError from a failed response: a Kubernetes Status, `{code, message}`, or the text. */
export async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body?.kind === 'Status') return new ApiError(res.status, body.message ?? res.statusText, body.reason, body);
    if (typeof body?.message === 'string') return new ApiError(res.status, body.message, body.code);
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, text.trim() || `${res.status} ${res.statusText}`);
}

/**
 * Requests under a base path with a bearer token. `onUnauthorized` runs on a 401 (a revoked or
 * expired token: the app logs out).
 */
export class HttpClient {
  constructor(
    readonly base: string,
    readonly token: string,
    private readonly onUnauthorized?: () => void,
  ) {}

  /** fetch `base + path` with the token; throws ApiError unless the answer is 2xx. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.token}`);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    const res = await fetch(`${this.base}${path}`, { ...init, headers });
    if (!res.ok) {
      if (res.status === 401) this.onUnauthorized?.();
      throw await errorOf(res);
    }
    return res;
  }

  /** GET and parse JSON. */
  async json<T>(path: string, query?: Query): Promise<T> {
    return (await this.request(withQuery(path, query))).json() as Promise<T>;
  }

  /** A request with a JSON body (POST, PUT, DELETE…), answer parsed when it has one. */
  async send<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const res = await this.request(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Where an object (or a collection) lives in the API. */
export interface ResourceRef {
  /** '' (or undefined) for the core group. */
  group?: string;
  version: string;
  /** Plural resource name: pods, deployments… */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The API path of a collection or an object: `/api/v1/namespaces/ns/pods/name/log`. */
export function resourcePath(r: ResourceRef): string {
  let p = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespace) p += `/namespaces/${encodeURIComponent(r.namespace)}`;
  p += `/${r.resource}`;
  if (r.name) p += `/${encodeURIComponent(r.name)}`;
  if (r.subresource) p += `/${r.subresource}`;
  return p;
}

/** The field manager the dashboard's server-side applies are recorded under. */
export const FIELD_MANAGER = 'kubeplay-dashboard';

/**
 * The field manager of the dashboard's other writes (PUT, merge patches), as kubectl edit records
 * `kubectl-edit`: a later apply that changes those fields names it in its conflict.
 */
export const EDIT_FIELD_MANAGER = 'kubeplay-dashboard-edit';

/** One cluster's Kubernetes API. */
export class KubeClient extends HttpClient {
  /** The cluster name (the tenant). */
  readonly tenant: string;

  constructor(tenant: string, token: string, onUnauthorized?: () => void) {
    super(`/clusters/${tenant}`, token, onUnauthorized);
    this.tenant = tenant;
  }

  /** GET one object. */
  get<T extends KubeObject = KubeObject>(ref: ResourceRef): Promise<T> {
    return this.json<T>(resourcePath(ref));
  }

  /** LIST a collection (all namespaces when `ref.namespace` is unset). */
  list<T extends KubeObject = KubeObject>(ref: ResourceRef, query?: Query): Promise<KubeList<T>> {
    return this.json<KubeList<T>>(resourcePath({ ...ref, name: undefined }), query);
  }

  /** PUT (replace) an object; a stale resourceVersion gets a 409 Conflict, as kubectl edit does. */
  update<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: T): Promise<T> {
    return this.send<T>('PUT', withQuery(resourcePath(ref), { fieldManager: EDIT_FIELD_MANAGER }), obj);
  }

  /** Server-side apply (application/apply-patch+yaml) under the dashboard's field manager. */
  apply<T extends KubeObject = KubeObject>(ref: ResourceRef, yamlText: string, force = false): Promise<T> {
    return this.send<T>('PATCH', withQuery(resourcePath(ref), { fieldManager: FIELD_MANAGER, force: force || undefined }), yamlText, 'application/apply-patch+yaml');
  }

  /** A merge patch (e.g. scale, cordon). */
  mergePatch<T extends KubeObject = KubeObject>(ref: ResourceRef, patch: unknown): Promise<T> {
    return this.send<T>('PATCH', withQuery(resourcePath(ref), { fieldManager: EDIT_FIELD_MANAGER }), patch, 'application/merge-patch+json');
  }

  /** DELETE an object. */
  remove(ref: ResourceRef): Promise<unknown> {
    return this.send('DELETE', resourcePath(ref));
  }

  /**
   * Watch over chunked HTTP (fetch streaming) from `resourceVersion`, calling `onEvent` per event
   * until the server ends the stream or `signal` aborts. Resolves with the last resourceVersion
   * seen, to resume from. For many watches at once prefer `watchSocket` (see informer.ts).
   */
  async watch(ref: ResourceRef, opts: { resourceVersion?: string; query?: Query; signal?: AbortSignal }, onEvent: (e: WatchEvent) => void): Promise<string | undefined> {
    const path = withQuery(resourcePath({ ...ref, name: undefined }), { ...opts.query, watch: 1, allowWatchBookmarks: true, resourceVersion: opts.resourceVersion });
    const res = await this.request(path, { signal: opts.signal });
    let rv = opts.resourceVersion;
    await readLines(res, opts.signal, (line) => {
      const e = JSON.parse(line) as WatchEvent;
      rv = e.object?.metadata?.resourceVersion ?? rv;
      onEvent(e);
    });
    return rv;
  }

  /**
   * A watch over a WebSocket (the Worker frames each event as one message, src/http/watch-socket.ts),
   * authenticated by the bearer subprotocol. `onClose(opened)` tells whether it ever opened.
   */
  watchSocket(ref: ResourceRef, query: Query, onEvent: (e: WatchEvent) => void, onClose: (opened: boolean) => void): { close(): void } {
    const url = socketUrl(`${this.base}${withQuery(resourcePath({ ...ref, name: undefined }), { ...query, watch: 1 })}`);
    const ws = new WebSocket(url, ['binary.k8s.io', bearerProtocol(this.token)]);
    ws.binaryType = 'arraybuffer';
    const dec = new TextDecoder();
    let opened = false;
    ws.addEventListener('open', () => (opened = true));
    ws.addEventListener('message', (m: MessageEvent) => {
      const text = typeof m.data === 'string' ? m.data : dec.decode(m.data as ArrayBuffer);
      onEvent(JSON.parse(text) as WatchEvent);
    });
    ws.addEventListener('close', () => onClose(opened));
    return { close: () => ws.close() };
  }

  /**
   * Stream a text subresource (a pod's log with `follow=true`): `onText` per chunk until the
   * stream ends or `signal` aborts.
   */
  async streamText(ref: ResourceRef, query: Query, onText: (text: string) => void, signal?: AbortSignal): Promise<void> {
    const res = await this.request(withQuery(resourcePath(ref), query), { signal, headers: { Accept: '*/*' } });
    if (!res.body) return onText(await res.text());
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        onText(value);
      }
    } catch (e) {
      if (signal?.aborted) return;
      throw e;
    }
  }
}

/** The subprotocol carrying a bearer token for a browser WebSocket (kube-apiserver's convention). */
export function bearerProtocol(token: string): string {
  const bytes = new TextEncoder().encode(token);
  const b64 = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `base64url.bearer.authorization.k8s.io.${b64}`;
}

/** A same-origin path as a ws(s):// URL. */
export function socketUrl(path: string): string {
  // The page's location (typed by hand: the unit tests compile this file without the DOM lib).
  const loc = (globalThis as unknown as { location: { protocol: string; host: string } }).location;
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${path}`;
}

/** Read a response body line by line (newline-delimited JSON). */
async function readLines(res: Response, signal: AbortSignal | undefined, onLine: (line: string) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) onLine(line);
      }
    }
    if (buf.trim()) onLine(buf.trim());
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
}
