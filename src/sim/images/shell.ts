/**
 * A tiny model of what busybox `sh` (or a bare command as PID 1) does with a container's
 * command line: which lines it prints and when, which files it creates and removes, when it
 * exits and with which code. It understands the commands that course manifests use (sleep,
 * echo, date, touch, rm, cat, exit, true, false, printenv, tail -f, `while true` loops); an
 * unknown program prints busybox's `sh: x: not found` and exits 127.
 */

/** A line printed `atMs` after the process started; `{{date}}` is replaced by the wall time when rendered. */
export interface LogLine {
  atMs: number;
  text: string;
}

/** A file the program creates at `fromMs` and (maybe) removes at `untilMs`. */
export interface FileSpan {
  path: string;
  fromMs: number;
  untilMs?: number;
}

/** What a program does over time, from its start. All times are real (unscaled) milliseconds. */
export interface Timeline {
  /** Exit time; undefined when it runs until killed. */
  exitAfterMs?: number;
  exitCode: number;
  logs: LogLine[];
  /**
   * A `while true` body repeated forever after the prelude: its lines and period. When the body
   * counts (`i=$((i+1))`), `render(from, to)` gives the lines of iterations from..to-1, and the
   * state its last pass started from: given back as `resume`, a later render starts there
   * instead of at pass 0 (a followed log reads on in time proportional to the new lines).
   */
  loop?: { startMs: number; periodMs: number; lines: LogLine[]; render?: (from: number, to: number, resume?: LoopState) => { passes: LogLine[][]; state: LoopState } };
  files: FileSpan[];
}

/** Where a counting loop stands at the start of pass `pass`: the shell variables it starts with. */
export interface LoopState {
  pass: number;
  env: Record<string, string>;
}

/** Context for expansion: environment variables and the hostname (the pod name). */
export interface ShellContext {
  env: Record<string, string>;
  hostname: string;
}

/** The placeholder a rendered log line replaces by the current date (`date` output). */
export const DATE_TOKEN = '{{date}}';

/** Splits a shell string into words, honouring quotes; operators `; && || |` and newlines become their own tokens. */
export function tokenize(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  const push = () => {
    if (has) out.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'" || c === '"') {
      const end = script.indexOf(c, i + 1);
      const stop = end < 0 ? script.length : end;
      cur += script.slice(i + 1, stop);
      has = true;
      i = stop;
    } else if (c === '\\' && i + 1 < script.length) {
      cur += script[++i];
      has = true;
    } else if (c === ' ' || c === '\t') push();
    else if (c === '\n' || c === ';') {
      push();
      out.push(';');
    } else if ((c === '&' || c === '|') && script[i + 1] === c) {
      push();
      out.push(c + c);
      i++;
    } else if (c === '&') push();
    else {
      cur += c;
      has = true;
    }
  }
  push();
  return out;
}

/** Parses `sleep` durations: `30`, `1.5`, `10s`, `2m`, `1h`, `1d`, `infinity` (→ Infinity). */
export function parseSleep(arg: string | undefined): number {
  if (!arg) return 0;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Number(m[1]) * unit;
}

/** Integer arithmetic of `$((…))`: + - * / % and parentheses over numbers and variables. */
export function arithmetic(expr: string, env: Record<string, string>): number {
  const tokens = expr.match(/\d+|[A-Za-z_]\w*|[-+*/%()]/g) ?? [];
  let i = 0;
  const primary = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t !== undefined && /^\d+$/.test(t)) return Number(t);
    return t !== undefined ? Math.trunc(Number(env[t] ?? 0)) || 0 : 0;
  };
  const product = (): number => {
    let v = primary();
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++];
      const r = primary();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  return sum();
}

function expand(word: string, ctx: ShellContext): string {
  return word
    .replace(/\$\(\(([^()]*(?:\([^()]*\)[^()]*)*)\)\)/g, (_m, expr) => String(arithmetic(expr, ctx.env)))
    .replace(/\$\(date[^)]*\)|`date[^`]*`/g, DATE_TOKEN)
    .replace(/\$\(hostname\)|`hostname`/g, ctx.hostname)
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => ctx.env[a ?? b] ?? '');
}

interface Run {
  t: number;
  status: number;
  exited: boolean;
  forever: boolean;
  logs: LogLine[];
  files: FileSpan[];
  ctx: ShellContext;
}

const QUIET_OK = new Set(['ls', 'pwd', 'cd', 'mkdir', 'chmod', 'export', 'set', 'wget', 'curl', 'nslookup', 'ping', 'apk', 'apt-get', 'nc', 'cp', 'mv', 'ln', 'id', 'whoami', 'uname', 'df', 'free', 'ps', 'top', 'sync', 'trap', 'wait', 'dd', 'seq']);

const BUILTINS = new Set(['true', 'false', ':', 'exit', 'exec', 'sleep', 'echo', 'printf', 'date', 'hostname', 'printenv', 'env', 'touch', 'rm', 'cat', 'tail', 'sh', 'bash', 'ash']);

/** Whether the model knows a program of this name (a PID 1 the runtime can exec). */
export function isKnownCommand(name: string): boolean {
  const bin = name.replace(/^.*\//, '');
  return BUILTINS.has(bin) || QUIET_OK.has(bin);
}

function fileExists(run: Run, path: string): boolean {
  return run.files.some((f) => f.path === path && f.fromMs <= run.t && (f.untilMs === undefined || f.untilMs > run.t));
}

/** Executes one simple command (its words already split), advancing the run. */
function execCommand(words: string[], run: Run): void {
  const redirect = words.findIndex((w) => w === '>' || w === '>>' || w.startsWith('>'));
  let target: string | undefined;
  if (redirect >= 0) {
    const w = words[redirect];
    target = w === '>' || w === '>>' ? words[redirect + 1] : w.replace(/^>+/, '');
    words = words.slice(0, redirect);
  }
  // NAME=value alone sets a shell variable.
  const assign = words.length === 1 ? /^([A-Za-z_]\w*)=(.*)$/s.exec(words[0]) : null;
  if (assign) {
    run.ctx.env[assign[1]] = expand(assign[2], run.ctx);
    run.status = 0;
    return;
  }
  const [cmd0, ...args] = words.map((w) => expand(w, run.ctx));
  const cmd = (cmd0 ?? '').replace(/^.*\//, '');
  const print = (text: string) => {
    if (!target || target === '/dev/stdout' || target === '/proc/1/fd/1') run.logs.push({ atMs: run.t, text });
  };
  if (target && target !== '/dev/null' && !target.startsWith('/dev/') && !target.startsWith('/proc/')) run.files.push({ path: target, fromMs: run.t });
  run.status = 0;
  switch (cmd) {
    case '':
    case 'true':
    case ':':
      return;
    case 'false':
      run.status = 1;
      return;
    case 'exit':
      run.status = Number(args[0] ?? 0) & 255;
      run.exited = true;
      return;
    case 'exec':
      return execCommand(words.slice(1), run);
    case 'sleep': {
      const ms = parseSleep(args[0]);
      if (ms === Infinity) run.forever = true;
      else run.t += ms;
      return;
    }
    case 'echo': {
      const noNewline = args[0] === '-n' || args[0] === '-e' || args[0] === '-ne';
      print((noNewline ? args.slice(1) : args).join(' '));
      return;
    }
    case 'printf':
      print((args[0] ?? '').replace(/\\n$/, '').replace(/%s/g, () => args[1] ?? ''));
      return;
    case 'date':
      print(DATE_TOKEN);
      return;
    case 'hostname':
      print(run.ctx.hostname);
      return;
    case 'printenv':
    case 'env':
      if (args.length) args.forEach((a) => run.ctx.env[a] !== undefined && print(run.ctx.env[a]));
      else Object.entries(run.ctx.env).forEach(([k, v]) => print(`${k}=${v}`));
      return;
    case 'touch':
      args.forEach((path) => run.files.push({ path, fromMs: run.t }));
      return;
    case 'rm':
      for (const path of args.filter((a) => !a.startsWith('-'))) {
        const live = run.files.filter((f) => f.path === path && f.untilMs === undefined);
        if (!live.length && !args.some((a) => a.startsWith('-') && a.includes('f'))) {
          print(`rm: can't remove '${path}': No such file or directory`);
          run.status = 1;
        }
        live.forEach((f) => (f.untilMs = run.t));
      }
      return;
    case 'cat':
      for (const path of args) {
        if (!fileExists(run, path) && !path.startsWith('/etc/') && !path.startsWith('/proc/')) {
          print(`cat: can't open '${path}': No such file or directory`);
          run.status = 1;
        }
      }
      return;
    case 'tail':
      if (args.includes('-f') || args.includes('-F')) run.forever = true;
      return;
    case 'sh':
    case 'bash':
    case 'ash': {
      const c = args.indexOf('-c');
      if (c >= 0) runScript(tokenize(args[c + 1] ?? ''), run);
      return;
    }
    default:
      if (QUIET_OK.has(cmd)) return;
      print(`sh: ${cmd}: not found`);
      run.status = 127;
  }
}

/** Runs a token stream (statements separated by `;`, `&&`, `||`; `while true; do …; done` loops). */
function runScript(tokens: string[], run: Run, loopOut?: (body: string[]) => void): void {
  let i = 0;
  let skip = false;
  while (i < tokens.length && !run.exited && !run.forever) {
    if (tokens[i] === ';') {
      skip = false;
      i++;
      continue;
    }
    if (tokens[i] === '&&' || tokens[i] === '||') {
      skip = tokens[i] === '&&' ? run.status !== 0 : run.status === 0;
      i++;
      continue;
    }
    if (tokens[i] === 'while' || tokens[i] === 'until') {
      const doAt = tokens.indexOf('do', i);
      const doneAt = tokens.lastIndexOf('done');
      const cond = tokens.slice(i + 1, doAt).filter((t) => t !== ';');
      // `while sleep 1` loops forever too: sleep always succeeds (the course's load generator).
      const endless = tokens[i] === 'while' ? ['true', ':', '[ 1 ]', '[ true ]'].includes(cond.join(' ')) || (cond[0] === 'sleep' && cond.length === 2) : cond.join(' ') === 'false';
      if (doAt < 0 || doneAt < 0 || !endless) {
        i = doneAt < 0 ? tokens.length : doneAt + 1;
        continue;
      }
      loopOut?.(tokens.slice(doAt + 1, doneAt));
      run.forever = true;
      return;
    }
    let j = i;
    while (j < tokens.length && ![';', '&&', '||'].includes(tokens[j])) j++;
    if (!skip) execCommand(tokens.slice(i, j), run);
    skip = false;
    i = j;
  }
}

/** The timeline of a program given its argv (command + args, already merged with the image's defaults). */
export function runProgram(argv: string[], ctx: ShellContext): Timeline {
  const run: Run = { t: 0, status: 0, exited: false, forever: false, logs: [], files: [], ctx: { env: { ...ctx.env }, hostname: ctx.hostname } };
  let loop: Timeline['loop'];
  const onLoop = (body: string[]) => {
    const startMs = run.t;
    const iteration = (env: Record<string, string>) => {
      const inner: Run = { ...run, t: 0, logs: [], files: [], forever: false, exited: false, ctx: { env: { ...env }, hostname: run.ctx.hostname } };
      runScript(body, inner);
      return inner;
    };
    const first = iteration(run.ctx.env);
    const periodMs = Math.max(first.t, 1000);
    loop = { startMs, periodMs, lines: first.logs };
    // A body whose second pass prints something else keeps state across passes (a counter):
    // its lines are rendered pass by pass from the state the prelude left.
    const second = iteration(first.ctx.env);
    if (second.logs.map((l) => l.text).join('\n') !== first.logs.map((l) => l.text).join('\n')) {
      const start = { ...run.ctx.env };
      loop.render = (from, to, resume) => {
        const passes: LogLine[][] = [];
        const usable = resume && resume.pass <= from;
        let i = usable ? resume.pass : 0;
        let env = usable ? resume.env : start;
        let state: LoopState = { pass: i, env };
        for (; i < to; i++) {
          state = { pass: i, env };
          const pass = iteration(env);
          env = pass.ctx.env;
          if (i >= from) passes.push(pass.logs);
        }
        return { passes, state };
      };
    }
  };
  const bin = (argv[0] ?? '').replace(/^.*\//, '');
  if ((bin === 'sh' || bin === 'bash' || bin === 'ash') && argv.includes('-c')) {
    runScript(tokenize(argv[argv.indexOf('-c') + 1] ?? ''), run, onLoop);
  } else if (argv.length) {
    execCommand(argv, run);
  }
  const forever = run.forever && !run.exited;
  return { exitAfterMs: forever ? undefined : run.t, exitCode: run.status, logs: run.logs, loop, files: run.files };
}
