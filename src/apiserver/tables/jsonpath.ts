/**
 * The part of Kubernetes JSONPath (k8s.io/client-go/util/jsonpath) that printer columns use: a
 * path relative to the object — `.spec.replicas`, `.metadata.labels.app`, `.spec.items[0].name`,
 * `.spec.items[*].name`, `.status.conditions[?(@.type=="Ready")].status`, `['quoted.key']`,
 * negative indices and slices `[1:3]`. `find` returns every value the path reaches, in order.
 */

type Step =
  | { t: 'field'; name: string }
  | { t: 'wild' }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'filter'; path: string[]; op: string; value: unknown };

/** Parse a path; throws on syntax it does not know. */
export function parseJSONPath(path: string): Step[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  const steps: Step[] = [];
  let i = 0;
  if (p[0] === '$') i = 1;
  while (i < p.length) {
    const c = p[i];
    if (c === '.') {
      i++;
      if (p[i] === '*') { steps.push({ t: 'wild' }); i++; continue; }
      let j = i;
      while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
      if (j > i) steps.push({ t: 'field', name: p.slice(i, j) });
      i = j;
    } else if (c === '[') {
      const end = closing(p, i);
      const inner = p.slice(i + 1, end).trim();
      steps.push(bracket(inner));
      i = end + 1;
    } else {
      throw new Error(`unrecognized character in JSONPath at ${i}: ${path}`);
    }
  }
  return steps;
}

function closing(p: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let k = from; k < p.length; k++) {
    const ch = p[k];
    if (quote) { if (ch === quote) quote = ''; continue; }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return k;
  }
  throw new Error(`unclosed bracket in JSONPath: ${p}`);
}

function bracket(inner: string): Step {
  if (inner === '*') return { t: 'wild' };
  if (/^-?\d+$/.test(inner)) return { t: 'index', i: Number(inner) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(inner);
  if (slice) return { t: 'slice', start: slice[1] ? Number(slice[1]) : undefined, end: slice[2] ? Number(slice[2]) : undefined };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { t: 'field', name: quoted[2] };
  const filter = /^\?\(\s*@((?:\.[^.\s=!<>]+)+)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*\)$/.exec(inner);
  if (filter) return { t: 'filter', path: filter[1].slice(1).split('.'), op: filter[2], value: literal(filter[3]) };
  const exists = /^\?\(\s*@((?:\.[^.\s]+)+)\s*\)$/.exec(inner);
  if (exists) return { t: 'filter', path: exists[1].slice(1).split('.'), op: 'exists', value: undefined };
  throw new Error(`unsupported JSONPath expression [${inner}]`);
}

function literal(s: string): unknown {
  const q = /^(['"])(.*)\1$/.exec(s);
  if (q) return q[2];
  if (s === 'true' || s === 'false') return s === 'true';
  if (!Number.isNaN(Number(s))) return Number(s);
  return s;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case 'exists': return a !== undefined;
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return typeof a === typeof b && (a as number) < (b as number);
    case '>': return typeof a === typeof b && (a as number) > (b as number);
    case '<=': return typeof a === typeof b && (a as number) <= (b as number);
    case '>=': return typeof a === typeof b && (a as number) >= (b as number);
  }
  return false;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value `steps` reach from `root`. */
export function findJSONPath(root: unknown, steps: Step[]): unknown[] {
  let cur: unknown[] = [root];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (s.t) {
        case 'field':
          if (isObj(v) && Object.prototype.hasOwnProperty.call(v, s.name)) next.push(v[s.name]);
          break;
        case 'wild':
          if (Array.isArray(v)) next.push(...v);
          else if (isObj(v)) next.push(...Object.keys(v).sort().map((k) => v[k]));
          break;
        case 'index':
          if (Array.isArray(v)) { const i = s.i < 0 ? v.length + s.i : s.i; if (i >= 0 && i < v.length) next.push(v[i]); }
          break;
        case 'slice':
          if (Array.isArray(v)) next.push(...v.slice(s.start, s.end));
          break;
        case 'filter':
          if (Array.isArray(v)) {
            for (const item of v) {
              let x: unknown = item;
              for (const k of s.path) x = isObj(x) ? x[k] : undefined;
              if (compare(x, s.op, s.value)) next.push(item);
            }
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}
