import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'rs-e2e';
const k = (...args: string[]) => kubectl(args);


const manifest = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels: {tier: frontend}
  template:
    metadata:
      labels: {tier: frontend}
    spec:
      containers:
      - name: php-redis
        image: nginx:1.25
`;

const podNames = () => k('get', 'pods', '-n', ns, '-l', 'tier=frontend', '-o', 'name', '--field-selector=status.phase=Running').stdout.trim().split('\n').filter(Boolean);

describe('the ReplicaSet controller', () => {
  it('keeps the desired number of pods running, replacing a deleted one and following a scale', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: manifest }).code).toBe(0);
    expect(await until(() => /^frontend +3 +3 +3 /m.test(k('get', 'rs', '-n', ns).stdout))).toBe(true);
    const pods = podNames();
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p).toMatch(/^pod\/frontend-[a-z0-9]{5}$/);
    expect(k('get', pods[0], '-n', ns, '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}').stdout).toBe('ReplicaSet/frontend');

    expect(k('delete', pods[0], '-n', ns, '--wait=true', '--timeout=60s').code).toBe(0);
    expect(await until(() => podNames().length === 3 && !podNames().includes(pods[0]))).toBe(true);

    expect(k('scale', 'rs', 'frontend', '-n', ns, '--replicas=4').stdout).toMatch(/scaled/);
    expect(await until(() => /^frontend +4 +4 +4 /m.test(k('get', 'rs', '-n', ns).stdout))).toBe(true);
    expect(k('describe', 'rs', 'frontend', '-n', ns).stdout).toMatch(/SuccessfulCreate +\S+ +replicaset-controller +Created pod: frontend-[a-z0-9]{5}/);
  });

  it('takes its pods with it when deleted', async () => {
    expect(k('delete', 'rs', 'frontend', '-n', ns).code).toBe(0);
    expect(await until(() => /No resources found/.test(k('get', 'pods', '-n', ns).out))).toBe(true);
  });
});
