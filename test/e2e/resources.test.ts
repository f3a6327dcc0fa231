import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'resources-e2e';
const k = (...args: string[]) => kubectl(args);
const apply = (yaml: string) => kubectl(['apply', '-n', ns, '-f', '-'], { input: yaml });

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    max: {cpu: "1"}
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 250m, memory: 128Mi}
`;

const quota = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute-quota
spec:
  hard: {pods: "3", requests.cpu: "1", limits.cpu: "4"}
`;

const overrides = (cpuReq: string, cpuLim: string) =>
  `--overrides={"spec":{"containers":[{"name":"app","image":"nginx","resources":{"requests":{"cpu":"${cpuReq}"},"limits":{"cpu":"${cpuLim}"}}}]}}`;

describe('resource accounting', () => {
  it('defaults and bounds container resources from a LimitRange', () => {
    k('create', 'namespace', ns);
    expect(apply(limitRange).code).toBe(0);
    expect(k('run', 'plain', '-n', ns, '--image=nginx').stdout).toMatch(/^pod\/plain created/);
    expect(k('get', 'pod', 'plain', '-n', ns, '-o', 'jsonpath={.spec.containers[0].resources}').stdout).toBe(
      '{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"250m","memory":"128Mi"}}',
    );
    expect(k('get', 'pod', 'plain', '-n', ns, '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/limit-ranger}').stdout).toBe(
      'LimitRanger plugin set: cpu, memory request for container plain; cpu, memory limit for container plain',
    );
    expect(k('describe', 'limitrange', 'limits', '-n', ns).stdout).toMatch(/Container +cpu +- +1 +250m +500m +-/);
    expect(k('run', 'huge', '-n', ns, '--image=nginx', overrides('2', '2')).stderr).toMatch(
      /pods "huge" is forbidden: maximum cpu usage per Container is 1, but limit is 2/,
    );
  });

  it('refuses what would exceed a ResourceQuota and keeps its status up to date', async () => {
    expect(apply(quota).code).toBe(0);
    expect(await until(() => /^compute-quota +\S+ +pods: 1\/3, requests\.cpu: 250m\/1 +limits\.cpu: 500m\/4/m.test(k('get', 'quota', '-n', ns).stdout)
      || /^compute-quota +pods: 1\/3, requests\.cpu: 250m\/1 +limits\.cpu: 500m\/4/m.test(k('get', 'quota', '-n', ns).stdout))).toBe(true);
    expect(k('run', 'half', '-n', ns, '--image=nginx', overrides('500m', '1')).code).toBe(0);
    expect(k('run', 'more', '-n', ns, '--image=nginx', overrides('400m', '1')).stderr).toMatch(
      /pods "more" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=400m, used: requests.cpu=750m, limited: requests.cpu=1/,
    );
    expect(await until(() => /^requests\.cpu +750m +1$/m.test(k('describe', 'quota', 'compute-quota', '-n', ns).stdout))).toBe(true);
    k('delete', 'pod', 'half', '-n', ns, '--now');
    expect(await until(() => /^requests\.cpu +250m +1$/m.test(k('describe', 'quota', 'compute-quota', '-n', ns).stdout))).toBe(true);
    expect(k('run', 'more', '-n', ns, '--image=nginx', overrides('400m', '1')).code).toBe(0);
  });

  it('requires explicit limits once a quota tracks them', () => {
    k('delete', 'limitrange', 'limits', '-n', ns);
    expect(k('run', 'bare', '-n', ns, '--image=nginx').stderr).toMatch(
      /pods "bare" is forbidden: failed quota: compute-quota: must specify limits.cpu for: bare; requests.cpu for: bare/,
    );
    k('delete', 'namespace', ns, '--wait=false');
  });
});
