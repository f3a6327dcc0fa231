/** Text and test programs: test/[, seq, xargs, sort, uniq, tr, cut. */
import type { Program, Shell } from './interp';
import { flags } from './commands-fs';

/** `test` / `[` expressions (the common unary and binary operators, `!`, no -a/-o). */
export function testExpr(args: string[], sh: Shell): boolean {
  if (args[0] === '!') return !testExpr(args.slice(1), sh);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, a] = args;
    const kind = sh.view.stat(sh.abs(a));
    const un: Record<string, () => boolean> = { '-z': () => a === '', '-n': () => a !== '', '-e': () => !!kind, '-f': () => kind === 'f', '-d': () => kind === 'd', '-s': () => kind === 'f' && sh.view.read(sh.abs(a)).length > 0, '-r': () => !!kind, '-w': () => !!kind, '-x': () => kind === 'd' };
    return un[op]?.() ?? false;
  }
  const [a, op, b] = args;
  const n = (x: string) => Number(x);
  const bin: Record<string, () => boolean> = { '=': () => a === b, '==': () => a === b, '!=': () => a !== b, '-eq': () => n(a) === n(b), '-ne': () => n(a) !== n(b), '-lt': () => n(a) < n(b), '-le': () => n(a) <= n(b), '-gt': () => n(a) > n(b), '-ge': () => n(a) >= n(b) };
  return bin[op]?.() ?? false;
}

const test: Program = (argv, _io, sh) => {
  const args = argv[0] === '[' ? argv.slice(1, argv[argv.length - 1] === ']' ? -1 : undefined) : argv.slice(1);
  return testExpr(args, sh) ? 0 : 1;
};

const seq: Program = (argv, io) => {
  const n = argv.slice(1).map(Number);
  const [from, step, to] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
  for (let i = from, k = 0; step > 0 ? i <= to : i >= to; i += step, k++) {
    if (k > 100_000) break;
    io.out(`${i}\n`);
  }
  return 0;
};

const xargs: Program = async (argv, io, sh) => {
  const { v, ops } = flags(['xargs', ...argv.slice(1, firstCommand(argv))], 'nI');
  const cmd = argv.slice(firstCommand(argv));
  const items = io.stdin.split(/\s+/).filter(Boolean);
  const prog = cmd.length ? cmd : ['echo'];
  void ops;
  const per = v.has('n') ? Math.max(1, Number(v.get('n'))) : v.has('I') ? 1 : items.length || 1;
  let st = 0;
  if (!items.length && prog[0] === 'echo') return sh.exec(prog, { ...io, stdin: '' });
  for (let i = 0; i < Math.max(items.length, 1); i += per) {
    const chunk = items.slice(i, i + per);
    const args = v.has('I') ? prog.map((a) => a.split(v.get('I')!).join(chunk[0] ?? '')) : [...prog, ...chunk];
    const r = await sh.exec(args, { ...io, stdin: '' });
    if (r !== 0) st = 123;
  }
  return st;
};

function firstCommand(argv: string[]): number {
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) i += /^-[nIsLP]$/.test(argv[i]) ? 2 : 1;
  return i;
}

const textLines = (s: string) => s.split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== '');

const sort: Program = (argv, io) => {
  const { f } = flags(argv);
  let l = textLines(io.stdin).sort();
  if (f.has('n')) l = l.sort((a, b) => parseFloat(a) - parseFloat(b));
  if (f.has('r')) l.reverse();
  if (f.has('u')) l = [...new Set(l)];
  if (l.length) io.out(l.join('\n') + '\n');
  return 0;
};

const uniq: Program = (argv, io) => {
  const l = textLines(io.stdin).filter((x, i, a) => i === 0 || a[i - 1] !== x);
  if (l.length) io.out(l.join('\n') + '\n');
  return 0;
};

const tr: Program = (argv, io) => {
  const { f, ops } = flags(argv);
  const range = (s: string) => s.replace(/(.)-(.)/g, (_m, a: string, b: string) => Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(a.charCodeAt(0) + i)).join('')).replace(/\\n/g, '\n');
  const from = range(ops[0] ?? '');
  const to = range(ops[1] ?? '');
  let out = '';
  for (const c of io.stdin) {
    const k = from.indexOf(c);
    if (f.has('d')) out += k >= 0 ? '' : c;
    else out += k >= 0 ? (to[Math.min(k, to.length - 1)] ?? '') : c;
  }
  io.out(out);
  return 0;
};

const cut: Program = (argv, io) => {
  const { v } = flags(argv, 'dfc');
  const d = v.get('d') ?? '\t';
  const fields = (v.get('f') ?? '1').split(',').map(Number);
  for (const l of textLines(io.stdin)) io.out(fields.map((n) => l.split(d)[n - 1] ?? '').join(d) + '\n');
  return 0;
};

/** Text programs, by name. */
export const TEXT_PROGRAMS: Record<string, Program> = { test, '[': test, seq, xargs, sort, uniq, tr, cut };
