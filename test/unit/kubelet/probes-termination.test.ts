import { describe, it, expect } from 'vitest';
import { boundPod, run, eventLines, watch } from './harness';

const del = (p: any, now: number) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: new Date(now + 30_000).toISOString(), deletionGracePeriodSeconds: 30 } });

describe('kubelet: probes', () => {
  it('kills and restarts the classic liveness-exec busybox after the file is removed (30s + 3 × 5s)', () => {
    const r = run(boundPod({ containers: [{ name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }] }), 80);
    const lines = eventLines(r.steps);
    expect(lines.filter((l) => l.includes('Unhealthy'))).toEqual(Array(3).fill("40s Warning Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"));
    expect(lines).toContain('40s Normal Killing: Container liveness failed liveness probe, will be restarted');
    // sh as PID 1 ignores SIGTERM: SIGKILL at the end of the 30s grace period.
    const killed = r.steps.find((s) => s.stage === 'liveness-killed')!;
    expect(killed.at).toBe(70);
    expect(killed.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(r.pod.status.containerStatuses[0].restartCount).toBe(1);
  });

  it('restarts nginx at once after a failed liveness probe (nginx exits 0 on SIGTERM)', () => {
    const r = run(boundPod({ containers: [{ name: 'web', image: 'nginx:1.25', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } }] }), 35);
    expect(eventLines(r.steps)).toContain('20s Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404');
    const killed = r.steps.find((s) => s.stage === 'liveness-killed')!;
    expect(killed.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('keeps nginx unready with a readiness probe on a path it has no file for, repeating Unhealthy', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }] }), 16);
    expect(watch(r.steps)).toEqual(['0.2s 0/1 ContainerCreating 0', '0.25s 0/1 Running 0']);
    expect(eventLines(r.steps).filter((l) => l.includes('Unhealthy'))).toEqual(['5s', '10s', '15s'].map((t) => `${t} Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404`));
  });

  it('turns Ready on at the first successful readiness probe after the initial delay', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 3 } }] }), 30);
    expect(watch(r.steps)).toEqual(['0.2s 0/1 ContainerCreating 0', '0.25s 0/1 Running 0', '3s 1/1 Running 0']);
    expect(r.pod.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-06T12:00:03Z' });
  });

  it('reports connection refused for a port nothing listens on', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }] }), 6);
    expect(eventLines(r.steps)).toContain('5s Warning Unhealthy: Readiness probe failed: dial tcp 10.244.1.5:8080: connect: connection refused');
  });

  it('holds started=false until the startup probe passes', () => {
    const r = run(boundPod({ containers: [{ name: 'db', image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }], startupProbe: { tcpSocket: { port: 5432 }, periodSeconds: 2 } }] }), 10);
    const started = r.steps.find((s) => s.stage === 'container-started')!;
    expect(started.at).toBe(4);
    expect(started.pod.status.containerStatuses[0]).toMatchObject({ started: true, ready: true });
  });
});

describe('kubelet: graceful termination', () => {
  it('stops nginx at once on SIGTERM (Completed, 0) and deletes the pod', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:1.25' }] }), 100, { at: { 10: del } });
    expect(eventLines(r.steps)).toContain('10s Normal Killing: Stopping container nginx');
    expect(r.steps.find((s) => s.stage === 'container-stopped')!.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(r.deleted).toBe(true);
    expect(r.steps.at(-1)!.at).toBeLessThan(11);
  });

  it('kills busybox sleep (PID 1 ignores SIGTERM) after the grace period with 137', () => {
    const r = run(boundPod({ containers: [{ name: 'bb', image: 'busybox:1.36', command: ['sleep', '3600'] }] }), 100, { at: { 10: del } });
    const stopped = r.steps.find((s) => s.stage === 'container-stopped')!;
    expect(stopped.at).toBe(40);
    expect(stopped.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(r.deleted).toBe(true);
  });

  it('deletes a pod that never started at once', () => {
    const r = run(boundPod({ containers: [{ name: 'n', image: 'nginx:nope' }] }), 100, { at: { 5: del } });
    expect(r.deleted).toBe(true);
    expect(r.steps.at(-1)!.at).toBe(5);
  });
});
