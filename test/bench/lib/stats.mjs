// Percentiles and sequential measurement, shared by the benchmark sections.

/** The `p`th percentile of `xs` (nearest rank). */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/**
 * Run `n` sequential requests from `make(i)` (each resolving with { status, body, ms }); any
 * status ≥ 300 fails the benchmark. With `cpu` (a function returning CPU ms so far), the CPU
 * time per request too. The other options join the result: `floor` names the floor route the
 * figure is held against, `target` the ratio to it it should stay within, `p99Limit` (ms) a bound
 * on its p99.
 */
export async function measure(name, n, make, { cpu, ...rest } = {}) {
  const times = [];
  const c0 = cpu?.();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await make(i);
    if (r.status >= 300) throw new Error(`${name}: ${r.status} ${r.body.slice(0, 200)}`);
    times.push(r.ms);
  }
  const secs = (performance.now() - t0) / 1000;
  return { name, n, p50: pct(times, 50), p99: pct(times, 99), rps: n / secs, cpu: cpu ? (cpu() - c0) / n : undefined, ...rest };
}

/** A result from latencies gathered elsewhere (watch delivery, churn). */
export const summary = (name, times, extra = {}) => ({ name, n: times.length, p50: pct(times, 50), p99: pct(times, 99), rps: 1000 / pct(times, 50), ...extra });
