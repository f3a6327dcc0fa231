/**
 * Live collections, as client-go's informers keep them: LIST, then WATCH from the list's
 * resourceVersion, resuming from the last one seen when the stream ends, and listing again when
 * it is too old (410 Expired). One informer per collection is shared by every view that shows it
 * and stops a little after the last one leaves.
 *
 * Watches go over WebSockets: a browser speaking HTTP/1.1 (the local dev server) opens at most six
 * connections to a host, fewer than the watches of one page.
 */
import { ApiError, resourcePath, withQuery, type KubeClient, type Query, type ResourceRef } from './client';
import type { KubeObject, WatchEvent } from './types';

/** What a view reads from an informer. */
export interface InformerState<T extends KubeObject> {
  items: T[];
  /** True once the first LIST arrived. */
  synced: boolean;
  /** The last refusal (e.g. 403 Forbidden for a narrowed student), cleared by the next success. */
  error?: ApiError;
}

const GRACE_MS = 5000;
const MAX_BACKOFF_MS = 10_000;

/** One live collection. */
export class Informer<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  private snap: InformerState<T> = { items: [], synced: false };
  private readonly listeners = new Set<() => void>();
  private rv?: string;
  private socket?: { close(): void };
  private running = false;
  private stopTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private backoff = 500;
  private dirty = false;

  constructor(
    readonly client: KubeClient,
    readonly ref: ResourceRef,
    readonly query: Query = {},
  ) {}

  /** The current state (a new object after each change, so views can compare by identity). */
  get state(): InformerState<T> {
    return this.snap;
  }

  /** Be told of each change; starts the informer, and returns the unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    clearTimeout(this.stopTimer);
    if (!this.running) this.start();
    return () => {
      this.listeners.delete(fn);
      if (!this.listeners.size) this.stopTimer = setTimeout(() => this.stop(), GRACE_MS);
    };
  }

  private start(): void {
    this.running = true;
    void this.relist();
  }

  private stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = undefined;
  }

  private async relist(): Promise<void> {
    if (!this.running) return;
    try {
      const list = await this.client.list<T>(this.ref, this.query);
      if (!this.running) return;
      this.items.clear();
      for (const o of list.items) this.items.set(keyOf(o), o);
      this.rv = list.metadata.resourceVersion;
      this.snap = { ...this.snap, synced: true, error: undefined };
      this.backoff = 500;
      this.changed();
      this.watch();
    } catch (e) {
      this.snap = { ...this.snap, error: e instanceof ApiError ? e : new ApiError(0, String(e)) };
      this.changed();
      this.retry(() => this.relist());
    }
  }

  private watch(): void {
    if (!this.running) return;
    let expired = false;
    this.socket = this.client.watchSocket(
      this.ref,
      { ...this.query, resourceVersion: this.rv, allowWatchBookmarks: true },
      (e) => {
        if (e.type === 'ERROR') {
          expired = true;
          return;
        }
        this.apply(e);
      },
      (opened) => {
        this.socket = undefined;
        if (!this.running) return;
        // An opened watch the server ended: resume. One that never opened, or an Expired: list again.
        if (opened && !expired) {
          this.backoff = 500;
          this.watch();
        } else this.retry(() => this.relist());
      },
    );
  }

  private apply(e: WatchEvent): void {
    const o = e.object as T;
    if (o?.metadata?.resourceVersion) this.rv = o.metadata.resourceVersion;
    if (e.type === 'BOOKMARK') return;
    if (e.type === 'DELETED') this.items.delete(keyOf(o));
    else this.items.set(keyOf(o), o);
    this.changed();
  }

  private retry(fn: () => void): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(fn, this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  /** Notify once per burst of events (a microtask after the last one of a message). */
  private changed(): void {
    if (this.dirty) return;
    this.dirty = true;
    queueMicrotask(() => {
      this.dirty = false;
      this.snap = { ...this.snap, items: [...this.items.values()] };
      for (const fn of [...this.listeners]) fn();
    });
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

const shared = new WeakMap<KubeClient, Map<string, Informer<any>>>();

/** The shared informer of a collection for this client (made on first use). */
export function informerFor<T extends KubeObject>(client: KubeClient, ref: ResourceRef, query: Query = {}): Informer<T> {
  let m = shared.get(client);
  if (!m) shared.set(client, (m = new Map()));
  const key = withQuery(resourcePath({ ...ref, name: undefined }), query);
  let inf = m.get(key);
  if (!inf) m.set(key, (inf = new Informer<T>(client, { ...ref, name: undefined }, query)));
  return inf as Informer<T>;
}
