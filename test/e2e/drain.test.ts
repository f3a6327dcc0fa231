import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'drain-e2e';
const k = (...args: string[]) => kubectl(args);
const podsOn = (node: string) => k('get', 'pods', '-n', ns, '-l', 'app=web', '--field-selector', `spec.nodeName=${node}`, '--no-headers').stdout.trim();

// Other test files leave pods of their own on the nodes: the drains here take only this test's.
describe('kubectl drain', () => {
  it('keeps a node while a PodDisruptionBudget allows no disruption', async () => {
    k('create', 'namespace', ns);
    expect(k('create', 'deployment', 'web', '-n', ns, '--image=nginx', '--replicas=4').code).toBe(0);
    expect(k('create', 'pdb', 'web', '-n', ns, '--selector=app=web', '--min-available=4').code).toBe(0);
    expect(await until(() => /^web +4 +N\/A +0 /m.test(k('get', 'pdb', '-n', ns).stdout))).toBe(true);
    expect(await until(() => k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.status.readyReplicas}').stdout === '4')).toBe(true);
    const node = k('get', 'pods', '-n', ns, '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}').stdout;
    const run = k('drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--pod-selector=app=web', '--timeout=8s');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot evict pod as it would violate the pod's disruption budget/);
    expect(podsOn(node)).not.toBe('');
    k('uncordon', node);
  });

  it('evicts the pods of a node within the budget and the ReplicaSet moves them', async () => {
    k('delete', 'pdb', 'web', '-n', ns);
    expect(k('create', 'pdb', 'web', '-n', ns, '--selector=app=web', '--max-unavailable=1').code).toBe(0);
    expect(await until(() => /^web +N\/A +1 +1 /m.test(k('get', 'pdb', '-n', ns).stdout))).toBe(true);
    const node = k('get', 'pods', '-n', ns, '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}').stdout;
    const run = k('drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--pod-selector=app=web', '--timeout=60s');
    expect(run.stdout).toMatch(new RegExp(`node/${node} drained`));
    expect(podsOn(node)).toBe('');
    expect(k('get', 'node', node).stdout).toMatch(/SchedulingDisabled/);
    expect(await until(() => k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.status.readyReplicas}').stdout === '4')).toBe(true);
    k('uncordon', node);
    k('delete', 'namespace', ns, '--wait=false');
  });
});
