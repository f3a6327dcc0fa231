import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'exec-e2e';
const k = (...args: string[]) => kubectl(args);

const pods = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  city: Paris
---
apiVersion: v1
kind: Pod
metadata:
  name: shared
  labels:
    app: shared
spec:
  containers:
  - name: writer
    image: busybox
    command: ["sh", "-c", "echo written-by-writer > /cache/msg && sleep 3600"]
    env:
    - name: CITY
      valueFrom:
        configMapKeyRef: { name: cfg, key: city }
    volumeMounts:
    - { name: cache, mountPath: /cache }
    - { name: cfg, mountPath: /etc/config }
  - name: reader
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - { name: cache, mountPath: /cache }
  volumes:
  - name: cache
    emptyDir: {}
  - name: cfg
    configMap: { name: cfg }
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

describe('kubectl exec into simulated containers', () => {
  it('runs commands over the WebSocket protocol, with files, env and exit codes', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: pods }).code).toBe(0);
    expect(await until(() => /^shared +2\/2 +Running /m.test(k('get', 'pod', 'shared', '-n', ns).stdout))).toBe(true);
    expect(await until(() => k('exec', 'shared', '-c', 'reader', '-n', ns, '--', 'cat', '/cache/msg').stdout === 'written-by-writer\n')).toBe(true);
    expect(k('exec', 'shared', '-c', 'writer', '-n', ns, '--', 'printenv', 'CITY').stdout).toBe('Paris\n');
    expect(k('exec', 'shared', '-c', 'writer', '-n', ns, '--', 'sh', '-c', 'ls /etc/config | xargs').stdout).toBe('city\n');
    const fail = k('exec', 'shared', '-c', 'reader', '-n', ns, '--', 'sh', '-c', 'echo oops >&2; exit 3');
    expect(fail.code).toBe(3);
    expect(fail.stderr).toContain('oops');
    expect(fail.stderr).toContain('command terminated with exit code 3');
    const missing = k('exec', 'shared', '-c', 'reader', '-n', ns, '--', 'curl', 'http://web');
    expect(missing.stderr).toMatch(/exec: "curl": executable file not found in \$PATH/);
    expect(k('exec', 'shared', '-n', ns, '-c', 'nope', '--', 'true').stderr).toMatch(/container nope is not valid for pod shared/);
  });

  it('reaches a Service by its DNS name from another pod', async () => {
    expect(await until(() => /^web +1\/1 +Running /m.test(k('get', 'pod', 'web', '-n', ns).stdout))).toBe(true);
    expect(await until(() => /Welcome to nginx!/.test(k('exec', 'shared', '-c', 'reader', '-n', ns, '--', 'wget', '-qO-', '-T', '5', 'http://web').stdout))).toBe(true);
    expect(k('exec', 'shared', '-c', 'reader', '-n', ns, '--', 'nslookup', `web.${ns}.svc.cluster.local`).stdout).toMatch(/Address: 10\.\d+\.\d+\.\d+/);
    k('delete', 'namespace', ns, '--wait=false');
  });
});
