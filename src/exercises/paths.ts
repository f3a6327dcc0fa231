/**
 * The field paths of exercise checks: a small subset of kubectl's JSONPath, enough to name a
 * field of an object and no more (no code, no recursion):
 *   .spec.replicas                      a field
 *   .spec.containers[0].image           a list index
 *   .spec.containers[*].name            every item
 *   .metadata.labels['app.kubernetes.io/name']   a key with dots or slashes
 *   .status.conditions[?(@.type=="Available")].status   the items whose field equals a value
 * A path yields every value it reaches (none when a field is missing), in document order.
 */

/** One step of a parsed path. */
export type PathStep =
  | { field: string }
  | { index: number }
  | { all: true }
  | { filter: { field: string; value: string | number | boolean } };

/** A path that does not parse: the message says where. */
export class PathError extends Error {}

const IDENT = /^[A-Za-z_$][\w$-]*/;

/** Parse a path (`.a.b[0]`); throws PathError with the position of the first mistake. */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new PathError(`invalid path ${JSON.stringify(path)} at position ${i}: ${what}`);
  };
  if (!path.startsWith('.') && !path.startsWith('[')) fail('a path starts with "." (for example .spec.replicas)');
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
      const m = IDENT.exec(path.slice(i));
      if (!m) fail('expected a field name after "."');
      steps.push({ field: m![0] });
      i += m![0].length;
    } else if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail('"[" without "]"');
      const inner = path.slice(i + 1, close).trim();
      steps.push(bracket(inner, fail));
      i = close + 1;
    } else {
      fail(`unexpected ${JSON.stringify(path[i])}`);
    }
  }
  if (!steps.length) fail('empty path');
  return steps;
}

function bracket(inner: string, fail: (what: string) => never): PathStep {
  if (inner === '*') return { all: true };
  if (/^\d+$/.test(inner)) return { index: Number(inner) };
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
  if (quoted) return { field: quoted[1] ?? quoted[2] };
  const f = /^\?\(@\.([A-Za-z_][\w-]*)\s*==\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?)|(true|false))\)$/.exec(inner);
  if (f) {
    const value = f[2] ?? f[3] ?? (f[4] !== undefined ? Number(f[4]) : f[5] === 'true');
    return { filter: { field: f[1], value } };
  }
  return fail(`unsupported [${inner}] (use [N], [*], ['key'] or [?(@.field=="value")])`);
}

/** Every value `steps` reach in `obj`, in document order. */
export function select(obj: unknown, steps: PathStep[]): unknown[] {
  let current: unknown[] = [obj];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || v === undefined) continue;
      if ('field' in s) {
        if (typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, s.field)) next.push((v as Record<string, unknown>)[s.field]);
      } else if ('index' in s) {
        if (Array.isArray(v) && s.index < v.length) next.push(v[s.index]);
      } else if ('all' in s) {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === 'object') next.push(...Object.values(v as object));
      } else if (Array.isArray(v)) {
        for (const item of v) if (item && typeof item === 'object' && (item as Record<string, unknown>)[s.filter.field] === s.filter.value) next.push(item);
      }
    }
    current = next;
  }
  return current.filter((v) => v !== undefined && v !== null);
}
