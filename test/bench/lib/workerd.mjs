// The dev server's workerd processes as the kernel counts them: CPU time and resident memory.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** The pids below a process (wrangler, then its workerd), this run's only. */
function descendants(pid) {
  const kids = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** The workerd processes started by the dev server whose process is `rootPid`. */
export function workerdOf(rootPid) {
  const pids = descendants(rootPid).filter((pid) => read(`/proc/${pid}/comm`).trim() === 'workerd');
  return {
    pids,
    /** CPU ms (user + system) these processes have used so far. */
    cpuMs() {
      let ticks = 0;
      for (const pid of pids) {
        const s = read(`/proc/${pid}/stat`);
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        ticks += Number(f[11] ?? 0) + Number(f[12] ?? 0);
      }
      return (ticks * 1000) / 100;
    },
    /** Resident memory (bytes) of the largest of them (the one running the Worker and its objects). */
    rssBytes() {
      return Math.max(0, ...pids.map((pid) => Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) * 1024));
    },
  };
}
