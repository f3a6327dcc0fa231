/**
 * One container's filesystem as its processes see it: the image's files under a writable
 * overlay (lost when the container is replaced), and the pod's volumes mounted over it
 * (emptyDir, hostPath, PVC from the FileStore; ConfigMap, Secret, downward API and the files the
 * kubelet manages — /etc/hosts, /etc/hostname, /etc/resolv.conf — read-only and computed).
 */
import { basename, dirname, isUnder, NoSpaceError, normalizePath, type FileStore } from './files';
import type { ImageFs } from './images';

/** An errno a filesystem operation fails with. */
export type Errno = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EEXIST' | 'ENOSPC' | 'ENOTEMPTY' | 'EBUSY';

/** A failed filesystem operation. */
export class FsError extends Error {
  constructor(readonly code: Errno) {
    super(code);
  }
}

/** A volume mounted at `at`: a FileStore volume (below `sub`), or computed read-only files (key → content). */
export type Mount =
  | { at: string; kind: 'store'; vol: string; sub: string; readOnly: boolean }
  | { at: string; kind: 'static'; files: Record<string, string>; readOnly: true; file?: boolean };

type Where =
  | { layer: 'root'; path: string }
  | { layer: 'store'; m: Extract<Mount, { kind: 'store' }>; path: string }
  | { layer: 'static'; m: Extract<Mount, { kind: 'static' }>; rel: string };

/** The filesystem of one container. All paths given are absolute or relative to `cwd` arguments of callers. */
export class ContainerView {
  private readonly mounts: Mount[];

  constructor(
    private readonly store: FileStore,
    readonly image: ImageFs,
    /** Volume of the container's writable layer. */
    readonly overlay: string,
    mounts: Mount[],
  ) {
    this.mounts = [...mounts].map((m) => ({ ...m, at: normalizePath(m.at) })).sort((a, b) => b.at.length - a.at.length);
  }

  private where(path: string): Where {
    for (const m of this.mounts) {
      if (!isUnder(path, m.at)) continue;
      const rel = path.slice(m.at.length) || '/';
      if (m.kind === 'store') return { layer: 'store', m, path: normalizePath(m.sub + rel) };
      return { layer: 'static', m, rel: rel.replace(/^\//, '') };
    }
    return { layer: 'root', path };
  }

  private mountPoints(): string[] {
    return this.mounts.map((m) => m.at);
  }

  /** 'f', 'd', or undefined when nothing is there. */
  stat(path: string): 'f' | 'd' | undefined {
    path = normalizePath(path);
    if (path === '/') return 'd';
    const w = this.where(path);
    if (w.layer === 'static') {
      if (w.m.file) return w.rel === '' ? 'f' : undefined;
      if (w.rel === '') return 'd';
      if (w.rel in w.m.files) return 'f';
      return Object.keys(w.m.files).some((k) => k.startsWith(w.rel + '/')) ? 'd' : undefined;
    }
    if (this.mountPoints().some((at) => at !== path && isUnder(at, path))) return 'd';
    if (w.layer === 'store') {
      if (w.path === normalizePath(w.m.sub || '/')) return 'd';
      const e = this.store.get(w.m.vol, w.path);
      if (e && e.kind !== 'w') return e.kind;
      return this.store.below(w.m.vol, w.path).size ? 'd' : undefined;
    }
    const e = this.store.get(this.overlay, path);
    if (e?.kind === 'w') return undefined;
    if (e) return e.kind;
    if ([...this.store.below(this.overlay, path).values()].some((x) => x.kind !== 'w')) return 'd';
    if (path in this.image.files) return 'f';
    if (this.image.dirs.includes(path) || Object.keys(this.image.files).some((f) => f.startsWith(path + '/'))) return 'd';
    return undefined;
  }

  /** The names directly inside a directory, sorted (as `ls` prints them). */
  list(path: string): string[] {
    path = normalizePath(path);
    const kind = this.stat(path);
    if (!kind) throw new FsError('ENOENT');
    if (kind === 'f') return [basename(path)];
    const names = new Set<string>();
    const child = (p: string, under: string) => {
      const rest = under === '/' ? p.slice(1) : p.slice(under.length + 1);
      return rest.split('/')[0];
    };
    for (const at of this.mountPoints()) if (at !== path && isUnder(at, path)) names.add(child(at, path));
    const w = this.where(path);
    if (w.layer === 'static') {
      for (const k of Object.keys(w.m.files)) {
        if (w.rel === '') names.add(k.split('/')[0]);
        else if (k.startsWith(w.rel + '/')) names.add(k.slice(w.rel.length + 1).split('/')[0]);
      }
    } else if (w.layer === 'store') {
      for (const [p, e] of this.store.below(w.m.vol, w.path)) if (e.kind !== 'w') names.add(child(p, w.path));
    } else {
      const gone = new Set<string>();
      const direct = (p: string) => dirname(p) === path;
      for (const [p, e] of this.store.below(this.overlay, path)) {
        if (e.kind === 'w' && direct(p)) gone.add(basename(p));
        else if (e.kind !== 'w') names.add(child(p, path));
      }
      for (const p of [...Object.keys(this.image.files), ...this.image.dirs]) {
        if (p !== path && isUnder(p, path)) {
          const n = child(p, path);
          if (!gone.has(n)) names.add(n);
        }
      }
    }
    return [...names].filter(Boolean).sort();
  }

  /** A file's content. */
  read(path: string): string {
    path = normalizePath(path);
    const kind = this.stat(path);
    if (!kind) throw new FsError('ENOENT');
    if (kind === 'd') throw new FsError('EISDIR');
    const w = this.where(path);
    if (w.layer === 'static') return w.m.file ? (w.m.files[''] ?? '') : (w.m.files[w.rel] ?? '');
    if (w.layer === 'store') return this.store.get(w.m.vol, w.path)?.data ?? '';
    return this.store.get(this.overlay, path)?.data ?? this.image.files[path] ?? '';
  }

  private guardWrite(path: string): Where {
    const w = this.where(path);
    if (w.layer === 'static' || (w.layer === 'store' && w.m.readOnly)) throw new FsError('EROFS');
    return w;
  }

  private put(w: Where, kind: 'f' | 'd', data: string): void {
    try {
      if (w.layer === 'store') this.store.put(w.m.vol, w.path, { kind, data });
      else if (w.layer === 'root') this.store.put(this.overlay, w.path, { kind, data });
    } catch (e) {
      if (e instanceof NoSpaceError) throw new FsError('ENOSPC');
      throw e;
    }
  }

  /** Write (or append to) a file; its directory must exist. */
  write(path: string, data: string, append = false): void {
    path = normalizePath(path);
    const kind = this.stat(path);
    if (kind === 'd') throw new FsError('EISDIR');
    const parent = this.stat(dirname(path));
    if (parent !== 'd') throw new FsError(parent === 'f' ? 'ENOTDIR' : 'ENOENT');
    const w = this.guardWrite(path);
    const before = append && kind === 'f' ? this.read(path) : '';
    this.put(w, 'f', before + data);
  }

  /** Create a directory (and its parents with `parents`). */
  mkdir(path: string, parents = false): void {
    path = normalizePath(path);
    const kind = this.stat(path);
    if (kind) {
      if (parents && kind === 'd') return;
      throw new FsError('EEXIST');
    }
    const parent = dirname(path);
    if (this.stat(parent) !== 'd') {
      if (!parents || this.stat(parent) === 'f') throw new FsError(this.stat(parent) === 'f' ? 'ENOTDIR' : 'ENOENT');
      this.mkdir(parent, true);
    }
    this.put(this.guardWrite(path), 'd', '');
  }

  /** Remove a file, or a directory (`recursive`, or when empty with `dirOk`). */
  remove(path: string, recursive = false, dirOk = false): void {
    path = normalizePath(path);
    const kind = this.stat(path);
    if (!kind) throw new FsError('ENOENT');
    if (this.mountPoints().includes(path)) throw new FsError('EBUSY');
    if (kind === 'd' && !recursive) {
      if (!dirOk) throw new FsError('EISDIR');
      if (this.list(path).length) throw new FsError('ENOTEMPTY');
    }
    if (kind === 'd') for (const n of this.list(path)) this.remove(`${path}/${n}`, true);
    const w = this.guardWrite(path);
    if (w.layer === 'store') this.store.delete(w.m.vol, w.path);
    else if (w.layer === 'root') {
      const inImage = path in this.image.files || this.image.dirs.includes(path) || Object.keys(this.image.files).some((f) => f.startsWith(path + '/'));
      if (inImage) this.put(w, 'w' as never, '');
      else this.store.delete(this.overlay, path);
    }
  }
}
