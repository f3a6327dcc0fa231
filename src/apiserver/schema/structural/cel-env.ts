/**
 * The CEL environment of `x-kubernetes-validations` rules (@marcbachmann/cel-js, which parses
 * and interprets CEL without generating code, so it runs in workerd): the variables `self` and
 * `oldSelf`, optional types, and besides CEL's standard functions the Kubernetes extension
 * functions rules most often use (strings: charAt, replace, reverse; lists: isSorted, sum, min,
 * max, indexOf, lastIndexOf; regex: find, findAll, with RE2 patterns; isIP, isCIDR). Rules are
 * compiled once per isolate.
 * Unlike kube-apiserver, `self` is not typed from the schema, so a field the schema lacks is
 * found when the rule runs (`no such key`) rather than when the CRD is written.
 */
import { Environment } from '@marcbachmann/cel-js';
import { rewriteRule } from './cel-rewrite';
import { isCIDR, isIP } from './formats';
import { compilePattern } from './re2';

export type Program = (context?: Record<string, unknown>) => unknown;

export interface CompiledRule {
  program?: Program;
  /** `ERROR: <input>:1:6: …`, as cel-go words a rule that does not compile. */
  error?: string;
  /** The rule reads oldSelf: a transition rule, run on updates only. */
  usesOldSelf: boolean;
}

const envs = new Map<boolean, Environment>();

/** The environment; with `optionalOldSelf`, oldSelf is an optional (optional<dyn>). */
function environment(optionalOldSelf: boolean): Environment {
  const cached = envs.get(optionalOldSelf);
  if (cached) return cached;
  const e = kubernetesEnvironment()
    .registerVariable('self', 'dyn')
    .registerVariable('oldSelf', optionalOldSelf ? 'optional<dyn>' : 'dyn');
  envs.set(optionalOldSelf, e);
  return e;
}

/**
 * A new CEL environment with optional types and the Kubernetes extension functions (see the
 * file comment), for the caller to declare its variables on: rules here, admission policies'
 * expressions in resources/validatingadmissionpolicy.
 */
export function kubernetesEnvironment(): Environment {
  const e = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  const cmp = (a: unknown, b: unknown) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  const fn = (sig: string, impl: (...args: any[]) => unknown) => e.registerFunction(sig, impl as never);
  fn('string.charAt(int): string', (s: string, i: bigint) => [...s][Number(i)] ?? '');
  fn('string.replace(string, string): string', (s: string, a: string, b: string) => s.split(a).join(b));
  fn('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => {
    let out = s;
    let from = 0;
    for (let k = 0; n < 0n || k < Number(n); k++) {
      const i = out.indexOf(a, from);
      if (i < 0) break;
      out = out.slice(0, i) + b + out.slice(i + a.length);
      from = i + b.length;
    }
    return out;
  });
  fn('string.reverse(): string', (s: string) => [...s].reverse().join(''));
  const regexp = (re: string, global = false): RegExp => {
    const c = compilePattern(re);
    if (typeof c === 'string') throw new Error(`invalid regular expression: ${c}`);
    return global ? new RegExp(c.source, `${c.flags}g`) : c;
  };
  fn('string.reMatches(string): bool', (s: string, re: string) => regexp(re).test(s));
  fn('reMatches(string, string): bool', (s: string, re: string) => regexp(re).test(s));
  fn('string.find(string): string', (s: string, re: string) => regexp(re).exec(s)?.[0] ?? '');
  fn('string.findAll(string): list<string>', (s: string, re: string) => [...s.matchAll(regexp(re, true))].map((m) => m[0]));
  fn('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => {
    const all = [...s.matchAll(regexp(re, true))].map((m) => m[0]);
    return n < 0n ? all : all.slice(0, Number(n));
  });
  fn('isIP(string): bool', (s: string) => isIP(s));
  fn('isCIDR(string): bool', (s: string) => isCIDR(s));
  fn('list.isSorted(): bool', (l: unknown[]) => l.every((x, i) => i === 0 || cmp(l[i - 1], x) <= 0));
  fn('list.sum(): dyn', (l: unknown[]) => (l.length ? l.reduce((a, b) => (a as number) + (b as number)) : 0n));
  fn('list.min(): dyn', (l: unknown[]) => {
    if (!l.length) throw new Error('min called on empty list');
    return l.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
  });
  fn('list.max(): dyn', (l: unknown[]) => {
    if (!l.length) throw new Error('max called on empty list');
    return l.reduce((a, b) => (cmp(b, a) > 0 ? b : a));
  });
  fn('list.indexOf(dyn): int', (l: unknown[], v: unknown) => BigInt(l.findIndex((x) => x === v || JSON.stringify(x, big) === JSON.stringify(v, big))));
  fn('list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (l[i] === v || JSON.stringify(l[i], big) === JSON.stringify(v, big)) return BigInt(i);
    return -1n;
  });
  return e;
}

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

/** `<input>:line:column` of an offset in the rule, as cel-go prints positions (1-based). */
export function position(src: string, pos: number | undefined): string {
  if (pos === undefined) return '<input>';
  const before = src.slice(0, pos).split('\n');
  return `<input>:${before.length}:${before[before.length - 1].length + 1}`;
}

/** The first line of a cel-js error (the rest is its source excerpt). */
export function celMessage(err: unknown): string {
  const e = err as { summary?: string; message?: string };
  return String(e.summary ?? e.message ?? err).split('\n')[0];
}

const cache = new Map<string, CompiledRule>();

/** Whether an expression refers to the identifier `oldSelf` (outside string literals). */
function refersToOldSelf(src: string): boolean {
  const code = src.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return /(^|[^\w.])oldSelf\b/.test(code);
}

/** Compile a CEL expression (memoised); `optionalOldSelf` for rules that set it. */
export function compileRule(src: string, optionalOldSelf = false): CompiledRule {
  const cacheKey = `${optionalOldSelf ? '?' : '='}${src}`;
  let c = cache.get(cacheKey);
  if (c) return c;
  const compiled = compileIn(environment(optionalOldSelf), src);
  c = compiled.program ? { program: compiled.program, usesOldSelf: refersToOldSelf(src) } : { error: compiled.error, usesOldSelf: false };
  if (cache.size > 2000) cache.clear();
  cache.set(cacheKey, c);
  return c;
}

/**
 * Compile `src` in environment `e`, with the rewrites of cel-rewrite.ts; a source that does
 * not compile gets cel-go's wording (`ERROR: <input>:1:6: …`). Not memoised.
 */
export function compileIn(e: Environment, src: string): { program?: Program; error?: string } {
  try {
    const rewritten = rewriteRule(src);
    try {
      return { program: e.parse(rewritten) as unknown as Program };
    } catch (err) {
      if (rewritten === src) throw err;
      return { program: e.parse(src) as unknown as Program }; // report the rule's own error, if it has one
    }
  } catch (err) {
    const node = (err as { node?: { pos?: number } }).node;
    return { error: `ERROR: ${position(src, node?.pos)}: ${celMessage(err)}` };
  }
}

/** Evaluate `duration(s)` (a CEL duration from a Go duration string), or undefined if it is none. */
export function toDuration(s: string): unknown {
  try {
    return compileRule('duration(self)').program?.({ self: s });
  } catch {
    return undefined;
  }
}
