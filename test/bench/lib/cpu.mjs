// CPU time of a dev server's workerd processes, from /proc (Linux): the benchmarks' measure of
// work per request, less noisy than wall-clock latency on a shared machine.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** The pids below `pid` (wrangler, then its workerd) whose command is workerd. */
export function workerdPids(pid) {
  const descendants = (p) => {
    const kids = spawnSync('pgrep', ['-P', String(p)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  };
  return descendants(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'workerd';
    } catch {
      return false;
    }
  });
}

/** CPU ms (user + system) `pids` have used so far (clock ticks of 10 ms). */
export function workerdCpu(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11] ?? 0) + Number(f[12] ?? 0);
    } catch {
      /* gone */
    }
  }
  return (ticks * 1000) / 100;
}
