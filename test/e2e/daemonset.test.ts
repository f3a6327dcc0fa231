import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'ds-e2e';
const k = (...args: string[]) => kubectl(args);


const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {name: agent}
  template:
    metadata:
      labels: {name: agent}
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "3600"]
`;

describe('the DaemonSet controller', () => {
  it('runs one pod on each worker and replaces a deleted one', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: manifest }).code).toBe(0);
    expect(await until(() => /^agent +2 +2 +2 +2 +2 +<none> /m.test(k('get', 'ds', '-n', ns).stdout))).toBe(true);
    const nodesOf = () => k('get', 'pods', '-n', ns, '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}').stdout.trim().split('\n').sort();
    expect(nodesOf()).toEqual(['worker-1', 'worker-2']);
    const first = k('get', 'pods', '-n', ns, '-o', 'name').stdout.trim().split('\n')[0];
    expect(k('describe', first, '-n', ns).stdout).toMatch(/Controlled By: +DaemonSet\/agent/);
    expect(k('delete', first, '-n', ns, '--timeout=60s').code).toBe(0);
    expect(await until(() => /^agent +2 +2 +2 /m.test(k('get', 'ds', '-n', ns).stdout) && !k('get', 'pods', '-n', ns, '-o', 'name').stdout.includes(first))).toBe(true);
  });
});
