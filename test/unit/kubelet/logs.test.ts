import { describe, it, expect } from 'vitest';
import { boundPod, makeEnv, T0 } from './harness';
import { containerLogs, followContainerLogs, readFollowedLogs } from '../../../src/sim/kubelet';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A running busybox counter (one line a second), started at `startedAt`. */
function counter(startedAt: number, extra: any = {}) {
  const pod = boundPod({ containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 1; done'] }] });
  pod.status = { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 0, state: { running: { startedAt: iso(startedAt) } }, ...extra }] };
  return pod;
}

describe('followed container logs', () => {
  it('reads each line once, in order, whenever it is read, and says when the next one comes', () => {
    const pod = counter(T0);
    const first = followContainerLogs(pod, 'c', makeEnv(T0 + 400));
    expect(first).toMatchObject({ text: 'line 1\n', ended: false, nextAt: T0 + 1000 });
    let cursor = first.cursor;
    let all = first.text;
    for (const t of [500, 2700, 2700, 2999, 3000, 7450, 7451, 12_000]) {
      const r = readFollowedLogs(pod, 'c', makeEnv(T0 + t), cursor);
      expect(r.ended).toBe(false);
      expect(r.nextAt).toBe(T0 + (Math.floor(t / 1000) + 1) * 1000);
      cursor = r.cursor;
      all += r.text;
    }
    expect(all).toBe(containerLogs(pod, 'c', makeEnv(T0 + 12_000)));
    expect(all.split('\n').length - 1).toBe(13);
  });

  it('gives the last lines of a run that ended, then ends, even once the container restarted', () => {
    const running = counter(T0);
    const r1 = followContainerLogs(running, 'c', makeEnv(T0 + 2500));
    expect(r1.text).toBe('line 1\nline 2\nline 3\n');
    const restarted = counter(T0 + 20_000, { restartCount: 1, lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: iso(T0), finishedAt: iso(T0 + 5500) } } });
    const r2 = readFollowedLogs(restarted, 'c', makeEnv(T0 + 21_000), r1.cursor);
    expect(r2).toMatchObject({ text: 'line 4\nline 5\nline 6\n', ended: true, nextAt: undefined });
    // Nothing of the new run: kubectl logs -f ends with the container it followed.
    expect(r2.text).not.toContain('line 7');
  });

  it('ends when the pod is gone', () => {
    const r = followContainerLogs(counter(T0), 'c', makeEnv(T0 + 100));
    expect(readFollowedLogs(undefined, 'c', makeEnv(T0 + 200), r.cursor)).toMatchObject({ text: '', ended: true });
  });

  it('knows a program that prints no more lines', () => {
    const pod = boundPod({ containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 3600'] }] });
    pod.status = { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 0, state: { running: { startedAt: iso(T0) } } }] };
    expect(followContainerLogs(pod, 'c', makeEnv(T0 + 100))).toMatchObject({ text: 'hi\n', ended: false, nextAt: undefined });
  });
});

describe('log formats', () => {
  it('stamps each line with the time it was written, and keeps lines since a time', () => {
    const pod = counter(T0);
    const env = makeEnv(T0 + 3500);
    expect(containerLogs(pod, 'c', env, { timestamps: true })).toBe('2025-01-06T12:00:00.000000000Z line 1\n2025-01-06T12:00:01.000000000Z line 2\n2025-01-06T12:00:02.000000000Z line 3\n2025-01-06T12:00:03.000000000Z line 4\n');
    expect(containerLogs(pod, 'c', env, { sinceMs: T0 + 2000 })).toBe('line 3\nline 4\n');
    const f = followContainerLogs(pod, 'c', env, { sinceMs: T0 + 2500, timestamps: true });
    expect(f.text).toBe('2025-01-06T12:00:03.000000000Z line 4\n');
    expect(readFollowedLogs(pod, 'c', makeEnv(T0 + 4000), f.cursor, { timestamps: true }).text).toBe('2025-01-06T12:00:04.000000000Z line 5\n');
  });
});
