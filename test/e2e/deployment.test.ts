import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'deploy-e2e';
const k = (...args: string[]) => kubectl(args);


describe('the Deployment controller', () => {
  it('creates a ReplicaSet named by the pod template hash and brings its pods up', async () => {
    k('create', 'namespace', ns);
    expect(k('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3', '-n', ns).stdout).toMatch(/^deployment.apps\/web created$/m);
    expect(await until(() => /^web +3\/3 +3 +3 /m.test(k('get', 'deploy', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'rs', '-n', ns).stdout).toMatch(/^web-[a-z0-9]{6,10} +3 +3 +3 /m);
    expect(k('get', 'pods', '-n', ns, '--no-headers').stdout.trim().split('\n').filter((l) => /^web-[a-z0-9]{6,10}-[a-z0-9]{5} +1\/1 +Running /.test(l))).toHaveLength(3);
    expect(k('rollout', 'status', 'deploy/web', '-n', ns, '--timeout=30s').stdout).toMatch(/successfully rolled out/);
  });

  it('gives a Service the endpoints of the ready pods it selects', async () => {
    expect(k('expose', 'deploy', 'web', '--port=80', '-n', ns).stdout).toMatch(/^service\/web exposed$/m);
    expect(await until(() => /^web +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80 /m.test(k('get', 'endpoints', 'web', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'endpointslices', '-n', ns, '-l', 'kubernetes.io/service-name=web').stdout).toMatch(/^web-[a-z0-9]{5} +IPv4 +80 +10\.244\./m);
    expect(k('get', 'endpoints', 'kubernetes', '-n', 'default').stdout).toMatch(/^kubernetes +172\.18\.0\.2:6443 /m);
  });

  it('rolls out a new image, keeps the history and undoes it', async () => {
    expect(k('set', 'image', 'deploy/web', 'nginx=nginx:1.26', '-n', ns).code).toBe(0);
    expect(k('rollout', 'status', 'deploy/web', '-n', ns, '--timeout=40s').stdout).toMatch(/successfully rolled out/);
    const rs = k('get', 'rs', '-n', ns, '--no-headers').stdout;
    expect(rs).toMatch(/^web-\S+ +3 +3 +3 /m);
    expect(rs).toMatch(/^web-\S+ +0 +0 +0 /m);
    expect(k('rollout', 'history', 'deploy/web', '-n', ns).stdout).toMatch(/^2 +/m);
    expect(k('describe', 'deploy', 'web', '-n', ns).stdout).toMatch(/ScalingReplicaSet +\S+ +deployment-controller +Scaled down replica set web-\S+ from \d+ to 0/);
    expect(k('rollout', 'undo', 'deploy/web', '-n', ns).code).toBe(0);
    expect(k('rollout', 'status', 'deploy/web', '-n', ns, '--timeout=40s').stdout).toMatch(/successfully rolled out/);
    expect(k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}').stdout).toBe('nginx:1.25 3');
  });

  it('scales, and deleting it removes its ReplicaSets and pods', async () => {
    expect(k('scale', 'deploy/web', '--replicas=1', '-n', ns).code).toBe(0);
    expect(await until(() => /^web +1\/1 +1 +1 /m.test(k('get', 'deploy', '-n', ns).stdout))).toBe(true);
    expect(k('delete', 'deploy', 'web', '-n', ns).code).toBe(0);
    expect(await until(() => /No resources found/.test(k('get', 'pods,rs', '-n', ns).out))).toBe(true);
  });
});
