import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'probes-e2e';
const k = (...args: string[]) => kubectl(args);

// The liveness example of the Kubernetes docs (configure-liveness-readiness-startup-probes).
const liveness = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
`;

const readiness = `apiVersion: v1
kind: Pod
metadata:
  name: never-ready
  labels:
    app: never-ready
spec:
  containers:
  - name: web
    image: nginx:1.25
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
      periodSeconds: 5
`;

describe('probes', () => {
  it('restarts a container whose liveness probe fails, with the events describe shows', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: liveness }).code).toBe(0);
    expect(await until(() => Number(k('get', 'pod', 'liveness-exec', '-n', ns, '-o', 'jsonpath={.status.containerStatuses[0].restartCount}').stdout) >= 1, 60_000)).toBe(true);
    const events = k('describe', 'pod', 'liveness-exec', '-n', ns).stdout;
    expect(events).toMatch(/Warning +Unhealthy +.*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
    expect(events).toMatch(/Normal +Killing +.*Container liveness failed liveness probe, will be restarted/);
  });

  it('keeps a pod whose readiness probe fails out of Ready, and out of its Service', async () => {
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: readiness }).code).toBe(0);
    k('expose', 'pod', 'never-ready', '-n', ns, '--port=80', '--name=never-ready');
    expect(await until(() => /Readiness probe failed: HTTP probe failed with statuscode: 404/.test(k('describe', 'pod', 'never-ready', '-n', ns).stdout), 60_000)).toBe(true);
    expect(k('get', 'pod', 'never-ready', '-n', ns, '--no-headers').stdout).toMatch(/^never-ready +0\/1 +Running /);
    expect(k('get', 'endpoints', 'never-ready', '-n', ns, '-o', 'jsonpath={.subsets[0].notReadyAddresses[0].targetRef.name}').stdout).toBe('never-ready');
  });

  it('leaves nothing behind', () => {
    expect(k('delete', 'namespace', ns, '--wait=false').code).toBe(0);
  });
});
