/**
 * A deep copy of a JSON value (objects as JSON.parse makes them: plain objects, arrays,
 * strings, numbers, booleans, null). A property whose value is `undefined` is kept, as
 * structuredClone keeps it. Anything else (a Date, a typed array, a Map, an object of a class)
 * is copied by structuredClone. Written out because structuredClone goes through the V8
 * serializer and costs several times more on the objects the registry copies on every write.
 */
export function cloneJSON<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneJSON(v[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = cloneJSON((v as Record<string, unknown>)[k]);
    // An own `__proto__` key (JSON.parse makes one) must stay a key, not become the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out as T;
}
