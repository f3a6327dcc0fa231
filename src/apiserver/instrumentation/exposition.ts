/**
 * The Prometheus text exposition format (version 0.0.4), as the Go client writes it for
 * kube-apiserver's `/metrics`: families sorted by name, each with `# HELP` and `# TYPE`, label
 * names sorted, histograms as cumulative `_bucket{le}` series, then `_sum` and `_count`.
 * Written here rather than with prom-client, whose registry is process-wide and whose default
 * collectors pull Node-only modules (v8, perf_hooks, cluster) into a Worker's bundle.
 */

/** The Content-Type of this format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Record<string, string>;

/** One metric family: counters and gauges carry values, histograms bucket counts. */
export type Family =
  | { name: string; help: string; type: 'counter' | 'gauge'; samples: { labels: Labels; value: number }[] }
  | { name: string; help: string; type: 'histogram'; buckets: number[]; samples: { labels: Labels; counts: number[]; sum: number; count: number }[] };

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.keys(labels).sort().map((k) => `${k}="${escapeLabel(labels[k])}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/**
 * A sample value as Go's strconv.FormatFloat(v, 'g', -1, 64) prints it: the shortest digits,
 * in exponent form (two exponent digits at least) below 1e-4 and from 1e6 on (`1.5e+06`).
 */
export function formatValue(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0) return '0';
  const [mantissa, e] = v.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

/** A sort key of a sample's labels, so that series come out in a stable order. */
const seriesKey = (labels: Labels) => Object.keys(labels).sort().map((k) => `${k}\u0000${labels[k]}`).join('\u0001');

/** The exposition text of these families. */
export function expose(families: Family[]): string {
  let out = '';
  for (const f of [...families].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!f.samples.length) continue;
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    const samples = [...f.samples].sort((a, b) => (seriesKey(a.labels) < seriesKey(b.labels) ? -1 : 1));
    if (f.type === 'histogram') {
      for (const s of samples as Extract<Family, { type: 'histogram' }>['samples']) {
        let cumulative = 0;
        f.buckets.forEach((le, i) => {
          cumulative += s.counts[i];
          out += `${f.name}_bucket${labelText(s.labels, ['le', formatValue(le)])} ${cumulative}\n`;
        });
        out += `${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}\n`;
        out += `${f.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}\n`;
        out += `${f.name}_count${labelText(s.labels)} ${s.count}\n`;
      }
    } else {
      for (const s of samples as { labels: Labels; value: number }[]) out += `${f.name}${labelText(s.labels)} ${formatValue(s.value)}\n`;
    }
  }
  return out;
}
