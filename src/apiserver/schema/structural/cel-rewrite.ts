/**
 * Rewrites of rule sources where the CEL interpreter differs from cel-go, each to an equivalent
 * expression it runs:
 *  - `has(e.f)` for any expression `e`, which CEL allows and rules use (Gateway API's HTTPRoute:
 *    `has(self.matches[0].path)`), while the interpreter's has() takes only a chain of field
 *    selections from a variable: rewritten to `(e).?f.hasValue()`, the same test through
 *    optional field selection (true when the member is there, an error when `e` fails);
 *  - `matches` becomes `reMatches`, which reads RE2 patterns (`^(?i)…`, Gateway API's
 *    GRPCRoute) rather than JavaScript's.
 */

const IDENT_CHAR = /[A-Za-z0-9_]/;
const SELECTION_CHAIN = /^\s*[A-Za-z_][A-Za-z0-9_]*(\s*\.\??\s*[A-Za-z_][A-Za-z0-9_]*)*\s*$/;

/** The index just past the string literal starting at `i` (quotes ', ", triple quotes; escapes unless raw). */
function skipString(src: string, i: number, raw = false): number {
  const q = src[i];
  const triple = src.startsWith(q.repeat(3), i);
  const end = triple ? q.repeat(3) : q;
  let j = i + end.length;
  while (j < src.length) {
    if (src[j] === '\\' && !raw) j += 2;
    else if (src.startsWith(end, j)) return j + end.length;
    else j++;
  }
  return j;
}

/** The index of the parenthesis closing the one at `open`, skipping strings; -1 if none. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (c === '"' || c === "'") {
      j = skipString(src, j) - 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}

/** Split `e.f` at its last top-level selection: [e, f], or undefined if the argument is not one. */
function lastSelection(arg: string): [string, string] | undefined {
  const m = /\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(arg);
  if (!m) return undefined;
  const prefix = arg.slice(0, m.index);
  let depth = 0;
  for (let j = 0; j < prefix.length; j++) {
    const c = prefix[j];
    if (c === '"' || c === "'") j = skipString(prefix, j) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return depth === 0 && prefix.trim() ? [prefix, m[1]] : undefined;
}

/** `src` with both rewrites applied (unchanged if neither applies). */
export function rewriteRule(src: string): string {
  return rewriteMatches(rewriteHas(src));
}

/** `matches(` (a call, global or as a method) renamed `reMatches(`, outside string literals. */
function rewriteMatches(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'") {
      const j = skipString(src, i);
      out += src.slice(i, j);
      i = j;
    } else if (src.startsWith('matches', i) && !IDENT_CHAR.test(src[i - 1] ?? '') && /^matches\s*\(/.test(src.slice(i))) {
      out += 'reMatches';
      i += 'matches'.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `src` with every has() of a non-chain argument rewritten; unchanged if there is none. */
function rewriteHas(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'" || ((c === 'r' || c === 'R') && (src[i + 1] === '"' || src[i + 1] === "'") && !IDENT_CHAR.test(src[i - 1] ?? ''))) {
      const start = c === '"' || c === "'" ? i : i + 1;
      const j = skipString(src, start, start !== i);
      out += src.slice(i, j);
      i = j;
      continue;
    }
    const isCall = src.startsWith('has', i) && !IDENT_CHAR.test(src[i - 1] ?? '') && src[i - 1] !== '.' && /^has\s*\(/.test(src.slice(i));
    if (!isCall) {
      out += c;
      i++;
      continue;
    }
    const open = src.indexOf('(', i);
    const close = closing(src, open);
    if (close < 0) return src;
    const arg = rewriteHas(src.slice(open + 1, close));
    const sel = SELECTION_CHAIN.test(arg) ? undefined : lastSelection(arg);
    out += sel ? `(${sel[0]}).?${sel[1]}.hasValue()` : `has(${arg})`;
    i = close + 1;
  }
  return out;
}
