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
  it('runs an Indexed Job, one pod per index, and deletes it after ttlSecondsAfterFinished', async () => {
    const indexed = `apiVersion: batch/v1
kind: Job
metadata:
  name: indexed
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  ttlSecondsAfterFinished: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "echo index $JOB_COMPLETION_INDEX"]
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: indexed }).code).toBe(0);
    expect(await until(() => k('get', 'job', 'indexed', '-n', ns, '-o', 'jsonpath={.status.completedIndexes}').stdout === '0-2')).toBe(true);
    const pods = k('get', 'pods', '-n', ns, '-l', 'job-name=indexed', '-o', "jsonpath={range .items[*]}{.spec.hostname} {.metadata.labels.batch\\.kubernetes\\.io/job-completion-index}{'\\n'}{end}").stdout;
    expect(pods.trim().split('\n').sort()).toEqual(['indexed-0 0', 'indexed-1 1', 'indexed-2 2']);
    expect(k('logs', '-n', ns, '-l', 'job-name=indexed', '--prefix=false').stdout.trim().split('\n').sort()).toEqual(['index 0', 'index 1', 'index 2']);
    expect(await until(() => /NotFound/.test(k('get', 'job', 'indexed', '-n', ns).stderr))).toBe(true);
  });

  it('fails at once on a FailJob rule of podFailurePolicy; a suspended Job waits for resume', async () => {
    const jobs = `apiVersion: batch/v1
kind: Job
metadata:
  name: policy
spec:
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {containerName: main, operator: In, values: [42]}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "exit 42"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: later
spec:
  suspend: true
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "echo resumed"]
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: jobs }).code).toBe(0);
    expect(await until(() => /^Container main for pod job-e2e\/policy-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$/.test(k('get', 'job', 'policy', '-n', ns, '-o', 'jsonpath={.status.conditions[?(@.type=="Failed")].message}').stdout))).toBe(true);
    expect(await until(() => /^later +Suspended +0\/1 /m.test(k('get', 'job', 'later', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pods', '-n', ns, '-l', 'job-name=later', '--no-headers').stdout).toBe('');
    k('patch', 'job', 'later', '-n', ns, '--type=merge', '-p', '{"spec":{"suspend":false}}');
    expect(await until(() => /^later +Complete +1\/1 /m.test(k('get', 'job', 'later', '-n', ns).stdout))).toBe(true);
    expect(k('describe', 'job', 'later', '-n', ns).stdout).toMatch(/Suspended +\S+ +job-controller +Job suspended[\s\S]*Resumed +\S+ +job-controller +Job resumed/);
  });
});
