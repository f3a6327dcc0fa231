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

/**
 * Measure `make` against its floor route `floorMake` under the same load: blocks of `block`
 * requests of each, alternating, `n` of each in all (a shared machine's load moves within
 * seconds; figures taken minutes apart do not compare). The result is `make`'s, with the floor's
 * p50, p99 and CPU per request as `floorP50`, `floorP99`, `floorCpu`.
 */
export async function measureAgainst(name, n, make, floorMake, { cpu, block = 20, ...rest } = {}) {
  const times = [];
  const floorTimes = [];
  let cpuOp = 0;
  let cpuFloor = 0;
  let opMs = 0;
  for (let done = 0; done < n; done += block) {
    const m = Math.min(block, n - done);
    for (const [fn, into, isOp] of [[floorMake, floorTimes, false], [make, times, true]]) {
      const c0 = cpu?.();
      const s0 = performance.now();
      for (let i = done; i < done + m; i++) {
        const r = await fn(i);
        if (r.status >= 300) throw new Error(`${isOp ? name : `${name} (floor)`}: ${r.status} ${r.body.slice(0, 200)}`);
        into.push(r.ms);
      }
      if (isOp) opMs += performance.now() - s0;
      if (cpu) {
        if (isOp) cpuOp += cpu() - c0;
        else cpuFloor += cpu() - c0;
      }
    }
  }
  return {
    name, n, p50: pct(times, 50), p99: pct(times, 99), rps: n / (opMs / 1000), cpu: cpu ? cpuOp / n : undefined,
    floorP50: pct(floorTimes, 50), floorP99: pct(floorTimes, 99), floorCpu: cpu ? cpuFloor / n : undefined, ...rest,
  };
}

/** A result from latencies gathered elsewhere (watch delivery, churn). */
export const summary = (name, times, extra = {}) => ({ name, n: times.length, p50: pct(times, 50), p99: pct(times, 99), rps: 1000 / pct(times, 50), ...extra });
