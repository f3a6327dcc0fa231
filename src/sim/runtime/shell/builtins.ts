/** Shell builtins (exit, cd, export, unset, read, pwd…) and `$(( ))` arithmetic. */
import { ExitSignal, type Program } from './types';

/** `$(( … ))`: integer + - * / % and comparisons over variables (unset or non-numeric → 0). */
export function arith(expr: string, vars: Map<string, string>): number {
  const toks = expr.match(/\d+|[A-Za-z_]\w*|<=|>=|==|!=|[-+*/%()<>]/g) ?? [];
  let i = 0;
  const num = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = cmp();
      i++;
      return v;
    }
    if (t === '-') return -num();
    if (t === undefined) return 0;
    if (/^\d+$/.test(t)) return Number(t);
    const v = Number(vars.get(t) ?? 0);
    return Number.isFinite(v) ? Math.trunc(v) : 0;
  };
  const term = (): number => {
    let v = num();
    while (['*', '/', '%'].includes(toks[i])) {
      const op = toks[i++];
      const r = num();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = term();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + term() : v - term();
    return v;
  };
  const cmp = (): number => {
    const v = sum();
    const op = toks[i];
    if (!['<', '>', '<=', '>=', '==', '!='].includes(op)) return v;
    i++;
    const r = sum();
    return Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
  };
  return cmp();
}

/** The builtins, by name. */
export const BUILTINS: Record<string, Program> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  exit: (argv, _io, sh) => {
    throw new ExitSignal(argv[1] !== undefined ? Number(argv[1]) & 255 : sh.status);
  },
  cd: (argv, io, sh) => {
    const target = sh.abs(argv[1] ?? sh.vars.get('HOME') ?? '/');
    if (sh.view.stat(target) !== 'd') {
      io.err(sh.image.shell === 'busybox' ? `${sh.argv0}: cd: can't cd to ${argv[1]}: No such file or directory\n` : `${sh.argv0}: 1: cd: can't cd to ${argv[1]}\n`);
      return sh.image.shell === 'busybox' ? 1 : 2;
    }
    sh.cwd = target;
    sh.vars.set('PWD', target);
    return 0;
  },
  export: (argv, _io, sh) => {
    for (const a of argv.slice(1)) {
      const i = a.indexOf('=');
      if (i > 0) sh.vars.set(a.slice(0, i), a.slice(i + 1));
      sh.exported.add(i > 0 ? a.slice(0, i) : a);
    }
    return 0;
  },
  unset: (argv, _io, sh) => {
    for (const a of argv.slice(1)) {
      sh.vars.delete(a);
      sh.exported.delete(a);
    }
    return 0;
  },
  set: () => 0,
  exec: (argv, io, sh) => (argv.length > 1 ? sh.exec(argv.slice(1), io) : 0),
  read: (argv, io, sh) => {
    const nl = io.stdin.indexOf('\n');
    if (!io.stdin.length) return 1;
    const line = nl < 0 ? io.stdin : io.stdin.slice(0, nl);
    const names = argv.slice(1).filter((a) => !a.startsWith('-'));
    const words = line.split(/[ \t]+/);
    names.forEach((n, i) => sh.vars.set(n, i === names.length - 1 ? words.slice(i).join(' ') : (words[i] ?? '')));
    return 0;
  },
  pwd: (_argv, io, sh) => {
    io.out(sh.cwd + '\n');
    return 0;
  },
};
