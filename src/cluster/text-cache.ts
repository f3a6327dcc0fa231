/**
 * The JSON texts of stored objects kept in memory, bounded: the most recently written or read
 * texts up to a budget of characters, the least recently used given up first. Every stored
 * object stays in memory parsed (controllers read them all the time); its text is only a
 * shortcut for answers (a get, a list, a write's response) and is made again from the parsed
 * object when it was given up. Without a bound the texts alone are a third of a large
 * cluster's heap (5,000 pods and their events: ~34 MB of text beside ~50 MB parsed).
 */
export interface HasText {
  /** The cached text, or undefined when given up. Set only by the cache. */
  cached?: string;
}

/** The default budget: 8 Mi characters (a list of 1,000 pods is ~4 Mi). */
export const TEXT_CACHE_CHARS = 8 * 1024 * 1024;

export class TextCache<E extends HasText> {
  /** Entries holding a text, least recently used first (a Map keeps insertion order). */
  private readonly order = new Map<E, number>();
  private chars = 0;

  constructor(private readonly budget = TEXT_CACHE_CHARS) {}

  /** `entry`'s text: the cached one (now the most recent), or `make()`'s, cached. */
  text(entry: E, make: () => string): string {
    const t = entry.cached;
    if (t !== undefined) {
      this.order.delete(entry);
      this.order.set(entry, t.length);
      return t;
    }
    const made = make();
    this.remember(entry, made);
    return made;
  }

  /** Cache `text` as `entry`'s (a write's text, already made). */
  remember(entry: E, text: string): void {
    this.forget(entry);
    if (text.length > this.budget) return;
    entry.cached = text;
    this.order.set(entry, text.length);
    this.chars += text.length;
    for (const [old, n] of this.order) {
      if (this.chars <= this.budget) break;
      this.order.delete(old);
      old.cached = undefined;
      this.chars -= n;
    }
  }

  /** Give up `entry`'s text (the entry was replaced or deleted). */
  forget(entry: E): void {
    const n = this.order.get(entry);
    if (n === undefined) return;
    this.order.delete(entry);
    entry.cached = undefined;
    this.chars -= n;
  }

  clear(): void {
    for (const e of this.order.keys()) e.cached = undefined;
    this.order.clear();
    this.chars = 0;
  }

  /** Characters held, and how many texts. */
  get size(): { chars: number; texts: number } {
    return { chars: this.chars, texts: this.order.size };
  }
}
