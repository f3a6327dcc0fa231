/**
 * corev1.ResourceList arithmetic as quota needs it (k8s.io/apiserver/pkg/quota/v1/resources.go):
 * exact quantities keyed by resource name, added, subtracted, masked and compared, and printed
 * the way quota error messages print them.
 */
import {
  addQuantities,
  compareQuantities,
  parseQuantity,
  quantityFromInt,
  quantityToString,
  subtractQuantities,
  type Quantity,
} from '../../apiserver/quantity';

/** A ResourceList of parsed quantities. */
export type ResourceList = Record<string, Quantity>;

/** Parse a ResourceList as stored (`{cpu: "500m"}`); entries that are not quantities are skipped. */
export function parseList(raw: unknown): ResourceList {
  const out: ResourceList = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      out[k] = parseQuantity(v);
    } catch {
      // invalid quantities were refused by validation; ignore leftovers
    }
  }
  return out;
}

/** The ResourceList as the API stores it: each quantity's String(). */
export function formatList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(list).sort()) out[k] = quantityToString(list[k]);
  return out;
}

/** A whole count as a quantity (`1` → "1"). */
export function count(n: number): Quantity {
  return quantityFromInt(n);
}

/** quota.Add: every key of either side, summed. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? addQuantities(out[k], v) : v;
  return out;
}

/** quota.SubtractWithNonNegativeResult: a − b per key of a, never below zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) {
    const d = k in b ? subtractQuantities(v, b[k]) : v;
    out[k] = d.nanos < 0n ? { nanos: 0n, format: d.format } : d;
  }
  return out;
}

/** quota.Mask: only the named keys. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = {};
  for (const n of names) if (n in list) out[n] = list[n];
  return out;
}

/** quota.IsZero: every quantity is zero (or the list is empty). */
export function isZero(list: ResourceList): boolean {
  return Object.values(list).every((q) => q.nanos === 0n);
}

/** quota.IsNegative: the names of negative quantities. */
export function negativeNames(list: ResourceList): string[] {
  return Object.keys(list).filter((k) => list[k].nanos < 0n).sort();
}

/**
 * quota.LessThanOrEqual: whether every key of `a` that `b` limits is within it; the names
 * that exceed, sorted.
 */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  return Object.keys(a)
    .filter((k) => k in b && compareQuantities(a[k], b[k]) > 0)
    .sort();
}

/** The larger of two quantities (the left one on a tie). */
export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantities(b, a) > 0 ? b : a;
}

/** prettyPrint of the quota admission: `k=v` sorted by key, comma-separated. */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list)
    .sort()
    .map((k) => `${k}=${quantityToString(list[k])}`)
    .join(',');
}
