/**
 * Canonical string form of a resource.Quantity, as Quantity.String() prints it
 * (k8s.io/apimachinery/pkg/api/resource: CanonicalizeBytes). Printers show PV/PVC
 * capacities, quota usage and HPA values through this. Own implementation using BigInt.
 *
 * Rules mirrored: the suffix family of the input is kept (binary `Ki..Ei`, decimal SI
 * `n u m "" k M G T P E`, or exponent `eN`); binary values below 1024 or not whole
 * become decimal SI; decimal mantissas stay integers with exponents in steps of 3;
 * precision below nano is rounded up (upstream's scale limit).
 */

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

interface Parsed {
  /** value = mantissa * 10^exp10 */
  mantissa: bigint;
  exp10: number;
  format: Format;
}

function parse(input: string): Parsed | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(input.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  let mantissa = BigInt((m[2] || '0') + frac) * sign;
  let exp10 = -frac.length;
  const suffix = m[4];
  let format: Format;
  if (suffix in BINARY) {
    mantissa *= 1024n ** BigInt(BINARY[suffix]);
    format = 'BinarySI';
  } else if (suffix in DECIMAL) {
    exp10 += DECIMAL[suffix];
    format = 'DecimalSI';
  } else {
    const e = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (!e) return undefined;
    exp10 += Number(e[1]);
    format = 'DecimalExponent';
  }
  return { mantissa, exp10, format };
}

/** Rounds up (away from zero) to nano precision, like upstream's parse-time rounding. */
function limitToNano(p: Parsed): Parsed {
  if (p.exp10 >= -9) return p;
  const div = 10n ** BigInt(-9 - p.exp10);
  const neg = p.mantissa < 0n;
  const abs = neg ? -p.mantissa : p.mantissa;
  let q = abs / div;
  if (q * div !== abs) q += 1n;
  return { ...p, mantissa: neg ? -q : q, exp10: -9 };
}

function decimalForm(mantissa: bigint, exp10: number, format: Format): string {
  // strip trailing zeros, then lower the exponent to a multiple of 3 (mantissa stays whole)
  while (mantissa !== 0n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp10 += 1;
  }
  let shift = ((exp10 % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(shift);
  exp10 -= shift;
  if (format === 'DecimalSI') {
    while (exp10 > 18) {
      mantissa *= 1000n;
      exp10 -= 3;
    }
    return `${mantissa}${DECIMAL_SUFFIX[exp10]}`;
  }
  return exp10 === 0 ? `${mantissa}` : `${mantissa}e${exp10}`;
}

/**
 * Canonical Quantity string for a JSON value (string or number). Missing or empty
 * values print as `0` (Go's zero Quantity); unparseable strings are returned unchanged.
 */
export function formatQuantity(v: unknown): string {
  if (v === undefined || v === null || v === '') return '0';
  const raw = typeof v === 'number' ? String(v) : String(v);
  const parsed = parse(raw);
  if (!parsed) return raw;
  const p = limitToNano(parsed);
  if (p.mantissa === 0n) return '0';
  if (p.format === 'BinarySI') {
    // whole value?
    let whole: bigint | undefined;
    if (p.exp10 >= 0) whole = p.mantissa * 10n ** BigInt(p.exp10);
    else {
      const div = 10n ** BigInt(-p.exp10);
      if (p.mantissa % div === 0n) whole = p.mantissa / div;
    }
    if (whole !== undefined && (whole >= 1024n || whole <= -1024n)) {
      let n = 0;
      while (n < 6 && whole % 1024n === 0n) {
        whole /= 1024n;
        n += 1;
      }
      return `${whole}${BINARY_SUFFIX[n]}`;
    }
    return decimalForm(p.mantissa, p.exp10, 'DecimalSI');
  }
  return decimalForm(p.mantissa, p.exp10, p.format);
}
