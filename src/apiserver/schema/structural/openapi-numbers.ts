/**
 * kube-openapi's number validator: the value's range for its type and format (int32, int64,
 * float), multipleOf, minimum and maximum (exclusive or not) — comparing as integers when both
 * the value and the bound are integers of the type, as MaximumNativeType does, and reporting a
 * bound that does not fit the type (`Maximum boundary value must be of type integer …`).
 */
import * as E from './openapi-errors';
import type { OpenAPIError } from './openapi-errors';
import { Result } from './result';
import type { JSONSchemaProps } from './types';

const INT32 = [-(2 ** 31), 2 ** 31 - 1];
const INT64 = [-(2 ** 63), 2 ** 63];
const FLOAT32_MAX = 3.4028234663852886e38;

/** IsValueValidAgainstRange: the value's decimal form parses as the schema's type and format. */
function rangeError(v: number, typeName: string, format: string, prefix: string, path: string): OpenAPIError | undefined {
  let bad = false;
  if (typeName === 'integer') {
    const [lo, hi] = format === 'int32' ? INT32 : INT64;
    bad = !Number.isInteger(v) || v < lo || v > hi;
  } else if (format === 'float') bad = Math.abs(v) > FLOAT32_MAX;
  if (!bad) return undefined;
  return E.plainError(format
    ? `${prefix} value must be of type ${typeName} with format ${format} in ${path}`
    : `${prefix} value must be of type ${typeName} (default format) in ${path}`);
}

/** The number checks of schema node `s` (type list `types`, effective format) for value `v`. */
export function checkNumber(s: JSONSchemaProps, types: string[], format: string, v: number, path: string): Result {
  const res = new Result();
  const typeName = types.length === 1 && (types[0] === 'integer' || types[0] === 'number') ? types[0] : '';
  const fmt = typeName === 'integer' ? (format === 'int32' || format === 'int64' ? format : '')
    : typeName === 'number' ? (format === 'float' || format === 'double' ? format : '') : '';
  res.add(rangeError(v, typeName, fmt, 'Checked', path));
  const isInt = Number.isInteger(v);
  const bound = (b: number, label: string, check: (native: boolean) => OpenAPIError | undefined) => {
    const r = new Result();
    r.add(rangeError(b, typeName, fmt, label, path));
    r.add(check(r.valid));
    return r;
  };
  const parts: Result[] = [];
  if (s.multipleOf !== undefined) {
    const f = s.multipleOf;
    parts.push(bound(f, 'MultipleOf', (native) => {
      if (native && isInt) {
        const fi = Math.trunc(f);
        if (fi <= 0) return E.positiveError(path, fi);
        return v % fi === 0 ? undefined : E.multipleOfError(path, fi, v);
      }
      if (f <= 0) return E.positiveError(path, f);
      const mult = f < 1 ? (1 / f) * v : v / f;
      return Number.isInteger(mult) ? undefined : E.multipleOfError(path, f, v);
    }));
  }
  const minimum = s.minimum;
  const maximum = s.maximum;
  if (minimum !== undefined) {
    const ex = s.exclusiveMinimum === true;
    parts.push(bound(minimum, 'Minimum boundary', (native) => {
      const m = native && isInt ? Math.trunc(minimum) : minimum;
      return (ex ? v <= m : v < m) ? E.minimumError(path, m, ex, v) : undefined;
    }));
  }
  if (maximum !== undefined) {
    const ex = s.exclusiveMaximum === true;
    parts.push(bound(maximum, 'Maximum boundary', (native) => {
      const m = native && isInt ? Math.trunc(maximum) : maximum;
      return (ex ? v >= m : v > m) ? E.maximumError(path, m, ex, v) : undefined;
    }));
  }
  res.merge(...parts);
  res.matchCount++;
  return res;
}
