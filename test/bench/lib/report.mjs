// The benchmark's table: every figure with its floor route's p50 and the ratio to it.

const f2 = (x) => (x === undefined ? '' : x.toFixed(2));
const pad = (s, n) => String(s).padStart(n);

/**
 * Print `results` (from measure/measureAgainst) as a table. A figure measured against its floor
 * (measureAgainst) carries the floor's p50, p99 and CPU taken in the same blocks; otherwise its
 * `floor` key picks the floor from `floors` (measureFloor's answer; none: the trivial route).
 * `target` (a ratio of p50s) and `p99Limit` (ms) are printed with `ok` or `MISSED`.
 */
export function printTable(title, results, floors) {
  console.log(`\n${title}\n`);
  console.log(`${'operation'.padEnd(38)} ${pad('n', 4)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('req/s', 6)} ${pad('CPU ms', 6)}  ${'floor'.padEnd(5)} ${pad('p50', 6)} ${pad('p99', 6)} ${pad('CPU', 6)}  ${pad('p50 ÷', 6)} ${pad('CPU ÷', 6)}  target`);
  for (const r of results) {
    const key = r.floor ?? 'bare';
    const own = r.floorP50 !== undefined;
    const f = own ? { p50: r.floorP50, p99: r.floorP99, cpu: r.floorCpu } : floors[key] === r ? undefined : floors[key];
    const ratio = f ? r.p50 / f.p50 : undefined;
    const cpuRatio = f?.cpu && r.cpu !== undefined ? r.cpu / f.cpu : undefined;
    const target = r.target === undefined ? '' : `≤ ${r.target}× ${ratio !== undefined && ratio <= r.target ? 'ok' : 'MISSED'}`;
    const limit = r.p99Limit === undefined ? '' : `p99 ≤ ${r.p99Limit} ms ${r.p99 <= r.p99Limit ? 'ok' : 'MISSED'}`;
    console.log(`${r.name.padEnd(38)} ${pad(r.n, 4)} ${pad(f2(r.p50), 7)} ${pad(f2(r.p99), 7)} ${pad(r.rps.toFixed(0), 6)} ${pad(f2(r.cpu), 6)}  ${(f ? key : '').padEnd(5)} ${pad(f2(f?.p50), 6)} ${pad(f2(f?.p99), 6)} ${pad(f2(f?.cpu), 6)}  ${pad(ratio === undefined ? '' : `${ratio.toFixed(2)}×`, 6)} ${pad(cpuRatio === undefined ? '' : `${cpuRatio.toFixed(2)}×`, 6)}  ${[target, limit].filter(Boolean).join('; ')}`);
  }
}
