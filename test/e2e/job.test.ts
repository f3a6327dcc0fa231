import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'job-e2e';
const k = (...args: string[]) => kubectl(args);

const manifest = `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: hello
        image: busybox
        command: ["sh", "-c", "echo hello from the job"]
`;

describe('the Job controller', () => {
  it('runs pods until its completions succeed, and keeps their output', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: manifest }).code).toBe(0);
    expect(await until(() => /^hello +Complete +3\/3 /m.test(k('get', 'job', 'hello', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pods', '-n', ns, '-l', 'job-name=hello', '--no-headers').stdout.trim().split('\n').filter((l) => /^hello-[a-z0-9]{5} +0\/1 +Completed /.test(l))).toHaveLength(3);
    expect(k('logs', 'job/hello', '-n', ns).stdout).toBe('hello from the job\n');
    expect(k('wait', '--for=condition=complete', 'job/hello', '-n', ns, '--timeout=10s').stdout).toMatch(/condition met/);
  });

  it('gives up after backoffLimit failures', async () => {
    expect(k('create', 'job', 'fails', '-n', ns, '--image=busybox', '--', 'sh', '-c', 'exit 1').code).toBe(0);
    k('patch', 'job', 'fails', '-n', ns, '--type=merge', '-p', '{"spec":{"backoffLimit":1}}');
    expect(await until(() => /BackoffLimitExceeded/.test(k('describe', 'job', 'fails', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'job', 'fails', '-n', ns).stdout).toMatch(/^fails +Failed +0\/1 /m);
  });
});
