// The benchmark's table: every figure with its floor route's p50 and the ratio to it.

const f2 = (x) => (x === undefined ? '—' : x.toFixed(2));

/**
 * Print `results` (from measure/summary) as a table; `floors` is measureFloor's answer. A
 * result's `floor` key picks its floor (none: the trivial route); `target` is printed beside
 * the ratio, with `ok` or `MISSED`. `p99Limit` (ms) marks results whose p99 must stay under it.
 */
export function printTable(title, results, floors) {
  console.log(`\n${title}\n`);
  console.log(`${'operation'.padEnd(40)} ${'n'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(7)} ${'CPU ms'.padStart(7)}  ${'floor'.padEnd(5)} ${'p50 ÷ floor'.padStart(11)}  target`);
  for (const r of results) {
    const key = r.floor ?? 'bare';
    const floor = floors[key];
    const ratio = floor && floor !== r ? r.p50 / floor.p50 : undefined;
    const target = r.target === undefined ? '' : `≤ ${r.target}× ${ratio !== undefined && ratio <= r.target ? 'ok' : 'MISSED'}`;
    const limit = r.p99Limit === undefined ? '' : `p99 ≤ ${r.p99Limit} ms ${r.p99 <= r.p99Limit ? 'ok' : 'MISSED'}`;
    console.log(`${r.name.padEnd(40)} ${String(r.n).padStart(4)} ${f2(r.p50).padStart(8)} ${f2(r.p99).padStart(8)} ${r.rps.toFixed(0).padStart(7)} ${f2(r.cpu).padStart(7)}  ${(floor === r ? '' : key).padEnd(5)} ${(ratio === undefined ? '' : `${ratio.toFixed(2)}×`).padStart(11)}  ${[target, limit].filter(Boolean).join('; ')}`);
  }
}
