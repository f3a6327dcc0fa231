import { canonicalQuantity } from '../quantity';

/**
 * Canonical Quantity string for a JSON value (string or number), as the API server writes it
 * back. Missing or empty values print as `0` (Go's zero Quantity); unparseable strings are
 * returned unchanged.
 */
export function formatQuantity(v: unknown): string {
  if (v === undefined || v === null || v === '') return '0';
  const raw = String(v);
  try {
    return canonicalQuantity(raw);
  } catch {
    return raw;
  }
}
