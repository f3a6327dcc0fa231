// Command-line parsing of the `kubeplay` CLI: positional words and `--flag value` /
// `--flag=value` / boolean `--flag` options.

/** Flags that take no value. */
const BOOLEAN = new Set(['help', 'json', 'revoke-tokens', 'keep-grades', 'quiet', 'insecure-skip-tls-verify']);
/** Short aliases. */
const SHORT = { h: 'help', o: 'output', q: 'quiet', f: 'file' };

/**
 * Split argv into `{ words, flags }`. A flag given twice keeps its last value. Throws on a
 * flag that needs a value and has none.
 */
export function parseArgs(argv) {
  const words = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
    if (!m || a === '-') {
      words.push(a);
      continue;
    }
    const name = a.startsWith('--') ? m[1] : (SHORT[m[1]] ?? m[1]);
    if (m[2] !== undefined) flags[name] = m[2];
    else if (BOOLEAN.has(name)) flags[name] = true;
    else {
      if (i + 1 >= argv.length) throw new Error(`flag --${name} needs a value`);
      flags[name] = argv[++i];
    }
  }
  return { words, flags };
}

/** A comma-separated list flag, trimmed, without empty items. */
export function list(v) {
  if (v === undefined || v === true) return [];
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An integer flag, or undefined; throws on anything else. */
export function int(v, name) {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(String(v))) throw new Error(`--${name} must be a whole number, not "${v}"`);
  return Number(v);
}

/** A positive number flag (may be fractional), or undefined. */
export function num(v, name) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${v}"`);
  return n;
}

/**
 * A point in time given as a duration back from `now` (`90s`, `10m`, `2h`, `1d`, as kubectl's
 * --since) or as an RFC 3339 time; returns epoch ms, or undefined when absent.
 */
export function when(v, now = Date.now()) {
  if (v === undefined) return undefined;
  const d = /^(\d+)(s|m|h|d)$/.exec(String(v));
  if (d) return now - Number(d[1]) * { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[d[2]];
  const t = Date.parse(String(v));
  if (Number.isNaN(t)) throw new Error(`not a time or duration: "${v}" (use 10m, 2h, 1d or 2026-01-31T10:00:00Z)`);
  return t;
}
