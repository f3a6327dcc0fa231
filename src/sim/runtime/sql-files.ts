/**
 * The FileStore on the Durable Object's SQLite database: one table `sim_files`, one row per
 * entry. Volume size is checked on each write (bounded by MAX_VOLUME_CHARS/ENTRIES). Content
 * with escaped bytes (a binary file: see bytes.ts) is stored as a BLOB of those bytes, since
 * SQLite TEXT would replace its lone surrogates; text stays TEXT.
 */
import { decodeBytes, encodeBytes, isWellFormed } from './bytes';
import { MAX_FILE_CHARS, MAX_VOLUME_CHARS, MAX_VOLUME_ENTRIES, NoSpaceError, type FileEntry, type FileStore } from './files';

/** A content string as stored: TEXT, or the bytes it stands for. */
function stored(data: string): string | ArrayBuffer {
  if (isWellFormed(data)) return data;
  const bytes = encodeBytes(data);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A stored content back as the shell's string. */
function loaded(data: string | ArrayBuffer): string {
  return typeof data === 'string' ? data : decodeBytes(new Uint8Array(data));
}

/** FileStore over SqlStorage. Call `init()` once before use (idempotent). */
export class SqlFileStore implements FileStore {
  private ready = false;
  constructor(private readonly sql: SqlStorage) {}

  /** Create the table if missing. */
  init(): void {
    if (this.ready) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS sim_files (
      vol TEXT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (vol, path))`);
    this.ready = true;
  }

  get(vol: string, path: string): FileEntry | undefined {
    this.init();
    const row = this.sql.exec<{ kind: string; data: string | ArrayBuffer }>('SELECT kind, data FROM sim_files WHERE vol = ? AND path = ?', vol, path).toArray()[0];
    return row ? { kind: row.kind as FileEntry['kind'], data: loaded(row.data) } : undefined;
  }

  put(vol: string, path: string, entry: FileEntry): void {
    this.init();
    if (entry.data.length > MAX_FILE_CHARS) throw new NoSpaceError();
    const u = this.sql
      .exec<{ n: number; size: number | null; mine: number | null }>(
        'SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS size, SUM(CASE WHEN path = ? THEN LENGTH(data) ELSE 0 END) AS mine FROM sim_files WHERE vol = ?',
        path,
        vol,
      )
      .toArray()[0];
    const exists = this.get(vol, path) !== undefined;
    if ((u?.size ?? 0) - (u?.mine ?? 0) + entry.data.length > MAX_VOLUME_CHARS || (!exists && (u?.n ?? 0) >= MAX_VOLUME_ENTRIES)) throw new NoSpaceError();
    this.sql.exec(
      'INSERT INTO sim_files (vol, path, kind, data) VALUES (?, ?, ?, ?) ON CONFLICT(vol, path) DO UPDATE SET kind = excluded.kind, data = excluded.data',
      vol,
      path,
      entry.kind,
      stored(entry.data),
    );
  }

  delete(vol: string, path: string): void {
    this.init();
    this.sql.exec('DELETE FROM sim_files WHERE vol = ? AND path = ?', vol, path);
  }

  below(vol: string, dir: string): Map<string, FileEntry> {
    this.init();
    const prefix = dir === '/' ? '/' : dir + '/';
    const out = new Map<string, FileEntry>();
    // '/' + 1 is '0': the range [prefix, prefix-with-last-char+1) holds exactly the paths below.
    const end = prefix.slice(0, -1) + '0';
    for (const r of this.sql.exec<{ path: string; kind: string; data: string | ArrayBuffer }>('SELECT path, kind, data FROM sim_files WHERE vol = ? AND path >= ? AND path < ?', vol, prefix, end)) {
      out.set(r.path, { kind: r.kind as FileEntry['kind'], data: loaded(r.data) });
    }
    return out;
  }

  dropVolumes(key: string): void {
    this.init();
    this.sql.exec('DELETE FROM sim_files WHERE vol = ? OR substr(vol, 1, ?) = ?', key, key.length + 1, key + '/');
  }

  volumes(prefix: string): string[] {
    this.init();
    return this.sql.exec<{ vol: string }>('SELECT DISTINCT vol FROM sim_files WHERE substr(vol, 1, ?) = ?', prefix.length, prefix).toArray().map((r) => r.vol);
  }
}
