/**
 * Field predicates of exercise checks, over the values a path yields. `exists`, `contains` and
 * `count` look at the values together; every other operator must hold for each value (and
 * there must be one). A failing predicate explains itself in the words a student reads.
 */
import type { CountSpec, Predicate } from './schema';
import { parsePath, select } from './paths';
import { parseQuantity, compareQuantities, QuantityError } from '../apiserver/quantity';

/** A number, or a Kubernetes quantity ("250m", "128Mi") compared as one. */
function compare(a: unknown, b: number | string): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== 'number' && typeof a !== 'string') return undefined;
  try {
    return compareQuantities(parseQuantity(a as string | number), parseQuantity(b));
  } catch (e) {
    if (e instanceof QuantityError || e instanceof TypeError) return undefined;
    throw e;
  }
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** Whether `n` satisfies a count: exactly N, or within bounds. */
export function countHolds(n: number, c: CountSpec | undefined, byDefault: CountSpec = { min: 1 }): boolean {
  const spec = c ?? byDefault;
  if (typeof spec === 'number') return n === spec;
  return (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
}

/** A count in words: "3", "at least 2", "between 1 and 4". */
export function countText(c: CountSpec | undefined, byDefault: CountSpec = { min: 1 }): string {
  const spec = c ?? byDefault;
  if (typeof spec === 'number') return String(spec);
  if (spec.min !== undefined && spec.max !== undefined) return spec.min === spec.max ? String(spec.min) : `between ${spec.min} and ${spec.max}`;
  if (spec.min !== undefined) return `at least ${spec.min}`;
  if (spec.max !== undefined) return `at most ${spec.max}`;
  return 'any number of';
}

function holdsOne(p: Predicate, v: unknown): boolean {
  if (p.equals !== undefined) return v === p.equals || (typeof v !== 'object' && String(v) === String(p.equals));
  if (p.notEquals !== undefined) return !(v === p.notEquals || (typeof v !== 'object' && String(v) === String(p.notEquals)));
  if (p.in !== undefined) return p.in.some((x) => v === x || (typeof v !== 'object' && String(v) === String(x)));
  if (p.matches !== undefined) return typeof v !== 'object' && new RegExp(p.matches).test(String(v));
  const bound = (p.gt ?? p.gte ?? p.lt ?? p.lte)!;
  const c = compare(v, bound);
  if (c === undefined) return false;
  if (p.gt !== undefined) return c > 0;
  if (p.gte !== undefined) return c >= 0;
  if (p.lt !== undefined) return c < 0;
  return c <= 0;
}

function expected(p: Predicate): string {
  if (p.equals !== undefined) return show(p.equals);
  if (p.notEquals !== undefined) return `anything but ${show(p.notEquals)}`;
  if (p.in !== undefined) return `one of ${p.in.map(show).join(', ')}`;
  if (p.matches !== undefined) return `to match /${p.matches}/`;
  if (p.gt !== undefined) return `more than ${p.gt}`;
  if (p.gte !== undefined) return `at least ${p.gte}`;
  if (p.lt !== undefined) return `less than ${p.lt}`;
  return `at most ${p.lte}`;
}

/** Why `obj` fails the predicate, or undefined when it holds. */
export function predicateFailure(p: Predicate, obj: unknown): string | undefined {
  const values = select(obj, parsePath(p.path));
  if (p.exists !== undefined) {
    if (p.exists === values.length > 0) return undefined;
    return p.exists ? `has no ${p.path}` : `has ${p.path} (${show(values[0])}), expected none`;
  }
  if (p.count !== undefined) {
    return countHolds(values.length, p.count) ? undefined : `has ${values.length} ${p.path}, expected ${countText(p.count)}`;
  }
  if (p.contains !== undefined) {
    const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
    if (flat.some((v) => v === p.contains || (typeof v !== 'object' && String(v) === String(p.contains)))) return undefined;
    return flat.length ? `${p.path} is ${flat.map(show).join(', ')}, expected it to include ${show(p.contains)}` : `has no ${p.path}, expected it to include ${show(p.contains)}`;
  }
  if (!values.length) return `has no ${p.path}, expected ${expected(p)}`;
  const bad = values.find((v) => !holdsOne(p, v));
  if (bad === undefined) return undefined;
  return `${p.path} is ${show(bad)}, expected ${expected(p)}`;
}
