/**
 * Runs the shell AST against a container: variables, expansion, pipelines (buffered: each stage
 * runs to its end, then feeds the next), redirections into the container's filesystem, builtins,
 * and the image's programs (commands.ts). Output goes to the `IO` sinks as it is produced, so a
 * loop with `sleep` streams to `kubectl exec`.
 */
import { parse, SyntaxError, type Node, type Word, type Redir } from './parse';
import { arith } from './builtins';
import type { ContainerView } from '../view';
import { FsError } from '../view';
import { normalizePath } from '../files';
import type { ImageFs } from '../images';
import { fsMessage, notFoundMessage } from './messages';

export type { IO, ShellHost, HttpResult, Program } from './types';
export { ExitSignal, AbortSignal } from './types';
import { ExitSignal, AbortSignal, type IO, type ShellHost, type Program } from './types';
import { BUILTINS } from './builtins';

const MAX_STEPS = 20_000;

/** One shell process (and its subshells: `fork`). */
export class Shell {
  vars: Map<string, string>;
  exported: Set<string>;
  cwd: string;
  status = 0;
  steps = 0;
  aborted = false;
  /** stdout is a terminal (`kubectl exec -t`): ls prints columns. */
  tty = false;
  /** The name `sh`, `bash`… the shell was started as (for error messages). */
  argv0: string;
  positional: string[] = [];
  /** Set when `exit` ended this shell's script. */
  exitedWith?: number;

  constructor(
    readonly view: ContainerView,
    readonly image: ImageFs,
    env: [string, string][],
    readonly host: ShellHost,
    readonly programs: Record<string, Program>,
    opts: { cwd?: string; argv0?: string } = {},
  ) {
    this.vars = new Map(env);
    this.exported = new Set(env.map(([k]) => k));
    this.cwd = opts.cwd ?? image.workdir;
    this.argv0 = opts.argv0 ?? 'sh';
  }

  /** A copy for a subshell or command substitution. */
  fork(): Shell {
    const s = new Shell(this.view, this.image, [], this.host, this.programs, { cwd: this.cwd, argv0: this.argv0 });
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.status = this.status;
    s.steps = this.steps;
    s.positional = this.positional;
    s.tty = this.tty;
    return s;
  }

  /** The environment passed to programs (exported variables, in insertion order). */
  environ(): [string, string][] {
    return [...this.vars].filter(([k]) => this.exported.has(k));
  }

  /** A path made absolute against the working directory. */
  abs(p: string): string {
    return normalizePath(p, this.cwd);
  }

  /** Runs a script; returns its exit status (exit N included). Syntax errors print as the shell does, status 2. */
  async runScript(src: string, io: IO): Promise<number> {
    let node: Node;
    try {
      node = parse(src);
    } catch (e) {
      if (e instanceof SyntaxError) {
        io.err(`${this.argv0}: syntax error: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    try {
      return this.set(await this.run(node, io));
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exitedWith = e.code;
        return this.set(e.code);
      }
      throw e;
    }
  }

  private tick(): void {
    if (this.aborted) throw new AbortSignal();
    if (++this.steps > MAX_STEPS) throw new ExitSignal(124);
  }

  /** Runs one node. */
  async run(node: Node, io: IO): Promise<number> {
    this.tick();
    switch (node.k) {
      case 'list': {
        let st = this.status;
        for (const n of node.items) st = await this.run(n, io);
        return st;
      }
      case 'andor': {
        let st = await this.run(node.first, io);
        for (const [op, n] of node.rest) if ((op === '&&') === (st === 0)) st = await this.run(n, io);
        return st;
      }
      case 'pipe': {
        let input = io.stdin;
        let st = 0;
        for (let i = 0; i < node.cmds.length; i++) {
          const last = i === node.cmds.length - 1;
          let buf = '';
          const sub = node.cmds.length > 1 ? this.fork() : this;
          st = await sub.run(node.cmds[i], { stdin: input, out: last ? io.out : (s) => (buf += s), err: io.err });
          if (sub !== this) this.steps = sub.steps;
          input = buf;
        }
        if (node.neg) st = st === 0 ? 1 : 0;
        return this.set(st);
      }
      case 'group': {
        const target = node.sub ? this.fork() : this;
        const st = await this.withRedirs(node.redirs, io, async (rio) => {
          try {
            return await target.run(node.body, rio);
          } catch (e) {
            if (e instanceof ExitSignal && node.sub) return e.code;
            throw e;
          }
        });
        return this.set(st);
      }
      case 'if': {
        for (const [cond, body] of node.clauses) {
          if ((await this.run(cond, io)) === 0) return this.set(await this.run(body, io));
        }
        return this.set(node.els ? await this.run(node.els, io) : 0);
      }
      case 'for': {
        const items = node.items ? (await Promise.all(node.items.map((w) => this.expand(w)))).flat() : this.positional;
        let st = 0;
        for (const it of items) {
          this.vars.set(node.name, it);
          st = await this.run(node.body, io);
        }
        return this.set(st);
      }
      case 'while': {
        let st = 0;
        for (;;) {
          const c = await this.run(node.cond, io);
          if ((c === 0) === node.until) break;
          st = await this.run(node.body, io);
        }
        return this.set(st);
      }
      case 'simple':
        return this.set(await this.simple(node, io));
    }
  }

  private set(st: number): number {
    this.status = st;
    return st;
  }

  /** Expands a word into fields (unquoted expansions are split on whitespace). */
  async expand(w: Word): Promise<string[]> {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const p of w) {
      let text: string;
      if (p.t === 'lit') {
        cur += p.s;
        has = true;
        continue;
      }
      if (p.t === 'var') text = await this.varValue(p);
      else if (p.t === 'arith') text = String(arith(p.expr, this.vars));
      else text = (await this.capture(p.src)).replace(/\n+$/, '');
      if (p.q) {
        cur += text;
        has = true;
        continue;
      }
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (has) fields.push(cur);
          cur = '';
          has = false;
        }
        if (piece) {
          cur += piece;
          has = true;
        }
      });
    }
    if (has) fields.push(cur);
    return fields;
  }

  /** Expands a word into one string (no splitting): redirection targets, assignments. */
  async expandOne(w: Word): Promise<string> {
    let out = '';
    for (const p of w) {
      if (p.t === 'lit') out += p.s;
      else if (p.t === 'var') out += await this.varValue(p);
      else if (p.t === 'arith') out += String(arith(p.expr, this.vars));
      else out += (await this.capture(p.src)).replace(/\n+$/, '');
    }
    return out;
  }

  private async varValue(p: Extract<Word[number], { t: 'var' }>): Promise<string> {
    const special: Record<string, () => string> = {
      '?': () => String(this.status),
      $: () => '1',
      '#': () => String(this.positional.length),
      '@': () => this.positional.join(' '),
      '*': () => this.positional.join(' '),
      '!': () => '',
      '0': () => this.argv0,
    };
    let v: string | undefined = special[p.name]?.() ?? (/^\d$/.test(p.name) ? this.positional[Number(p.name) - 1] : this.vars.get(p.name));
    if (p.op) {
      const arg = p.arg ? await this.expandOne(p.arg) : '';
      const unsetOrEmpty = p.op.startsWith(':') ? !v : v === undefined;
      if (p.op.endsWith('-') && unsetOrEmpty) v = arg;
      else if (p.op.endsWith('=') && unsetOrEmpty) {
        v = arg;
        this.vars.set(p.name, arg);
      } else if (p.op.endsWith('+')) v = unsetOrEmpty ? '' : arg;
      else if (p.op === '#' && !p.arg) v = String((v ?? '').length);
    }
    return v ?? '';
  }

  /** Runs a command substitution and returns its output. */
  async capture(src: string): Promise<string> {
    const sub = this.fork();
    let out = '';
    await sub.runScript(src, { stdin: '', out: (s) => (out += s), err: () => {} }).catch((e) => {
      if (!(e instanceof ExitSignal)) throw e;
    });
    this.status = sub.status;
    return out;
  }

  /** Applies redirections around `fn`; output to files is written when `fn` returns. */
  private async withRedirs(redirs: Redir[], io: IO, fn: (io: IO) => Promise<number>): Promise<number> {
    if (!redirs.length) return fn(io);
    const sinks: Record<number, (s: string) => void> = { 1: io.out, 2: io.err };
    let stdin = io.stdin;
    const files: { path: string; fd: number; append: boolean; buf: string[] }[] = [];
    for (const r of redirs) {
      if (r.op === 'dup') {
        sinks[r.fd] = sinks[r.dupFd ?? 1] ?? (() => {});
        continue;
      }
      const target = await this.expandOne(r.target);
      if (r.op === '<') {
        try {
          stdin = this.view.read(this.abs(target));
        } catch (e) {
          if (e instanceof FsError) {
            io.err(fsMessage(this, 'redirect-in', target, e.code));
            return 1;
          }
          throw e;
        }
        continue;
      }
      if (target === '/dev/null') {
        sinks[r.fd] = () => {};
        continue;
      }
      if (target === '/dev/stdout' || target === '/proc/self/fd/1' || target === '/proc/1/fd/1') {
        sinks[r.fd] = io.out;
        continue;
      }
      if (target === '/dev/stderr' || target === '/proc/self/fd/2' || target === '/proc/1/fd/2') {
        sinks[r.fd] = io.err;
        continue;
      }
      const path = this.abs(target);
      try {
        this.view.write(path, '', r.op === '>>');
      } catch (e) {
        if (e instanceof FsError) {
          io.err(fsMessage(this, 'redirect', target, e.code));
          return this.image.shell === 'busybox' ? 1 : 2;
        }
        throw e;
      }
      const f = { path, fd: r.fd, append: true, buf: [] as string[] };
      files.push(f);
      sinks[r.fd] = (s) => f.buf.push(s);
    }
    const flush = () => {
      for (const f of files) if (f.buf.length) this.view.write(f.path, f.buf.join(''), true);
      for (const f of files) f.buf = [];
    };
    try {
      return await fn({ stdin, out: (s) => sinks[1](s), err: (s) => sinks[2](s) });
    } finally {
      try {
        flush();
      } catch (e) {
        if (e instanceof FsError) io.err(`${this.argv0}: write error: No space left on device\n`);
        else throw e;
      }
    }
  }

  private async simple(node: Extract<Node, { k: 'simple' }>, io: IO): Promise<number> {
    const argv: string[] = [];
    for (const w of node.words) argv.push(...(await this.expand(w)));
    const assigns: [string, string][] = [];
    for (const [k, w] of node.assigns) assigns.push([k, await this.expandOne(w)]);
    if (!argv.length) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      return this.withRedirs(node.redirs, io, async () => this.status);
    }
    // Assignments before a command apply to that command only.
    const saved = assigns.map(([k]) => [k, this.vars.get(k), this.exported.has(k)] as const);
    for (const [k, v] of assigns) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    try {
      return await this.withRedirs(node.redirs, io, (rio) => this.exec(argv, rio));
    } finally {
      for (const [k, v, ex] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
        if (!ex) this.exported.delete(k);
      }
    }
  }

  /** Runs argv: a builtin, or a program the image has on its PATH. */
  async exec(argv: string[], io: IO): Promise<number> {
    this.tick();
    const name = argv[0];
    const builtin = BUILTINS[name];
    if (builtin) return builtin(argv, io, this);
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    const onPath = name.includes('/') ? this.view.stat(this.abs(name)) === 'f' : this.image.tools.has(name);
    if (!onPath) {
      io.err(notFoundMessage(this, name));
      return 127;
    }
    const prog = this.programs[base];
    if (!prog) {
      io.err(`${base}: this program is not simulated in kubeplay\n`);
      return 1;
    }
    return prog([base, ...argv.slice(1)], io, this);
  }
}

