import type { KubeObject } from '../apiserver/types';
import { cloneJSON } from '../apiserver/json-clone';
import { TextCache, type HasText } from './text-cache';

/**
 * The cluster's object store on the Durable Object's SQLite database: objects, the change log
 * (the watch history) and the resourceVersion counter. Every write is one synchronous
 * transaction that bumps the counter, writes the object rows and appends to the change log.
 * Parsed objects are cached per resource, their JSON texts in a bounded cache beside them
 * (text-cache.ts); both are the object's memory, never a module's.
 */
export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change, as the watch hub and the change log see it. */
export interface Change {
  type: EventType;
  resource: string;
  namespace: string;
  name: string;
  rv: number;
  object: KubeObject;
  /** The object before the change (for MODIFIED and DELETED). */
  old?: KubeObject;
}

/** A write to make: put stores `object` (created or replaced), delete removes it. */
export type WriteOp =
  | { op: 'put'; resource: string; object: KubeObject }
  | { op: 'delete'; resource: string; object: KubeObject };

/** A stored object in memory: parsed, and its JSON text while the text cache keeps it. */
class Entry implements HasText {
  cached?: string;

  constructor(
    readonly rv: number,
    readonly obj: KubeObject,
    private readonly texts: TextCache<Entry>,
  ) {}

  /** The stored JSON text (the same bytes as the row's: `obj` is never changed once stored). */
  get text(): string {
    return this.texts.text(this, () => JSON.stringify(this.obj));
  }
}

/**
 * The secondary indexes the store keeps in memory, as client-go's Indexers: per resource, an
 * index name and the function giving an object's value for it (undefined: not indexed). Lookups
 * by them cost the matching objects, not the whole resource.
 */
export const INDEXES: Record<string, Record<string, (o: KubeObject) => string | undefined>> = {
  events: { involvedObject: (o) => o.involvedObject?.uid },
  pods: { nodeName: (o) => o.spec?.nodeName || undefined },
};

/**
 * One resource's objects in memory: by `namespace/name`, the names of each namespace in sorted
 * order (so a list of one namespace costs that namespace's objects, already sorted), and the
 * secondary indexes' keys.
 */
class Bucket {
  readonly entries = new Map<string, Entry>();
  private readonly names = new Map<string, string[]>();
  private namespaces: string[] | undefined = [];
  /** Lists already made, by namespace ('' for all), until a write of that namespace. */
  private readonly lists = new Map<string, readonly Entry[]>();
  private readonly indexers: [string, (o: KubeObject) => string | undefined][];
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  constructor(
    resource: string,
    private readonly texts: TextCache<Entry>,
  ) {
    this.indexers = Object.entries(INDEXES[resource] ?? {});
    for (const [name] of this.indexers) this.indexes.set(name, new Map());
  }

  set(ns: string, name: string, e: Entry): void {
    const key = `${ns}/${name}`;
    const prev = this.entries.get(key);
    this.entries.set(key, e);
    this.unlist(ns);
    if (prev) {
      this.texts.forget(prev);
      this.unindex(key, prev.obj);
    } else {
      let names = this.names.get(ns);
      if (!names) {
        this.names.set(ns, (names = []));
        this.namespaces = undefined;
      }
      names.splice(bisect(names, name), 0, name);
    }
    this.index(key, e.obj);
  }

  delete(ns: string, name: string): void {
    const key = `${ns}/${name}`;
    const prev = this.entries.get(key);
    if (!prev) return;
    this.entries.delete(key);
    this.texts.forget(prev);
    this.unlist(ns);
    this.unindex(key, prev.obj);
    const names = this.names.get(ns)!;
    names.splice(bisect(names, name), 1);
    if (!names.length) {
      this.names.delete(ns);
      this.namespaces = undefined;
    }
  }

  /**
   * Entries of one namespace (all when `ns` is undefined or ''), sorted by namespace then name;
   * the array is shared until the next write of that namespace.
   */
  list(ns = ''): readonly Entry[] {
    const made = this.lists.get(ns);
    if (made) return made;
    const out: Entry[] = [];
    const spaces = ns ? [ns] : (this.namespaces ??= [...this.names.keys()].sort(cmp));
    for (const space of spaces) for (const name of this.names.get(space) ?? []) out.push(this.entries.get(`${space}/${name}`)!);
    this.lists.set(ns, out);
    return out;
  }

  private unlist(ns: string): void {
    this.lists.delete(ns);
    this.lists.delete('');
  }

  /** Entries whose `index` value is `value`, sorted by namespace then name. */
  lookup(index: string, value: string): Entry[] {
    const keys = this.indexes.get(index);
    if (!keys) throw new Error(`no index ${index}`);
    return [...(keys.get(value) ?? [])].sort(cmp).map((k) => this.entries.get(k)!);
  }

  private index(key: string, obj: KubeObject): void {
    for (const [name, fn] of this.indexers) {
      const v = fn(obj);
      if (v === undefined) continue;
      const m = this.indexes.get(name)!;
      let set = m.get(v);
      if (!set) m.set(v, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: string, obj: KubeObject): void {
    for (const [name, fn] of this.indexers) {
      const v = fn(obj);
      if (v === undefined) continue;
      const m = this.indexes.get(name)!;
      const set = m.get(v);
      set?.delete(key);
      if (set && !set.size) m.delete(v);
    }
  }
}

/** Where `name` is or would go in the sorted `names`. */
function bisect(names: string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid] < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many changes the log keeps before the oldest are compacted away. */
export const CHANGE_LOG_WINDOW = 10_000;

export class ObjectStore {
  private cache = new Map<string, Bucket>();
  private readonly texts: TextCache<Entry>;
  private rv = 0;
  private compacted = 0;
  private writesSinceTrim = 0;

  private readonly window: number;
  private readonly trimEvery: number;
  private readonly onCommit?: (changes: Change[]) => void;

  /**
   * `window` changes are kept; the log is trimmed every `trimEvery` writes. `onCommit` runs
   * inside each commit's transaction after its rows are written (the outbox hook): what it
   * writes commits or rolls back with the change, and an exception it throws aborts the commit.
   */
  constructor(
    private readonly sql: SqlStorage,
    private readonly transactionSync: <T>(fn: () => T) => T,
    opts: { window?: number; trimEvery?: number; onCommit?: (changes: Change[]) => void; textChars?: number } = {},
  ) {
    this.texts = new TextCache<Entry>(opts.textChars);
    this.window = opts.window ?? CHANGE_LOG_WINDOW;
    this.trimEvery = opts.trimEvery ?? 500;
    this.onCommit = opts.onCommit;
  }

  /** Create the tables and read the counters. Idempotent. */
  init(): void {
    this.sql.exec(`CREATE TABLE IF NOT EXISTS objects (
      resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
      rv INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (resource, namespace, name))`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS changes (
      rv INTEGER PRIMARY KEY, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
      type TEXT NOT NULL, data TEXT NOT NULL, old TEXT)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    this.cache.clear();
    this.texts.clear();
    this.rv = Number(this.metaGet('rv') ?? '0');
    this.compacted = Number(this.metaGet('compacted') ?? '0');
  }

  private metaGet(key: string): string | undefined {
    const row = this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0];
    return row?.value;
  }

  private metaSet(key: string, value: string): void {
    this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, value);
  }

  /** Add one to a named counter kept with the cluster (alarms fired…); returns the new value. */
  increment(counter: string): number {
    const v = this.counter(counter) + 1;
    this.metaSet(`count:${counter}`, String(v));
    return v;
  }

  /** A named counter's value (0 when never incremented). */
  counter(counter: string): number {
    return Number(this.metaGet(`count:${counter}`) ?? '0');
  }

  /** The newest resourceVersion handed out. */
  currentRV(): number {
    return this.rv;
  }

  /** Changes after this resourceVersion are no longer all in the log (read from storage). */
  compactedRV(): number {
    this.compacted = Number(this.metaGet('compacted') ?? '0');
    return this.compacted;
  }

  private load(resource: string): Bucket {
    let b = this.cache.get(resource);
    if (b) return b;
    b = new Bucket(resource, this.texts);
    for (const row of this.sql.exec<{ namespace: string; name: string; rv: number; data: string }>(
      'SELECT namespace, name, rv, data FROM objects WHERE resource = ?',
      resource,
    )) {
      // The text is not kept: loading a whole resource would push out the texts in use.
      b.set(row.namespace, row.name, new Entry(row.rv, JSON.parse(row.data), this.texts));
    }
    this.cache.set(resource, b);
    return b;
  }

  /** The stored object (shared: callers must not mutate it), or undefined. */
  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.load(resource).entries.get(`${namespace}/${name}`)?.obj;
  }

  /**
   * The JSON text `obj` is stored as, when `obj` is the stored object itself (what `get` and a
   * commit's changes hand out): a write's answer and a get reuse it instead of encoding again.
   */
  textOf(resource: string, obj: KubeObject): string | undefined {
    const e = this.cache.get(resource)?.entries.get(`${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`);
    return e?.obj === obj ? e.text : undefined;
  }

  /**
   * Stored objects of a resource, in one namespace or all, sorted by namespace then name. A
   * namespace's list costs its own objects, whatever the others hold; the array is shared until
   * the next write of that resource and namespace: callers must not change it.
   */
  list(resource: string, namespace?: string): readonly { readonly obj: KubeObject; readonly text: string }[] {
    return this.load(resource).list(namespace);
  }

  /**
   * Stored objects of a resource whose value for one of its INDEXES is `value` (events by the
   * uid of their involved object, pods by node), sorted by namespace then name.
   */
  byIndex(resource: string, index: string, value: string): { obj: KubeObject; text: string }[] {
    return this.load(resource).lookup(index, value);
  }

  /**
   * Record the Worker version this instance runs (`undefined`: unknown); true when it is not the
   * one recorded last (new code), or unknown.
   */
  recordCodeVersion(id: string | undefined): boolean {
    if (id === undefined) return true;
    if (this.metaGet('code-version') === id) return false;
    this.metaSet('code-version', id);
    return true;
  }

  /** The JSON texts held in memory (bounded: text-cache.ts). */
  textsHeld(): { chars: number; texts: number } {
    return this.texts.size;
  }

  /** How many objects each resource holds (storage keys: `pods`, `deployments.apps`), from SQL alone. */
  countsByResource(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.sql.exec<{ resource: string; n: number }>('SELECT resource, COUNT(*) AS n FROM objects GROUP BY resource ORDER BY resource')) out.set(r.resource, r.n);
    return out;
  }

  /** Resources that hold at least one object (for namespace deletion). */
  resourcesWithObjects(): string[] {
    return this.sql.exec<{ resource: string }>('SELECT DISTINCT resource FROM objects').toArray().map((r) => r.resource);
  }

  /**
   * Commit writes in one transaction: each gets the next resourceVersion. Objects given are
   * copied; the returned changes carry the stored objects.
   */
  commit(ops: WriteOp[]): Change[] {
    const changes: Change[] = [];
    const cacheUpdates: (() => void)[] = [];
    this.transactionSync(() => {
      let rv = this.rv;
      for (const w of ops) {
        rv++;
        const ns = w.object.metadata.namespace ?? '';
        const name = w.object.metadata.name ?? '';
        const bucket = this.load(w.resource);
        const prev = bucket.entries.get(`${ns}/${name}`);
        const obj = cloneJSON(w.object);
        obj.metadata.resourceVersion = String(rv);
        const text = JSON.stringify(obj);
        let type: EventType;
        if (w.op === 'put') {
          type = prev ? 'MODIFIED' : 'ADDED';
          this.sql.exec(
            'INSERT INTO objects (resource, namespace, name, rv, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(resource, namespace, name) DO UPDATE SET rv = excluded.rv, data = excluded.data',
            w.resource, ns, name, rv, text,
          );
          cacheUpdates.push(() => {
            const e = new Entry(rv, obj, this.texts);
            bucket.set(ns, name, e);
            this.texts.remember(e, text);
          });
        } else {
          type = 'DELETED';
          this.sql.exec('DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?', w.resource, ns, name);
          cacheUpdates.push(() => bucket.delete(ns, name));
        }
        this.sql.exec(
          'INSERT INTO changes (rv, resource, namespace, name, type, data, old) VALUES (?, ?, ?, ?, ?, ?, ?)',
          rv, w.resource, ns, name, type, text, prev ? prev.text : null,
        );
        changes.push({ type, resource: w.resource, namespace: ns, name, rv, object: obj, old: prev?.obj });
      }
      this.metaSet('rv', String(rv));
      this.onCommit?.(changes);
      this.writesSinceTrim += ops.length;
      if (this.writesSinceTrim >= this.trimEvery) {
        this.writesSinceTrim = 0;
        const floor = rv - this.window;
        if (floor > this.compacted) {
          this.sql.exec('DELETE FROM changes WHERE rv <= ?', floor);
          this.metaSet('compacted', String(floor));
        }
      }
    });
    // Only after the transaction committed: the in-memory view follows the database.
    for (const u of cacheUpdates) u();
    this.rv = changes.length ? changes[changes.length - 1].rv : this.rv;
    this.compacted = Number(this.metaGet('compacted') ?? this.compacted);
    return changes;
  }

  /**
   * Remove every object and the whole change log in one transaction (a cluster reset). The
   * resourceVersion counter keeps growing and everything up to it counts as compacted, so a
   * client's old resourceVersion gets 410 Expired rather than a view of the wiped cluster.
   * `also` runs inside the same transaction.
   */
  wipe(also?: () => void): void {
    this.transactionSync(() => {
      this.sql.exec('DELETE FROM objects');
      this.sql.exec('DELETE FROM changes');
      this.metaSet('compacted', String(this.rv));
      also?.();
    });
    this.cache.clear();
    this.texts.clear();
    this.compacted = this.rv;
  }

  /** Changes of a resource after `rv`, oldest first (the caller checked `rv >= compactedRV()`). */
  changesSince(resource: string, rv: number): Change[] {
    const out: Change[] = [];
    for (const row of this.sql.exec<{ rv: number; namespace: string; name: string; type: EventType; data: string; old: string | null }>(
      'SELECT rv, namespace, name, type, data, old FROM changes WHERE resource = ? AND rv > ? ORDER BY rv',
      resource, rv,
    )) {
      out.push({ type: row.type, resource, namespace: row.namespace, name: row.name, rv: row.rv, object: JSON.parse(row.data), old: row.old ? JSON.parse(row.old) : undefined });
    }
    return out;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
