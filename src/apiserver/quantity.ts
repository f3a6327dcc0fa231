/**
 * resource.Quantity (k8s.io/apimachinery pkg/api/resource): parsing, exact arithmetic and the
 * canonical string kube-apiserver serializes. Values are kept exactly as a BigInt count of
 * nano-units: upstream rounds every parsed value up (away from zero) to 1n, so nothing is lost.
 *
 * Canonical form (Quantity.CanonicalizeBytes):
 *  - DecimalSI / DecimalExponent: the smallest integer mantissa with an exponent that is a multiple
 *    of 3, printed with n u m "" k M G T P E (or `e<exp>` for DecimalExponent): 0.5 → 500m, 1000 → 1k;
 *  - BinarySI: an integer of at least 1024 in magnitude is printed with Ki…Ei, 1536Mi stays 1536Mi,
 *    2048Mi → 2Gi; a fraction or anything below 1024 falls back to DecimalSI (0.5Gi → 512Mi, 100Ki
 *    → 100Ki, 1.5Ki → 1536).
 *  - A string already in that form is kept as written, as upstream caches it (`+1Ki` stays `+1Ki`).
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A parsed quantity: exact value in nano-units, its format, and the original string when kept. */
export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
  /** Upstream keeps the input string when it already is canonical; `quantityToString` returns it. */
  s?: string;
}

/** ErrFormatWrong, ErrSuffix, ErrNumeric texts. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

/** Thrown by parseQuantity; `message` is one of the upstream texts above. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIX).map(([k, v]) => [v / 10, k]));

interface Parts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits (leading zeros dropped), fraction digits, suffix. */
function splitQuantity(str: string): Parts {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i] >= '0' && str[i] <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  if (i < end && (str[i] === '-' || str[i] === '+')) i++;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  if (i < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(s: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (s in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[s], format: 'DecimalSI' };
  if (s in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?\d+$/.test(s.slice(1))) {
    const n = Number(s.slice(1));
    if (Number.isSafeInteger(n) && Math.abs(n) < 2 ** 31) return { base: 10, exponent: n, format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_SUFFIX_ERROR);
}

/** ceil(|a| / b) keeping a's sign: upstream's inf.RoundUp (away from zero). */
function divAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : a < 0n ? q - 1n : q + 1n;
}

/**
 * ParseQuantity. Accepts a JSON number too (as its decimal text). Throws QuantityError with
 * upstream's message for anything kube-apiserver rejects.
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI', s: '0' };
  const { positive, num, denom, suffix } = splitQuantity(str);
  const { base, exponent, format: fmt } = interpretSuffix(suffix);
  let format = fmt;
  const digits = BigInt(num + denom);
  const sign = positive ? 1n : -1n;

  // Exact value = digits × base^exponent × 10^-len(denom); scaled to nanos, rounded away from zero.
  let nanos: bigint;
  if (base === 10) {
    const scale = exponent - denom.length + 9;
    nanos = scale >= 0 ? digits * 10n ** BigInt(scale) : divAway(digits, 10n ** BigInt(-scale));
  } else {
    nanos = divAway(digits * (1n << BigInt(exponent)) * NANO, 10n ** BigInt(denom.length));
  }
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  nanos *= sign;

  // Upstream's fast path keeps the input string when it is already canonical.
  let keep = false;
  const shifted = num + denom;
  if (base === 10) {
    const precision = 18 - (num.length + denom.length);
    const scale = exponent - denom.length;
    keep = precision >= 0 && scale >= -9 && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  } else if (denom.length === 0) {
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    keep = precision >= 0 && exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n;
  }
  return keep ? { nanos, format, s: str } : { nanos, format };
}

/** Whether `value` parses; returns upstream's error text, or undefined when it is valid. */
export function isValidQuantity(value: string | number): string | undefined {
  try {
    parseQuantity(value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function decimalCanonical(nanos: bigint, format: QuantityFormat): string {
  let mantissa = nanos;
  let exp = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  while (exp % 3 !== 0) {
    mantissa *= 10n;
    exp--;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  while (exp > 18) {
    // Beyond exa there is no SI suffix; keep the value exact in E.
    mantissa *= 1000n;
    exp -= 3;
  }
  return `${mantissa}${DEC_BY_EXP.get(exp) ?? ''}`;
}

/** Quantity.String(): the kept input, or the canonical form. */
export function quantityToString(q: Quantity): string {
  if (q.s !== undefined) return q.s;
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const whole = q.nanos % NANO === 0n;
    if ((q.nanos > -1024n * NANO && q.nanos < 1024n * NANO) || !whole) format = 'DecimalSI';
    else {
      let v = q.nanos / NANO;
      let e = 0;
      while (v % 1024n === 0n && e < 6) {
        v /= 1024n;
        e++;
      }
      return `${v}${BIN_BY_EXP.get(e) ?? ''}`;
    }
  }
  return decimalCanonical(q.nanos, format);
}

/** The canonical string of a quantity given as text (or number): what the API server stores. */
export function canonicalQuantity(value: string | number): string {
  return quantityToString(parseQuantity(value));
}

/** Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** a + b; a zero left side takes the right side's format (Quantity.Add). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** a - b; a zero left side takes the right side's format (Quantity.Sub). */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Value(): whole units, rounded up away from zero (e.g. 100m → 1). */
export function quantityValue(q: Quantity): bigint {
  return divAway(q.nanos, NANO);
}

/** MilliValue(): milli-units, rounded up away from zero. */
export function quantityMilliValue(q: Quantity): bigint {
  return divAway(q.nanos, 1_000_000n);
}

/** A quantity of `n` whole units in `format`. */
export function quantityFromInt(n: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(n) * NANO, format };
}

/**
 * The value of a quantity as a JS number (`100Mi` → 104857600, `250m` → 0.25), for
 * accounting where float precision is enough; undefined when `q` is not a valid quantity.
 */
export function quantityNumber(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  try {
    return Number(parseQuantity(q.trim()).nanos) / 1e9;
  } catch {
    return undefined;
  }
}
