/**
 * Process and text programs: sh/bash, echo, printf, printenv, env, hostname, kill, sleep, date,
 * id, whoami, uname, ps, test/[, seq, xargs, sort, uniq, tr, cut, basename, dirname.
 */
import { Shell, type IO, type Program } from './interp';
import { flags } from './commands-fs';
import { isBusybox } from './messages';
import { TEXT_PROGRAMS } from './commands-text';
import { basename, dirname, normalizePath } from '../files';

/** Interprets echo/printf backslash escapes. */
function escapes(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|[abcefnrtv\\])/g, (_m, c: string) => {
    if (c === 'c') {
      stop = true;
      return '';
    }
    if (c.startsWith('0')) return String.fromCharCode(parseInt(c, 8) || 0);
    return ({ a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' } as Record<string, string>)[c];
  });
  return { text: stop ? text : text, stop };
}

const echo: Program = (argv, io, sh) => {
  let i = 1;
  let newline = true;
  let esc = sh.image.shell === 'dash' && sh.argv0 !== 'bash';
  while (i < argv.length && /^-[neE]+$/.test(argv[i])) {
    if (argv[i].includes('n')) newline = false;
    if (argv[i].includes('e')) esc = true;
    if (argv[i].includes('E')) esc = false;
    i++;
  }
  let text = argv.slice(i).join(' ');
  if (esc) {
    const e = escapes(text);
    text = e.text;
    if (e.stop) newline = false;
  }
  io.out(text + (newline ? '\n' : ''));
  return 0;
};

const printf: Program = (argv, io) => {
  const fmt = argv[1] ?? '';
  let args = argv.slice(2);
  let out = '';
  do {
    let used = 0;
    out += escapes(fmt).text.replace(/%(-?\d*)([sdciu%x])/g, (_m, w: string, c: string) => {
      if (c === '%') return '%';
      const a = args[used++] ?? '';
      let v = c === 's' ? a : c === 'x' ? (Number(a) || 0).toString(16) : String(Math.trunc(Number(a) || 0));
      const width = Number(w.replace('-', '')) || 0;
      v = w.startsWith('-') ? v.padEnd(width) : v.padStart(width);
      return v;
    });
    args = args.slice(used);
    if (!used) break;
  } while (args.length);
  io.out(out);
  return 0;
};

const printenv: Program = (argv, io, sh) => {
  const env = new Map(sh.environ());
  if (argv.length < 2) {
    for (const [k, v] of env) io.out(`${k}=${v}\n`);
    return 0;
  }
  let st = 0;
  for (const n of argv.slice(1)) {
    if (env.has(n)) io.out(`${env.get(n)}\n`);
    else st = 1;
  }
  return st;
};

const env: Program = async (argv, io, sh) => {
  let i = 1;
  const sub = sh.fork();
  if (argv[i] === '-i') {
    sub.vars.clear();
    sub.exported.clear();
    i++;
  }
  for (; i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]); i++) {
    const eq = argv[i].indexOf('=');
    sub.vars.set(argv[i].slice(0, eq), argv[i].slice(eq + 1));
    sub.exported.add(argv[i].slice(0, eq));
  }
  if (i < argv.length) return sub.exec(argv.slice(i), io);
  for (const [k, v] of sub.environ()) io.out(`${k}=${v}\n`);
  return 0;
};

/** The pod's hostname, as /etc/hostname (which the kubelet writes) holds it. */
export function hostnameOf(sh: Shell): string {
  try {
    return sh.view.read('/etc/hostname').trim();
  } catch {
    return sh.vars.get('HOSTNAME') ?? 'localhost';
  }
}

const hostname: Program = (argv, io, sh) => {
  const h = hostnameOf(sh);
  io.out(`${argv.includes('-s') ? h.split('.')[0] : h}\n`);
  return 0;
};

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];

const kill: Program = (argv, io, sh) => {
  let signal = 'TERM';
  const pids: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-l') {
      io.out(SIGNALS.join(' ') + '\n');
      return 0;
    }
    if (a === '-s' || a === '-n') signal = argv[++i] ?? signal;
    else if (/^-\w+$/.test(a)) signal = a.slice(1);
    else pids.push(a);
  }
  if (/^\d+$/.test(signal)) signal = SIGNALS[Number(signal) - 1] ?? signal;
  signal = signal.toUpperCase().replace(/^SIG/, '');
  if (!pids.length) {
    io.err(isBusybox(sh) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n' : `${sh.argv0}: 1: kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n`);
    return isBusybox(sh) ? 1 : 2;
  }
  let st = 0;
  for (const p of pids) {
    if (!sh.host.kill(Number(p), signal)) {
      io.err(isBusybox(sh) ? `kill: can't kill pid ${p}: No such process\n` : `${sh.argv0}: 1: kill: No such process\n\n`);
      st = 1;
    }
  }
  return st;
};

/** Seconds of a `sleep` operand (`5`, `0.5`, `2m`, `1h`, `infinity`); NaN when invalid. */
export function sleepSeconds(arg: string): number {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return NaN;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

const sleep: Program = async (argv, io, sh) => {
  if (argv.length < 2) {
    io.err(isBusybox(sh) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of argv.slice(1)) {
    const s = sleepSeconds(a);
    if (Number.isNaN(s)) {
      io.err(isBusybox(sh) ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += s;
  }
  await sh.host.sleep(total * 1000);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` output: `Mon Jan  6 12:00:00 UTC 2025`. */
export function formatDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const date: Program = (argv, io, sh) => {
  const d = sh.host.now();
  const fmt = argv.find((a) => a.startsWith('+'));
  if (fmt) {
    const p = (n: number) => String(n).padStart(2, '0');
    const map: Record<string, string> = { Y: String(d.getUTCFullYear()), m: p(d.getUTCMonth() + 1), d: p(d.getUTCDate()), H: p(d.getUTCHours()), M: p(d.getUTCMinutes()), S: p(d.getUTCSeconds()), s: String(Math.floor(d.getTime() / 1000)), T: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`, F: d.toISOString().slice(0, 10), '%': '%' };
    io.out(fmt.slice(1).replace(/%(.)/g, (m, c: string) => map[c] ?? m) + '\n');
  } else io.out(formatDate(d) + '\n');
  return 0;
};

const simple = (text: (sh: Shell, argv: string[]) => string): Program => (argv, io, sh) => {
  io.out(text(sh, argv) + '\n');
  return 0;
};

const uname = simple((sh, argv) => {
  const h = hostnameOf(sh);
  if (argv.includes('-a')) return `Linux ${h} 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64${isBusybox(sh) ? '' : ' GNU/Linux'}`;
  if (argv.includes('-r')) return '6.1.0-28-amd64';
  if (argv.includes('-m')) return 'x86_64';
  if (argv.includes('-n')) return h;
  return 'Linux';
});

const ps: Program = (_argv, io, sh) => {
  const main = sh.vars.get('__KUBEPLAY_MAIN') ?? 'sh';
  if (isBusybox(sh)) io.out(`PID   USER     TIME  COMMAND\n    1 root      0:00 ${main}\n    7 root      0:00 ps\n`);
  else io.out(`    PID TTY          TIME CMD\n      1 ?        00:00:00 ${main.split(' ')[0].replace(/^.*\//, '')}\n      7 ?        00:00:00 ps\n`);
  return 0;
};

const shell: Program = async (argv, io, sh) => {
  const sub = sh.fork();
  sub.argv0 = argv[0];
  const c = argv.indexOf('-c');
  if (c >= 0) {
    if (argv[c + 1] === undefined) {
      io.err(`${argv[0]}: -c requires an argument\n`);
      return 2;
    }
    sub.argv0 = argv[c + 2] ?? argv[0];
    sub.positional = argv.slice(c + 3);
    return sub.runScript(argv[c + 1], io);
  }
  const file = argv.slice(1).find((a) => !a.startsWith('-'));
  if (file) {
    const path = sh.abs(file);
    if (sh.view.stat(path) !== 'f') {
      io.err(isBusybox(sh) ? `${argv[0]}: can't open '${file}': No such file or directory\n` : `${argv[0]}: 0: cannot open ${file}: No such file\n`);
      return isBusybox(sh) ? 2 : 2;
    }
    return sub.runScript(sh.view.read(path), io);
  }
  return sub.runScript(io.stdin, io);
};

/** Process and text programs, by name. */
export const SYS_PROGRAMS: Record<string, Program> = {
  sh: shell,
  ash: shell,
  bash: shell,
  dash: shell,
  echo,
  printf,
  printenv,
  env,
  hostname,
  kill,
  sleep,
  date,
  id: simple(() => 'uid=0(root) gid=0(root) groups=0(root)'),
  whoami: simple(() => 'root'),
  uname,
  ps,
  ...TEXT_PROGRAMS,
  basename: simple((_sh, argv) => basename(normalizePath(argv[1] ?? ''))),
  dirname: simple((_sh, argv) => dirname(normalizePath(argv[1] ?? '.', '.')).replace(/^\/$/, argv[1]?.startsWith('/') ? '/' : '.')),
  true: () => 0,
  false: () => 1,
  yes: (argv, io) => {
    io.out(`${argv[1] ?? 'y'}\n`.repeat(1000));
    return 0;
  },
};

/** Makes `IO` unused-import lint quiet where only types are needed. */
export type { IO };
