/**
 * A POSIX-ish shell parser, enough for what people type into `kubectl exec … -- sh -c '…'`:
 * quoting ('…', "…", \), $VAR / ${VAR} / ${VAR:-x} / $? / $(…) / `…`, `;` `&&` `||` `|` `&`,
 * redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `>&2`), `( … )`, `{ …; }`, `if`, `for`, `while`,
 * `until`. It produces an AST that interp.ts runs.
 */

/** A piece of a word: literal text, a variable, or a command substitution; `q` = inside double quotes or single quotes. */
export type Part =
  | { t: 'lit'; s: string; q: boolean }
  | { t: 'var'; name: string; q: boolean; op?: string; arg?: Word }
  | { t: 'cmd'; src: string; q: boolean }
  | { t: 'arith'; expr: string; q: boolean };

/** A word before expansion. */
export type Word = Part[];

/** A redirection: `fd op target` (`dup` targets another fd: 2>&1). */
export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | 'dup';
  target: Word;
  dupFd?: number;
}

/** The syntax tree. */
export type Node =
  | { k: 'simple'; assigns: [string, Word][]; words: Word[]; redirs: Redir[] }
  | { k: 'pipe'; neg: boolean; cmds: Node[] }
  | { k: 'andor'; first: Node; rest: ['&&' | '||', Node][] }
  | { k: 'list'; items: Node[] }
  | { k: 'group'; body: Node; sub: boolean; redirs: Redir[] }
  | { k: 'if'; clauses: [Node, Node][]; els?: Node }
  | { k: 'for'; name: string; items?: Word[]; body: Node }
  | { k: 'while'; until: boolean; cond: Node; body: Node };

/** A syntax error, worded as busybox ash words it (`syntax error: unexpected "done"`). */
export class SyntaxError extends Error {}

type Tok = { t: 'word'; w: Word; raw: string } | { t: 'op'; op: string } | { t: 'redir'; r: Redir };

const OPS = ['&&', '||', ';;', ';', '&', '|', '(', ')', '\n'];

/** Whether a word is the plain unquoted literal `s` (how keywords are recognised). */
function isLit(w: Word, s: string): boolean {
  return w.length === 1 && w[0].t === 'lit' && !w[0].q && w[0].s === s;
}

/** Splits a script into tokens. */
export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let word: Word = [];
  let raw = '';
  let inWord = false;
  const lit = (s: string, q: boolean) => {
    const last = word[word.length - 1];
    if (last && last.t === 'lit' && last.q === q) last.s += s;
    else word.push({ t: 'lit', s, q });
    inWord = true;
  };
  const end = () => {
    if (inWord) toks.push({ t: 'word', w: word, raw });
    word = [];
    raw = '';
    inWord = false;
  };
  /** Reads `$…` at src[i] (i at '$'); returns the part and the index after it. */
  const dollar = (q: boolean): Part | undefined => {
    const c = src[i + 1];
    if (c === '(' && src[i + 2] === '(') {
      const j = src.indexOf('))', i + 3);
      const part: Part = { t: 'arith', expr: src.slice(i + 3, j < 0 ? src.length : j), q };
      i = j < 0 ? src.length : j + 2;
      return part;
    }
    if (c === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < src.length; j++) {
        if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      const part: Part = { t: 'cmd', src: src.slice(i + 2, j), q };
      i = j + 1;
      return part;
    }
    if (c === '{') {
      const j = src.indexOf('}', i);
      const body = src.slice(i + 2, j < 0 ? src.length : j);
      i = j < 0 ? src.length : j + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!])(:?[-=+?]|#|%)?(.*)$/s.exec(body);
      if (!m) return { t: 'lit', s: '', q };
      return { t: 'var', name: m[1], q, op: m[2], arg: m[2] ? lexWord(m[3]) : undefined };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!])/.exec(src.slice(i + 1));
    if (!m) return undefined;
    i += 1 + m[1].length;
    return { t: 'var', name: m[1], q };
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length) {
      if (src[i + 1] !== '\n') lit(src[i + 1], true);
      raw += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new SyntaxError('unterminated quoted string');
      lit(src.slice(i + 1, j), true);
      raw += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      inWord = true;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && '$`"\\\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') lit(src[i + 1], true);
          i += 2;
        } else if (src[i] === '$') {
          const p = dollar(true);
          if (p) word.push(p);
          else lit(src[i++], true);
        } else if (src[i] === '`') {
          const j = src.indexOf('`', i + 1);
          word.push({ t: 'cmd', src: src.slice(i + 1, j), q: true });
          i = j + 1;
        } else lit(src[i++], true);
      }
      if (i >= src.length) throw new SyntaxError('unterminated quoted string');
      i++;
      raw += src.slice(start, i);
      continue;
    }
    if (c === '$') {
      const start = i;
      const p = dollar(false);
      if (p) {
        word.push(p);
        inWord = true;
        raw += src.slice(start, i);
      } else {
        lit('$', false);
        raw += '$';
        i++;
      }
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new SyntaxError('unterminated quoted string');
      word.push({ t: 'cmd', src: src.slice(i + 1, j), q: false });
      inWord = true;
      raw += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '#' && !inWord) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      end();
      i++;
      continue;
    }
    if (c === '>' || c === '<') {
      let fd = c === '>' ? 1 : 0;
      if (inWord && /^\d$/.test(raw)) {
        fd = Number(raw);
        word = [];
        raw = '';
        inWord = false;
      } else end();
      let op: Redir['op'] = c === '<' ? '<' : '>';
      i++;
      if (c === '>' && src[i] === '>') {
        op = '>>';
        i++;
      } else if (src[i] === '&') {
        const m = /^&(\d)/.exec(src.slice(i));
        if (m) {
          toks.push({ t: 'redir', r: { fd, op: 'dup', target: [], dupFd: Number(m[1]) } });
          i += 2;
          continue;
        }
      } else if (c === '>' && src[i] === '|') i++;
      toks.push({ t: 'redir', r: { fd, op, target: [] } });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      end();
      toks.push({ t: 'op', op });
      i += op.length;
      continue;
    }
    lit(c, false);
    raw += c;
    i++;
  }
  end();
  return toks;
}

/** Lexes a word fragment (the `x` of `${V:-x}`) into parts. */
function lexWord(src: string): Word {
  const toks = lex(src.replace(/ /g, '\\ '));
  return toks.flatMap((t) => (t.t === 'word' ? t.w : []));
}

const STOP = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}']);

/** Parses a script into a list node. */
export function parse(src: string): Node {
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (op: string) => peek()?.t === 'op' && (peek() as { op: string }).op === op;
  const isKw = (kw: string) => peek()?.t === 'word' && isLit((peek() as { w: Word }).w, kw);
  const skipNl = () => {
    while (isOp('\n') || isOp(';')) p++;
  };
  const expectKw = (kw: string) => {
    skipNl();
    if (!isKw(kw)) throw new SyntaxError(`unexpected ${describe()} (expecting "${kw}")`);
    p++;
  };
  const describe = () => {
    const t = peek();
    if (!t) return 'end of file';
    if (t.t === 'op') return t.op === '\n' ? 'newline' : `"${t.op}"`;
    if (t.t === 'word') return `"${t.raw}"`;
    return 'redirection';
  };
  const redirTarget = (): Redir => {
    const r = (toks[p++] as { r: Redir }).r;
    if (r.op === 'dup') return r;
    const t = peek();
    if (t?.t !== 'word') throw new SyntaxError(`unexpected ${describe()}`);
    p++;
    return { ...r, target: t.w };
  };
  const trailingRedirs = (): Redir[] => {
    const out: Redir[] = [];
    while (peek()?.t === 'redir') out.push(redirTarget());
    return out;
  };

  function list(stopAt: (t: Tok | undefined) => boolean): Node {
    const items: Node[] = [];
    skipNl();
    while (peek() && !stopAt(peek())) {
      items.push(andor());
      if (isOp(';') || isOp('\n') || isOp('&')) p++;
      else break;
      skipNl();
    }
    return { k: 'list', items };
  }
  function andor(): Node {
    const first = pipeline();
    const rest: ['&&' | '||', Node][] = [];
    while (isOp('&&') || isOp('||')) {
      const op = (toks[p++] as { op: '&&' | '||' }).op;
      while (isOp('\n')) p++;
      rest.push([op, pipeline()]);
    }
    return rest.length ? { k: 'andor', first, rest } : first;
  }
  function pipeline(): Node {
    let neg = false;
    if (isKw('!')) {
      neg = true;
      p++;
    }
    const cmds = [command()];
    while (isOp('|')) {
      p++;
      while (isOp('\n')) p++;
      cmds.push(command());
    }
    return cmds.length > 1 || neg ? { k: 'pipe', neg, cmds } : cmds[0];
  }
  const endsBlock = (kws: string[]) => (t: Tok | undefined) => !!t && t.t === 'word' && kws.some((k) => isLit(t.w, k));
  function command(): Node {
    if (isOp('(')) {
      p++;
      const body = list((t) => t?.t === 'op' && t.op === ')');
      if (!isOp(')')) throw new SyntaxError(`unexpected ${describe()} (expecting ")")`);
      p++;
      return { k: 'group', body, sub: true, redirs: trailingRedirs() };
    }
    if (isKw('{')) {
      p++;
      const body = list(endsBlock(['}']));
      expectKw('}');
      return { k: 'group', body, sub: false, redirs: trailingRedirs() };
    }
    if (isKw('if')) {
      p++;
      const clauses: [Node, Node][] = [];
      let els: Node | undefined;
      for (;;) {
        const cond = list(endsBlock(['then']));
        expectKw('then');
        const body = list(endsBlock(['elif', 'else', 'fi']));
        clauses.push([cond, body]);
        if (isKw('elif')) {
          p++;
          continue;
        }
        if (isKw('else')) {
          p++;
          els = list(endsBlock(['fi']));
        }
        expectKw('fi');
        return { k: 'if', clauses, els };
      }
    }
    if (isKw('for')) {
      p++;
      const t = peek();
      if (t?.t !== 'word') throw new SyntaxError(`unexpected ${describe()}`);
      p++;
      const name = t.raw;
      let items: Word[] | undefined;
      skipNlOnly();
      if (isKw('in')) {
        p++;
        items = [];
        while (peek()?.t === 'word') items.push((toks[p++] as { w: Word }).w);
      }
      expectKw('do');
      const body = list(endsBlock(['done']));
      expectKw('done');
      return { k: 'for', name, items, body };
    }
    if (isKw('while') || isKw('until')) {
      const until = isKw('until');
      p++;
      const cond = list(endsBlock(['do']));
      expectKw('do');
      const body = list(endsBlock(['done']));
      expectKw('done');
      return { k: 'while', until, cond, body };
    }
    const t = peek();
    if (t?.t === 'word' && STOP.has(t.raw)) throw new SyntaxError(`unexpected "${t.raw}"`);
    const node: Extract<Node, { k: 'simple' }> = { k: 'simple', assigns: [], words: [], redirs: [] };
    for (;;) {
      const x = peek();
      if (x?.t === 'redir') node.redirs.push(redirTarget());
      else if (x?.t === 'word') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(x.raw);
        if (m && !node.words.length && x.w[0]?.t === 'lit' && !x.w[0].q) {
          const first = x.w[0];
          const value: Word = [{ ...first, s: first.s.slice(m[0].length) }, ...x.w.slice(1)];
          node.assigns.push([m[1], value]);
        } else node.words.push(x.w);
        p++;
      } else break;
    }
    if (!node.words.length && !node.assigns.length && !node.redirs.length) throw new SyntaxError(`unexpected ${describe()}`);
    return node;
  }
  function skipNlOnly() {
    while (isOp('\n')) p++;
  }
  const root = list(() => false);
  if (p < toks.length) throw new SyntaxError(`unexpected ${describe()}`);
  return root;
}
