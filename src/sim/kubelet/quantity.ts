import { quantityNumber } from '../../apiserver/quantity';
/** Resource quantities as the kubelet reads them (a small parser for cpu and memory values). */


/** The numeric value of a quantity (`100Mi` → 104857600, `250m` → 0.25); undefined when malformed. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  return q === undefined ? undefined : quantityNumber(q);
}

/** Parses a duration like `5s`, `1m30s`, `500ms`, `2h` into milliseconds; undefined when malformed. */
export function parseDuration(d: string | undefined): number | undefined {
  if (!d) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let seen = '';
  for (const m of d.matchAll(re)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
    seen += m[0];
  }
  if (seen !== d) return /^\d+$/.test(d) ? Number(d) * 1000 : undefined;
  return total;
}

/** Go's time.Duration String(): 10s, 1m20s, 5m0s, 1.2s, 850ms. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS - h * 3600 - m * 60;
  const sText = `${Number.isInteger(s) ? s : Number(s.toFixed(3))}s`;
  if (h) return `${h}h${m}m${sText}`;
  if (m) return `${m}m${sText}`;
  return sText;
}
