/**
 * The few resource.Quantity operations spec validation needs, over the shared parser
 * (apiserver/quantity): validity with upstream's error text, exact comparison, a numeric value
 * for QoS sums, and the canonical form (Quantity.String()) that messages print.
 */
import { canonicalQuantity as canonical, compareQuantities, isValidQuantity, parseQuantity, QUANTITY_FORMAT_ERROR } from '../../apiserver/quantity';

/** The error resource.ParseQuantity returns for a malformed string. */
export const QUANTITY_FORMAT_MSG = QUANTITY_FORMAT_ERROR;

/** Why `q` is not a quantity (upstream's text), or undefined when it is one. */
export function quantityError(q: unknown): string | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return QUANTITY_FORMAT_ERROR;
  return isValidQuantity(q);
}

/** The value of a quantity as a JS number (approximate; for sums and signs), or undefined. */
export function quantityValue(q: unknown): number | undefined {
  if (quantityError(q) !== undefined) return undefined;
  return Number(parseQuantity(q as string | number).nanos) / 1e9;
}

/** Cmp of two valid quantities: -1, 0 or 1 (exact). */
export function compareQuantity(a: unknown, b: unknown): -1 | 0 | 1 {
  return compareQuantities(parseQuantity(a as string | number), parseQuantity(b as string | number));
}

/** Quantity.String(): the canonical form shown in messages (`1500m`, `1Gi`). */
export function canonicalQuantity(q: unknown): string {
  return quantityError(q) === undefined ? canonical(q as string | number) : String(q);
}
