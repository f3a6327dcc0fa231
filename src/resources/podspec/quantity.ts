/**
 * Just enough of resource.Quantity for spec validation: is a string a quantity, its value as a
 * number (for comparisons and QoS sums), and its canonical form (Quantity.String()) for messages.
 */
import { formatQuantity } from '../../apiserver/tables/quantity';

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The error resource.ParseQuantity returns for a malformed string. */
export const QUANTITY_FORMAT_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** The numeric value of a quantity (string or number), or undefined when it is not one. */
export function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(q);
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) return undefined;
  const base = Number(m[1]);
  const suf = m[2];
  if (suf in SUFFIX) return base * SUFFIX[suf];
  const e = /^[eE]([-+]?\d+)$/.exec(suf);
  if (e) return base * 10 ** Number(e[1]);
  return undefined;
}

/** True when `q` parses as a resource.Quantity. */
export function isQuantity(q: unknown): boolean {
  return quantityValue(q) !== undefined;
}

/** Quantity.String(): the canonical form shown in messages (`1500m`, `1Gi`). */
export function canonicalQuantity(q: unknown): string {
  try {
    return formatQuantity(q);
  } catch {
    return String(q);
  }
}
