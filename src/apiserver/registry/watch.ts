import { storageKey } from '../../resources/catalog';
import type { EventType } from '../../cluster/storage';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { convertOut } from './convert';
import { selectorPredicate } from './read';
import { wantsTable, tableOf } from './table';
import { eventFor } from '../../cluster/watch-hub';
import { apiVersionOf } from '../../resources/catalog';
import { validateListOptions } from './list-options';

/** The annotation of the bookmark that ends a watch's initial events (watch-list). */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** Default watch timeout when the client sets none (kube-apiserver picks 30–60 minutes). */
const DEFAULT_TIMEOUT_S = 1800;

/**
 * WATCH: resourceVersion unset or "0" starts with synthetic ADDED events for the current state;
 * a later one replays exactly the changes after it; one older than the kept history gets an
 * ERROR event with a 410 Expired Status (as the watch cache answers). With
 * `sendInitialEvents=true` (watch-list, what client-go's reflectors and helm 4 use) the current
 * state comes as ADDED events followed by a BOOKMARK annotated `k8s.io/initial-events-end`;
 * `allowWatchBookmarks=true` adds a BOOKMARK with the latest resourceVersion every minute.
 */
export function watchObjects(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info, query } = req;
  const key = storageKey(def);
  const ns = def.namespaced ? info.namespace : '';
  const pred = selectorPredicate(req);
  const nameFilter = info.name;
  const matches = (o: KubeObject) => (!nameFilter || o.metadata.name === nameFilter) && pred(o);
  const table = wantsTable(req.headers.get('accept'));
  const now = () => ctx.now();
  const encode = (type: EventType | 'BOOKMARK' | 'ERROR', obj: unknown): string => {
    let object: unknown = obj;
    if (type === 'BOOKMARK' || type === 'ERROR') object = obj;
    else if (table) object = tableOf(req, [obj as KubeObject], {}, now());
    else object = convertOut(def, info.apiVersion, obj as KubeObject);
    return JSON.stringify({ type, object }) + '\n';
  };
  validateListOptions(query, true);
  const timeout = Math.max(1, Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S)) * 1000;
  const rvParam = query.get('resourceVersion') ?? '';
  const current = ctx.store.currentRV();
  const initial: { type: EventType | 'BOOKMARK'; object: unknown; rv: number }[] = [];
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const sendInitial = query.get('sendInitialEvents');
  const bookmarkAt = (rv: number, annotations?: Record<string, string>) => ({
    kind: def.kind,
    apiVersion: apiVersionOf(def.group, info.apiVersion),
    metadata: { resourceVersion: String(rv), creationTimestamp: null, ...(annotations ? { annotations } : {}) },
  });
  let lastRV = 0;
  if (sendInitial === 'true' || (sendInitial === null && (rvParam === '' || rvParam === '0'))) {
    for (const e of ctx.store.list(key, ns)) if (matches(e.obj)) initial.push({ type: 'ADDED', object: e.obj, rv: Number(e.obj.metadata.resourceVersion) });
    initial.sort((a, b) => a.rv - b.rv);
    // Synthetic events may carry old RVs; later changes are all above `current`.
    for (const e of initial) e.rv = current;
    lastRV = current;
    if (sendInitial === 'true') initial.push({ type: 'BOOKMARK', object: bookmarkAt(current, { [INITIAL_EVENTS_END]: 'true' }), rv: current });
  } else if (sendInitial === 'false' && (rvParam === '' || rvParam === '0')) {
    // Watch-list without initial events: changes from now on.
    lastRV = current;
  } else {
    const since = Number(rvParam);
    if (!Number.isFinite(since)) {
      return errorStream(ctx, req, { code: 400, reason: 'BadRequest', message: `invalid resource version: ${rvParam}` }, encode);
    }
    const oldest = ctx.store.compactedRV();
    if (since < oldest) {
      return errorStream(ctx, req, { code: 410, reason: 'Expired', message: `too old resource version: ${since} (${oldest + 1})` }, encode);
    }
    for (const c of ctx.store.changesSince(key, since)) {
      if (ns && c.namespace !== ns) continue;
      const type = eventFor({ matches }, c);
      if (type) initial.push({ type, object: c.object, rv: c.rv });
    }
    lastRV = since;
  }
  const bookmark = bookmarks ? () => bookmarkAt(ctx.store.currentRV()) : undefined;
  const stream = ctx.hub.open({ resource: key, namespace: ns, matches, encode, lastRV, bookmark }, initial, timeout);
  return { code: 200, stream, contentType: 'application/json' };
}

function errorStream(
  _ctx: ClusterContext,
  _req: ApiRequest,
  s: { code: number; reason: string; message: string },
  encode: (type: 'ERROR', obj: unknown) => string,
): ApiResult {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: s.message, reason: s.reason, code: s.code };
  const body = new TextEncoder().encode(encode('ERROR', status));
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(body);
      c.close();
    },
  });
  return { code: 200, stream, contentType: 'application/json' };
}
