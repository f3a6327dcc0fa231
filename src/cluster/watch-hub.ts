import type { KubeObject } from '../apiserver/types';
import type { Change, EventType } from './storage';

/**
 * Fan-out of committed changes to open watches. Each watch has a predicate (namespace, label
 * and field selectors) and an encoder (JSON object or Table row); an object that stops matching
 * is sent as DELETED, one that starts matching as ADDED (as the watch cache does). A watcher
 * whose client does not read is closed rather than allowed to buffer without bound.
 */
export interface Watcher {
  resource: string;
  namespace: string;
  matches(obj: KubeObject): boolean;
  encode(type: EventType | 'BOOKMARK' | 'ERROR', obj: unknown): string;
  /** Last resourceVersion sent: events at or below it are skipped (no duplicates). */
  lastRV: number;
  /** With allowWatchBookmarks: the BOOKMARK object to send now (the latest resourceVersion). */
  bookmark?: () => unknown;
}

interface OpenWatch extends Watcher {
  writer: WritableStreamDefaultWriter<Uint8Array>;
  closed: boolean;
  timer?: ReturnType<typeof setTimeout>;
  ticker?: ReturnType<typeof setInterval>;
}

/**
 * How often a watch that allows bookmarks gets one (the watch cache's bookmark frequency). The
 * timer lives only as long as the open stream, which keeps the object awake anyway.
 */
export const BOOKMARK_INTERVAL_MS = 60_000;

/** Bytes a slow watcher may leave unread before it is dropped. */
const MAX_BUFFERED = 8 * 1024 * 1024;

const encoder = new TextEncoder();

/** A listener's failure is its own: the commit and the other listeners go on. */
function notify(fn: (changes: Change[] | null) => void, changes: Change[] | null): void {
  try {
    fn(changes);
  } catch (e) {
    console.error('watch listener', e);
  }
}

export class WatchHub {
  private watches = new Set<OpenWatch>();
  private listeners = new Set<(changes: Change[] | null) => void>();

  /**
   * Calls `fn` after each commit with its changes, and with `null` when the hub closes (reset,
   * destroy): in-process followers such as `kubectl logs -f`. Returns the unsubscribe.
   */
  listen(fn: (changes: Change[] | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Number of open watches. */
  get size(): number {
    return this.watches.size;
  }

  /**
   * Open a watch: `initial` events are written first (replayed history or synthetic ADDED),
   * then every later matching change. Returns the stream to answer with.
   */
  open(w: Watcher, initial: { type: EventType | 'BOOKMARK'; object: unknown; rv: number }[], timeoutMs: number): ReadableStream<Uint8Array> {
    const ts = new TransformStream<Uint8Array, Uint8Array>(undefined, { highWaterMark: MAX_BUFFERED, size: (c) => c.byteLength }, { highWaterMark: MAX_BUFFERED, size: (c) => c.byteLength });
    const open: OpenWatch = { ...w, writer: ts.writable.getWriter(), closed: false };
    this.watches.add(open);
    for (const e of initial) this.send(open, e.type, e.object, 0);
    for (const e of initial) open.lastRV = Math.max(open.lastRV, e.rv);
    open.timer = setTimeout(() => this.close(open), timeoutMs);
    if (open.bookmark) open.ticker = setInterval(() => this.send(open, 'BOOKMARK', open.bookmark!(), 0), BOOKMARK_INTERVAL_MS);
    open.writer.closed.catch(() => this.close(open));
    return ts.readable;
  }

  /** Deliver committed changes to every watch of their resource. */
  publish(changes: Change[]): void {
    for (const fn of [...this.listeners]) notify(fn, changes);
    if (!this.watches.size) return;
    for (const c of changes) {
      for (const w of this.watches) {
        if (w.closed || w.resource !== c.resource) continue;
        if (w.namespace && w.namespace !== c.namespace) continue;
        const type = eventFor(w, c);
        if (type) this.send(w, type, c.object, c.rv);
      }
    }
  }

  /** Close every watch (e.g. the object is shutting down). */
  closeAll(): void {
    for (const w of this.watches) this.close(w);
    for (const fn of [...this.listeners]) notify(fn, null);
  }

  private send(w: OpenWatch, type: EventType | 'BOOKMARK', obj: unknown, rv: number): void {
    if (w.closed) return;
    if (type !== 'BOOKMARK' && rv > 0) {
      if (rv <= w.lastRV) return;
      w.lastRV = rv;
    }
    if ((w.writer.desiredSize ?? 0) <= 0) {
      // The client stopped reading: end the watch with an error, as a lagging watch cache does.
      this.close(w);
      return;
    }
    w.writer.write(encoder.encode(w.encode(type, obj))).catch(() => this.close(w));
  }

  private close(w: OpenWatch): void {
    if (w.closed) return;
    w.closed = true;
    if (w.timer) clearTimeout(w.timer);
    if (w.ticker) clearInterval(w.ticker);
    this.watches.delete(w);
    w.writer.close().catch(() => {});
  }
}

/** The event a watcher sees for a change, given its predicate (nothing when neither matches). */
export function eventFor(w: Pick<Watcher, 'matches'>, c: Change): EventType | undefined {
  const now = c.type !== 'DELETED' && w.matches(c.object);
  const before = c.old !== undefined && w.matches(c.old);
  if (c.type === 'DELETED') return before || w.matches(c.object) ? 'DELETED' : undefined;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}
