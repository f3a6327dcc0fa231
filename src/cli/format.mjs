// Output of the CLI: aligned tables as kubectl prints them, and ages.

/** Rows (arrays of cells) as a table with upper-case headers, columns three spaces apart. */
export function table(headers, rows) {
  const all = [headers, ...rows].map((r) => r.map((c) => (c === undefined || c === null || c === '' ? '<none>' : String(c))));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ')).join('\n');
}

/** A duration as kubectl prints ages: 45s, 12m, 3h, 5d (the largest unit, as kubectl's short form). */
export function age(fromIso, now = Date.now()) {
  if (!fromIso) return '<none>';
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}
