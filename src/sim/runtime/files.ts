/**
 * The storage behind simulated container filesystems: named volumes of files. A volume is a
 * string key (`emptydir/<pod uid>/<volume>`, `overlay/<pod uid>/<container>/<restarts>`,
 * `hostpath/<node>`, `pv/<name>`, `meta/<pod uid>`); inside it, entries are absolute paths
 * (`/a/b`) that are files, directories or whiteouts (an image file deleted in an overlay).
 * Sizes are bounded: the playground keeps small text files, not databases.
 */

/** One stored entry. `w` marks a path removed from the image layer below an overlay. */
export interface FileEntry {
  kind: 'f' | 'd' | 'w';
  data: string;
}

/** Largest file, in characters. */
export const MAX_FILE_CHARS = 1 << 20;
/** Largest total content of one volume, in characters. */
export const MAX_VOLUME_CHARS = 8 << 20;
/** Most entries of one volume. */
export const MAX_VOLUME_ENTRIES = 5000;

/** A store of volumes. Implementations are synchronous (Durable Object SQLite, or memory for tests). */
export interface FileStore {
  get(vol: string, path: string): FileEntry | undefined;
  /** Create or replace an entry. Throws NoSpaceError past the limits. */
  put(vol: string, path: string, entry: FileEntry): void;
  delete(vol: string, path: string): void;
  /** Every entry strictly below `dir` (any depth), path → entry. */
  below(vol: string, dir: string): Map<string, FileEntry>;
  /** Remove the volume `key` and every volume below it (`key/…`). */
  dropVolumes(key: string): void;
  /** The volume keys that start with `prefix`. */
  volumes(prefix: string): string[];
}

/** Thrown when a write would exceed a limit: the shell reports `No space left on device`. */
export class NoSpaceError extends Error {
  constructor() {
    super('No space left on device');
  }
}

/** Normalises an absolute path: collapses `//`, `.` and `..`; the result starts with `/` and has no trailing `/` (except `/`). */
export function normalizePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  for (const p of full.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

/** The parent directory of a normalised path (`/` for `/x` and `/`). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last component of a normalised path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `child` is `dir` or lies below it. */
export function isUnder(child: string, dir: string): boolean {
  return dir === '/' || child === dir || child.startsWith(dir + '/');
}

/** A FileStore in memory (tests, and a fallback when no storage is given). */
export class MemoryFileStore implements FileStore {
  private readonly vols = new Map<string, Map<string, FileEntry>>();

  get(vol: string, path: string): FileEntry | undefined {
    return this.vols.get(vol)?.get(path);
  }

  put(vol: string, path: string, entry: FileEntry): void {
    if (entry.data.length > MAX_FILE_CHARS) throw new NoSpaceError();
    const v = this.vols.get(vol) ?? new Map<string, FileEntry>();
    const size = [...v.entries()].reduce((n, [p, e]) => n + (p === path ? 0 : e.data.length), 0);
    if (size + entry.data.length > MAX_VOLUME_CHARS || (!v.has(path) && v.size >= MAX_VOLUME_ENTRIES)) throw new NoSpaceError();
    v.set(path, entry);
    this.vols.set(vol, v);
  }

  delete(vol: string, path: string): void {
    this.vols.get(vol)?.delete(path);
  }

  below(vol: string, dir: string): Map<string, FileEntry> {
    const out = new Map<string, FileEntry>();
    for (const [p, e] of this.vols.get(vol) ?? []) if (p !== dir && isUnder(p, dir)) out.set(p, e);
    return out;
  }

  dropVolumes(key: string): void {
    for (const k of [...this.vols.keys()]) if (k === key || k.startsWith(key + '/')) this.vols.delete(k);
  }

  volumes(prefix: string): string[] {
    return [...this.vols.keys()].filter((k) => k.startsWith(prefix));
  }
}
