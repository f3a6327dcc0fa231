/**
 * The error every patch function here throws, and the Go-style value printing its messages need.
 *
 * kube-apiserver (endpoints/handlers/patch.go) turns patch failures into Status responses:
 *  - strategic merge: interpretStrategicMergePatchError maps the "bad patch format" errors to 400
 *    BadRequest, "lists of lists" / "doesn't match retainKeys" to 422, and passes everything else
 *    through, which the handler reports as a 500 InternalError ("Internal error occurred: …");
 *  - JSON patch: a malformed document is 400, more than 10000 operations is 413, a failing op 422;
 *  - merge patch: a malformed document is 400.
 * `status` carries that code so the registry can build the right Status.
 */
export class PatchError extends Error {
  /** HTTP status kube-apiserver answers with for this failure. */
  readonly status: 400 | 413 | 422 | 500;
  /** True when the patch was refused for its size (JSON patch with more than 10000 operations). */
  readonly tooLarge: boolean;

  constructor(message: string, status: 400 | 413 | 422 | 500 = 500, tooLarge = false) {
    super(message);
    this.name = 'PatchError';
    this.status = status;
    this.tooLarge = tooLarge;
  }
}

/** mergepatch error texts (apimachinery pkg/util/mergepatch/errors.go). */
export const MSG = {
  badJSONDoc: 'invalid JSON document',
  noListOfLists: 'lists of lists are not supported',
  badPrimitiveList: 'invalid patch format of primitive list',
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  notMatchRetainKeys: "patch content doesn't match retainKeys list",
  unsupportedFormat: 'strategic merge patch format is not supported',
} as const;

/** Go's `reflect.TypeOf(v).String()` for a decoded-JSON value. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'map[string]interface {}';
  }
}

function goFloat(n: number): string {
  // Go's %v of a float64 is %g: exponent form from 1e21 up (and for tiny values), plain otherwise.
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's `%v` of a decoded-JSON value: `map[a:1 b:[x y]]`, keys sorted, `<nil>` for null. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return goFloat(v);
    case 'boolean':
      return String(v);
    default: {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      return `map[${keys.map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
    }
  }
}

/** A deep copy of a JSON value (inputs are never mutated). */
export { cloneJSON } from '../json-clone';

/** Deep equality of two JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** True for a JSON object (not an array, not null). */
export function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
