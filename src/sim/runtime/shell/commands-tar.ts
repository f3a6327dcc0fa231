/**
 * `tar` over the container's filesystem: create (c), extract (x) and list (t), with `-f -`
 * (stdin/stdout) or an archive file, `-C DIR`, `-v`, `-z`, `-O`, `-k`, and the options kubectl
 * cp passes (`-m`, `--no-same-owner`, `--no-same-permissions`). The archive format is nanotar's
 * (ustar). Messages and exit codes are busybox tar's (exit 1) or GNU tar's (exit 2), by image.
 * Archive bytes travel in the shell's byte strings (see ../bytes.ts), so binary files survive.
 *
 * Limits: the simulated filesystem has no owners, modes, mtimes or links, so archives carry
 * root/root, 0644/0755 and the current time, and link members are refused. Names longer than
 * 100 bytes are read (ustar prefix: tar-prefix.ts; PAX and GNU long names: nanotar) but not
 * written: nanotar's writer has neither.
 */
import { createTar, createTarGzip, parseTar, parseTarGzip, type ParsedTarFileItem, type TarFileInput } from 'nanotar';
import { FsError, type Errno } from '../view';
import { normalizePath } from '../files';
import { byteLength, decodeBytes, encodeBytes } from '../bytes';
import type { IO, Program, Shell } from './interp';
import { isBusybox, strerror } from './messages';
import { parseTarArgs, type TarArgs } from './tar-args';
import { ustarPrefixes } from './tar-prefix';

export { tarReadsStdin } from './tar-args';

/** How tar words its complaints, and with which status it gives up (busybox or GNU tar). */
class TarReport {
  failed = false;
  private warnedPrefix = false;

  constructor(
    private readonly io: IO,
    readonly busybox: boolean,
  ) {}

  say(message: string): void {
    this.io.err(`tar: ${message}\n`);
  }

  /** A member error after which tar goes on (and exits non-zero). */
  error(message: string): void {
    this.say(message);
    this.failed = true;
  }

  /** The status a run ends with, after GNU's or busybox's closing line. */
  status(): number {
    if (!this.failed) return 0;
    this.say(this.busybox ? 'error exit delayed from previous errors' : 'Exiting with failure status due to previous errors');
    return this.busybox ? 1 : 2;
  }

  /** A fatal error: GNU adds its "not recoverable" line. */
  fatal(message: string): number {
    this.say(message);
    if (!this.busybox) this.say('Error is not recoverable: exiting now');
    return this.busybox ? 1 : 2;
  }

  /** Members lose their leading `/` (warned once, as both tars do). */
  stripPrefix(name: string): string {
    const bare = name.replace(/^\/+/, '');
    if (bare !== name && !this.warnedPrefix) {
      this.warnedPrefix = true;
      this.say(this.busybox ? "removing leading '/' from member names" : "Removing leading `/' from member names");
    }
    return bare;
  }
}

const FILE_MODE = '644';
const DIR_MODE = '755';

function attempt(fn: () => void): Errno | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

/** The directory members are relative to (`-C`), or the status tar gives up with. */
function baseDir(a: TarArgs, sh: Shell, r: TarReport): string | number {
  if (a.dir === undefined) return sh.cwd;
  const dir = sh.abs(a.dir);
  const kind = sh.view.stat(dir);
  if (kind === 'd') return dir;
  const why = strerror(kind ? 'ENOTDIR' : 'ENOENT', r.busybox);
  return r.fatal(r.busybox ? `can't change directory to '${a.dir}': ${why}` : `${a.dir}: Cannot open: ${why}`);
}

async function create(a: TarArgs, io: IO, sh: Shell, r: TarReport): Promise<number> {
  if (!a.members.length) {
    r.say(r.busybox ? 'empty archive' : 'Cowardly refusing to create an empty archive');
    if (!r.busybox) r.say("Try 'tar --help' or 'tar --usage' for more information.");
    return r.busybox ? 1 : 2;
  }
  const base = baseDir(a, sh, r);
  if (typeof base === 'number') return base;
  const toStdout = a.file === undefined || a.file === '-';
  const listing = (name: string) => (toStdout ? io.err : io.out)(`${name}\n`);
  const mtime = sh.host.now().getTime();
  const entries: TarFileInput[] = [];
  const add = (path: string, name: string): void => {
    const kind = sh.view.stat(path);
    const member = kind === 'd' ? `${name.replace(/\/+$/, '')}/` : name;
    if (byteLength(member) > 100) {
      r.error(`${name}: file name is too long (max 100); not dumped`);
      return;
    }
    if (kind === 'd') {
      entries.push({ name: member, attrs: { mode: DIR_MODE, uid: 0, gid: 0, user: 'root', group: 'root', mtime } });
      if (a.verbose) listing(member);
      for (const child of sh.view.list(path)) add(`${path === '/' ? '' : path}/${child}`, `${member}${child}`);
      return;
    }
    const data = encodeBytes(sh.view.read(path));
    entries.push({ name: member, data, attrs: { mode: FILE_MODE, uid: 0, gid: 0, user: 'root', group: 'root', mtime } });
    if (a.verbose) listing(member);
  };
  for (const operand of a.members) {
    // GNU tar strips the prefix as it reads the name (so it warns even for a missing file);
    // busybox strips it when it writes the header, after a successful stat.
    const gnuName = r.busybox ? undefined : a.absolute ? operand : r.stripPrefix(operand);
    const path = normalizePath(operand, base);
    if (!sh.view.stat(path)) {
      r.error(r.busybox ? `${operand}: ${strerror('ENOENT', true)}` : `${operand}: Cannot stat: ${strerror('ENOENT')}`);
      continue;
    }
    add(path, (gnuName ?? r.stripPrefix(operand)) || '.');
  }
  let archive = a.gzip ? await createTarGzip(entries) : createTar(entries);
  // ustar ends with two zero blocks; nanotar pads to a 10 KiB record, which holds them unless full.
  if (!a.gzip && archive.length >= 1024 && archive.subarray(archive.length - 1024).some((b) => b !== 0)) {
    const padded = new Uint8Array(archive.length + 10240);
    padded.set(archive);
    archive = padded;
  }
  const text = decodeBytes(archive);
  if (toStdout) io.out(text);
  else {
    const err = attempt(() => sh.view.write(sh.abs(a.file!), text));
    if (err) return r.fatal(r.busybox ? `can't open '${a.file}': ${strerror(err, true)}` : `${a.file}: Cannot open: ${strerror(err)}`);
  }
  return r.status();
}

/** The archive's bytes (stdin or the file), or the status tar gives up with. */
function archiveBytes(a: TarArgs, io: IO, sh: Shell, r: TarReport): Uint8Array | number {
  if (a.file === undefined || a.file === '-') return encodeBytes(io.stdin);
  try {
    return encodeBytes(sh.view.read(sh.abs(a.file)));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return r.fatal(r.busybox ? `can't open '${a.file}': ${strerror(e.code, true)}` : `${a.file}: Cannot open: ${strerror(e.code)}`);
  }
}

/** A member name without leading `/` or `..` steps out of the directory (as nanotar cleans the names it reads). */
function safeName(name: string): string {
  const parts: string[] = [];
  for (const p of name.split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/') + (name.endsWith('/') ? '/' : '');
}

/** The members of an archive; `not-tar` when it is none, `eof` when it is cut short. */
async function members(bytes: Uint8Array, gzip: boolean): Promise<ParsedTarFileItem[] | 'not-tar' | 'eof'> {
  // nanotar reads from the start of the underlying buffer: hand it an array of its own.
  const own = new Uint8Array(bytes);
  if (gzip || (own[0] === 0x1f && own[1] === 0x8b)) {
    try {
      return await parseTarGzip(own);
    } catch {
      return 'not-tar';
    }
  }
  if (!own.length || own.subarray(0, 512).every((b) => b === 0)) return [];
  if (own.length < 512 || decodeBytes(own.subarray(257, 262)) !== 'ustar') return 'not-tar';
  try {
    // A member whose data runs past the end makes nanotar's views throw.
    const items = parseTar(own);
    const prefixes = ustarPrefixes(own);
    return items.map((item, i) => (prefixes[i] ? { ...item, name: safeName(`${prefixes[i]}/${item.name}`) } : item));
  } catch {
    return 'eof';
  }
}

function wanted(a: TarArgs, name: string, seen: Set<string>): boolean {
  if (!a.members.length) return true;
  const bare = name.replace(/\/+$/, '');
  for (const m of a.members) {
    const want = m.replace(/\/+$/, '');
    if (bare === want || bare.startsWith(`${want}/`)) {
      seen.add(m);
      return true;
    }
  }
  return false;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `tar tv`'s line: GNU's `-rw-r--r-- root/root  SIZE YYYY-MM-DD HH:MM name`, busybox's with seconds. */
function longListing(item: ParsedTarFileItem, busybox: boolean): string {
  const dir = item.type === 'directory';
  const mode = (dir ? 'd' : '-') + (Number.parseInt(item.attrs?.mode ?? (dir ? DIR_MODE : FILE_MODE), 8) & 0o777).toString(2).padStart(9, '0').replace(/./g, (bit, i) => (bit === '1' ? 'rwx'[i % 3] : '-'));
  // nanotar reads the octal uid/gid fields as decimal numbers: read their digits again as octal.
  const id = (n: number | undefined) => (Number.isFinite(n) ? Number.parseInt(String(n), 8) : 0);
  const owner = `${item.attrs?.user || id(item.attrs?.uid)}/${item.attrs?.group || id(item.attrs?.gid)}`;
  const d = new Date((item.attrs?.mtime ?? 0) * 1000);
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  if (busybox) return `${mode} ${owner} ${String(item.size).padStart(9)} ${day}:${pad2(d.getUTCSeconds())} ${item.name}`;
  return `${mode} ${owner} ${String(item.size).padStart(Math.max(1, 18 - owner.length))} ${day} ${item.name}`;
}

async function extractOrList(a: TarArgs, io: IO, sh: Shell, r: TarReport): Promise<number> {
  const bytes = archiveBytes(a, io, sh, r);
  if (typeof bytes === 'number') return bytes;
  const base = a.mode === 'x' && !a.toStdout ? baseDir(a, sh, r) : sh.cwd;
  if (typeof base === 'number') return base;
  const items = await members(bytes, a.gzip);
  if (items === 'eof') {
    if (r.busybox) {
      r.say('short read');
      return 1;
    }
    return r.fatal('Unexpected EOF in archive');
  }
  if (items === 'not-tar') {
    if (r.busybox) {
      r.say('invalid tar magic');
      return 1;
    }
    r.error('This does not look like a tar archive');
    return r.status();
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (!wanted(a, item.name, seen)) continue;
    if (a.mode === 't') {
      io.out(`${a.verbose ? longListing(item, r.busybox) : item.name}\n`);
      continue;
    }
    const data = decodeBytes(item.data ?? new Uint8Array(0));
    if (a.toStdout) {
      if (item.type === 'file' || item.type === 'contiguousFile' || item.type === undefined) io.out(data);
      continue;
    }
    if (a.verbose) io.out(`${item.name}\n`);
    const name = item.name.replace(/\/+$/, '');
    const path = normalizePath(name, base);
    if (!name || path === base) continue;
    if (item.type === 'directory') {
      const err = sh.view.stat(path) === 'd' ? undefined : attempt(() => sh.view.mkdir(path, true));
      if (err) r.error(r.busybox ? `can't make dir ${name}: ${strerror(err, true)}` : `${name}: Cannot mkdir: ${strerror(err)}`);
      continue;
    }
    if (item.type === 'symbolicLink' || item.type === 'hardLink') {
      r.error(r.busybox ? `can't create ${item.type === 'hardLink' ? 'hard' : 'sym'}link '${name}': Operation not supported` : `${name}: Cannot create ${item.type === 'hardLink' ? 'link' : 'symlink'}: Operation not supported`);
      continue;
    }
    if (item.type !== 'file' && item.type !== 'contiguousFile' && item.type !== undefined) continue;
    if (a.keepOld && sh.view.stat(path)) {
      if (r.busybox) continue;
      r.error(`${name}: Cannot open: File exists`);
      continue;
    }
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const err = attempt(() => {
      if (sh.view.stat(parent) !== 'd') sh.view.mkdir(parent, true);
      sh.view.write(path, data);
    });
    if (!err) continue;
    if (r.busybox) {
      // busybox opens with xopen3 and dies on the first file it cannot create.
      r.say(`can't open '${name}': ${strerror(err, true)}`);
      return 1;
    }
    r.error(err === 'ENOSPC' ? `${name}: Cannot write: ${strerror(err)}` : `${name}: Cannot open: ${strerror(err)}`);
  }
  for (const m of a.members) if (!seen.has(m)) r.error(r.busybox ? `${m}: not found in archive` : `${m}: Not found in archive`);
  return r.status();
}

/** The tar program. */
export const tar: Program = async (argv, io, sh) => {
  const r = new TarReport(io, isBusybox(sh));
  const a = parseTarArgs(argv);
  if (a.unknown) {
    r.say(a.unknown.startsWith('--') ? `unrecognized option '${a.unknown}'` : `invalid option -- '${a.unknown.slice(1)}'`);
    if (!r.busybox) r.say("Try 'tar --help' or 'tar --usage' for more information.");
    return r.busybox ? 1 : 2;
  }
  if (a.missingValue) {
    r.say(`option requires an argument -- '${a.missingValue}'`);
    return r.busybox ? 1 : 2;
  }
  if (!a.mode || a.twoModes) {
    if (r.busybox) io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...\n');
    else {
      r.say(a.twoModes ? "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option" : "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
      r.say("Try 'tar --help' or 'tar --usage' for more information.");
    }
    return r.busybox ? 1 : 2;
  }
  return a.mode === 'c' ? create(a, io, sh, r) : extractOrList(a, io, sh, r);
};

/** The archive programs, by name. */
export const TAR_PROGRAMS: Record<string, Program> = { tar };
