/**
 * File programs of the images (busybox applets or GNU coreutils, worded as each): cat, ls, rm,
 * rmdir, mkdir, touch, cp, mv, tee, head, tail, wc, grep.
 */
import { FsError, type Errno } from '../view';
import { basename } from '../files';
import { byteLength, decodeBytes, encodeBytes } from '../bytes';
import type { IO, Program, Shell } from './interp';
import { isBusybox, strerror } from './messages';

/** Splits argv into flags (single letters, `-abc` → a, b, c) and operands; `--` ends flags. */
export function flags(argv: string[], withValue = ''): { f: Set<string>; v: Map<string, string>; ops: string[] } {
  const f = new Set<string>();
  const v = new Map<string, string>();
  const ops: string[] = [];
  let done = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (done || !a.startsWith('-') || a === '-') ops.push(a);
    else if (a === '--') done = true;
    else if (a.startsWith('--')) f.add(a);
    else {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withValue.includes(c)) {
          v.set(c, a.slice(j + 1) || argv[++i] || '');
          break;
        }
        if (/\d/.test(c) && withValue.includes('n')) {
          v.set('n', a.slice(j));
          break;
        }
        f.add(c);
      }
    }
  }
  return { f, v, ops };
}

/** Runs `fn`, turning an FsError into the program's message; returns false on error. */
function attempt(io: IO, fn: () => void, msg: (code: Errno) => string): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (e instanceof FsError) {
      io.err(msg(e.code) + '\n');
      return false;
    }
    throw e;
  }
}

/** Reads operands (or stdin when none / `-`), reporting unreadable files as `name` does. */
function inputs(name: string, ops: string[], io: IO, sh: Shell): { text: string; file?: string }[] {
  if (!ops.length) return [{ text: io.stdin }];
  const out: { text: string; file?: string }[] = [];
  for (const o of ops) {
    if (o === '-') {
      out.push({ text: io.stdin });
      continue;
    }
    attempt(io, () => out.push({ text: sh.view.read(sh.abs(o)), file: o }), (code) => {
      sh.status = 1;
      if (isBusybox(sh)) return code === 'EISDIR' ? `${name}: read error: Is a directory` : `${name}: can't open '${o}': ${strerror(code, true)}`;
      return `${name}: ${o}: ${strerror(code)}`;
    });
  }
  return out;
}

const lines = (s: string) => {
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
};

const cat: Program = (argv, io, sh) => {
  const { ops } = flags(argv);
  sh.status = 0;
  for (const i of inputs('cat', ops, io, sh)) io.out(i.text);
  return sh.status;
};

function mode(kind: 'f' | 'd'): string {
  return kind === 'd' ? 'drwxr-xr-x' : '-rw-r--r--';
}

function longLine(sh: Shell, path: string, name: string): string {
  const kind = sh.view.stat(path) ?? 'f';
  const size = kind === 'd' ? 4096 : byteLength(sh.view.read(path));
  const d = sh.host.now();
  const when = `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (isBusybox(sh)) return `${mode(kind)}    ${kind === 'd' ? 2 : 1} root     root     ${String(size).padStart(9)} ${when} ${name}`;
  return `${mode(kind)} ${kind === 'd' ? 2 : 1} root root ${String(size).padStart(4)} ${when} ${name}`;
}

const ls: Program = (argv, io, sh) => {
  const { f, ops } = flags(argv);
  const paths = ops.length ? ops : ['.'];
  let st = 0;
  const many = paths.length > 1;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    const kind = sh.view.stat(sh.abs(p));
    if (!kind) {
      io.err(isBusybox(sh) ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`);
      st = isBusybox(sh) ? 1 : 2;
    } else if (kind === 'f' || f.has('d')) files.push(p);
    else dirs.push(p);
  }
  const show = (names: string[], dir?: string) => {
    if (f.has('l')) {
      if (dir !== undefined && !isBusybox(sh)) io.out(`total ${names.length * 4}\n`);
      for (const n of names) io.out(longLine(sh, sh.abs(dir ? `${dir}/${n}` : n), n) + '\n');
    } else if (sh.tty && !f.has('1')) {
      if (names.length) io.out(names.join('  ') + '\n');
    } else for (const n of names) io.out(n + '\n');
  };
  show(files.sort());
  dirs.sort().forEach((d, i) => {
    let names = sh.view.list(sh.abs(d));
    if (!f.has('a') && !f.has('A')) names = names.filter((n) => !n.startsWith('.'));
    if (f.has('a')) names = ['.', '..', ...names];
    if (many || files.length) io.out(`${i > 0 || files.length ? '\n' : ''}${d}:\n`);
    show(names, d);
  });
  return st;
};

const rm: Program = (argv, io, sh) => {
  const { f, ops } = flags(argv);
  const force = f.has('f');
  const recursive = f.has('r') || f.has('R');
  let st = 0;
  if (!ops.length && !force) {
    io.err(isBusybox(sh) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n' : "rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  for (const o of ops) {
    const path = sh.abs(o);
    if (!sh.view.stat(path) && force) continue;
    if (sh.view.stat(path) === 'd' && !recursive) {
      io.err(isBusybox(sh) ? `rm: '${o}' is a directory\n` : `rm: cannot remove '${o}': Is a directory\n`);
      st = 1;
      continue;
    }
    if (!attempt(io, () => sh.view.remove(path, recursive), (c) => (isBusybox(sh) ? `rm: can't remove '${o}': ${strerror(c, true)}` : `rm: cannot remove '${o}': ${strerror(c)}`))) st = 1;
  }
  return st;
};

const rmdir: Program = (argv, io, sh) => {
  let st = 0;
  for (const o of flags(argv).ops) {
    if (!attempt(io, () => sh.view.remove(sh.abs(o), false, true), (c) => (isBusybox(sh) ? `rmdir: '${o}': ${strerror(c, true)}` : `rmdir: failed to remove '${o}': ${strerror(c)}`))) st = 1;
  }
  return st;
};

const mkdir: Program = (argv, io, sh) => {
  const { f, ops } = flags(argv, 'm');
  let st = 0;
  for (const o of ops) {
    if (!attempt(io, () => sh.view.mkdir(sh.abs(o), f.has('p')), (c) => (isBusybox(sh) ? `mkdir: can't create directory '${o}': ${strerror(c, true)}` : `mkdir: cannot create directory '${o}': ${strerror(c)}`))) st = 1;
  }
  return st;
};

const touch: Program = (argv, io, sh) => {
  let st = 0;
  for (const o of flags(argv).ops) {
    const path = sh.abs(o);
    if (sh.view.stat(path)) continue;
    if (!attempt(io, () => sh.view.write(path, '', true), (c) => (isBusybox(sh) ? `touch: ${o}: ${strerror(c, true)}` : `touch: cannot touch '${o}': ${strerror(c)}`))) st = 1;
  }
  return st;
};

const copy = (move: boolean): Program => (argv, io, sh) => {
  const name = move ? 'mv' : 'cp';
  const { ops } = flags(argv);
  if (ops.length < 2) {
    io.err(`${name}: missing destination file operand after '${ops[0] ?? ''}'\n`);
    return 1;
  }
  const dest = ops[ops.length - 1];
  let st = 0;
  for (const src of ops.slice(0, -1)) {
    const target = sh.view.stat(sh.abs(dest)) === 'd' ? `${dest}/${basename(sh.abs(src))}` : dest;
    const ok = attempt(io, () => {
      sh.view.write(sh.abs(target), sh.view.read(sh.abs(src)));
      if (move) sh.view.remove(sh.abs(src));
    }, (c) => (isBusybox(sh) ? `${name}: can't stat '${src}': ${strerror(c, true)}` : `${name}: cannot stat '${src}': ${strerror(c)}`));
    if (!ok) st = 1;
  }
  return st;
};

const tee: Program = (argv, io, sh) => {
  const { f, ops } = flags(argv);
  io.out(io.stdin);
  let st = 0;
  for (const o of ops) if (!attempt(io, () => sh.view.write(sh.abs(o), io.stdin, f.has('a')), (c) => `tee: ${o}: ${strerror(c)}`)) st = 1;
  return st;
};

/** `head -c N`, `tail -c N` and `tail -c +N` (from byte N, as kubectl cp --retries resumes): bytes, not characters. */
function byteSlice(text: string, spec: string, tail: boolean): string {
  const bytes = encodeBytes(text);
  const n = Number(spec.replace(/^[+-]/, '')) || 0;
  if (tail && spec.startsWith('+')) return decodeBytes(bytes.subarray(Math.max(0, n - 1)));
  return decodeBytes(tail ? bytes.subarray(Math.max(0, bytes.length - n)) : bytes.subarray(0, n));
}

const headTail = (tail: boolean): Program => async (argv, io, sh) => {
  const { f, v, ops } = flags(argv, 'nc');
  const n = Number((v.get('n') ?? '10').replace(/^\+/, ''));
  sh.status = 0;
  for (const i of inputs(tail ? 'tail' : 'head', ops, io, sh)) {
    const c = v.get('c');
    if (c !== undefined) {
      io.out(byteSlice(i.text, c, tail));
      continue;
    }
    const l = lines(i.text);
    const pick = tail ? l.slice(Math.max(0, l.length - n)) : l.slice(0, n);
    if (pick.length) io.out(pick.join('\n') + '\n');
  }
  if (tail && (f.has('f') || f.has('F'))) for (;;) await sh.host.sleep(1000);
  return sh.status;
};

const wc: Program = (argv, io, sh) => {
  const { f, ops } = flags(argv);
  const all = !f.has('l') && !f.has('w') && !f.has('c');
  for (const i of inputs('wc', ops, io, sh)) {
    const cols: number[] = [];
    if (all || f.has('l')) cols.push((i.text.match(/\n/g) ?? []).length);
    if (all || f.has('w')) cols.push(i.text.split(/\s+/).filter(Boolean).length);
    if (all || f.has('c')) cols.push(byteLength(i.text));
    const pad = isBusybox(sh) || cols.length > 1 ? 7 : 0;
    io.out(cols.map((c) => String(c).padStart(pad)).join(isBusybox(sh) ? ' ' : ' ') + (i.file ? ` ${i.file}` : '') + '\n');
  }
  return 0;
};

const grep: Program = (argv, io, sh) => {
  const { f, v, ops } = flags(argv, 'e');
  const pattern = v.get('e') ?? ops.shift();
  if (pattern === undefined) {
    io.err('Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
    return 2;
  }
  const src = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.has('E') ? pattern : pattern.replace(/\\\|/g, '|').replace(/\\\(/g, '(').replace(/\\\)/g, ')');
  let re: RegExp;
  try {
    re = new RegExp(f.has('w') ? `\\b(?:${src})\\b` : src, f.has('i') ? 'i' : '');
  } catch {
    io.err(`grep: bad regex '${pattern}'\n`);
    return 2;
  }
  let count = 0;
  const ins = inputs('grep', ops, io, sh);
  for (const i of ins) {
    for (const l of lines(i.text)) {
      if (re.test(l) === f.has('v')) continue;
      count++;
      if (!f.has('q') && !f.has('c')) io.out(`${ins.length > 1 && i.file ? `${i.file}:` : ''}${l}\n`);
    }
  }
  if (f.has('c')) io.out(`${count}\n`);
  return count ? 0 : 1;
};

/** The file programs, by name. */
export const FILE_PROGRAMS: Record<string, Program> = { cat, ls, rm, rmdir, mkdir, touch, cp: copy(false), mv: copy(true), tee, head: headTail(false), tail: headTail(true), wc, grep };
