import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { kubectl, until } from './kubectl';

/**
 * PriorityClasses through admission and the scheduler, with the real kubectl: priority resolved
 * into the pod, an unknown class refused, the global default, and a lower-priority pod preempted
 * for a higher one that does not fit (a host port both want on one node, so that nothing else in
 * the shared cluster matters).
 */
const ns = 'priority-e2e';
const k = (...args: string[]) => kubectl(args, { minor: 33 });
const apply = (yaml: string) => kubectl(['apply', '-f', '-'], { minor: 33, input: yaml });

const podYaml = (name: string, cls: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}}
spec:
  priorityClassName: ${cls}
  terminationGracePeriodSeconds: 5
  nodeSelector: {kubernetes.io/hostname: worker-1}
  containers:
  - name: web
    image: nginx
    ports: [{containerPort: 80, hostPort: 31777}]
`;

describe('priority and preemption', () => {
  beforeAll(() => {
    k('delete', 'namespace', ns, '--ignore-not-found', '--wait=true', '--timeout=60s');
    k('delete', 'priorityclass', 'e2e-low', 'e2e-high', 'e2e-default', '--ignore-not-found');
    expect(k('create', 'namespace', ns).code).toBe(0);
    expect(k('create', 'priorityclass', 'e2e-low', '--value=100').stdout).toMatch(/^priorityclass.scheduling.k8s.io\/e2e-low created$/m);
    expect(k('create', 'priorityclass', 'e2e-high', '--value=10000', '--description=for the e2e test').code).toBe(0);
  });

  afterAll(() => {
    k('delete', 'namespace', ns, '--ignore-not-found', '--wait=false');
    k('delete', 'priorityclass', 'e2e-low', 'e2e-high', 'e2e-default', '--ignore-not-found');
  });

  it("resolves the pod's class into its priority, and refuses a class that does not exist", () => {
    expect(k('run', 'plain', '-n', ns, '--image=nginx', '--overrides={"spec":{"priorityClassName":"e2e-low"}}').code).toBe(0);
    expect(k('get', 'pod', 'plain', '-n', ns, '-o', 'jsonpath={.spec.priority} {.spec.preemptionPolicy}').stdout).toBe('100 PreemptLowerPriority');
    const refused = k('run', 'gold', '-n', ns, '--image=nginx', '--overrides={"spec":{"priorityClassName":"gold"}}');
    expect(refused.stderr).toMatch(/^Error from server \(Forbidden\): pods "gold" is forbidden: no PriorityClass with name gold was found$/m);
    expect(k('describe', 'pod', 'plain', '-n', ns).stdout).toMatch(/^Priority: +100$/m);
    expect(k('describe', 'pod', 'plain', '-n', ns).stdout).toMatch(/^Priority Class Name: +e2e-low$/m);
  });

  it('gives pods without a class the global default', () => {
    expect(k('create', 'priorityclass', 'e2e-default', '--value=50', '--global-default').code).toBe(0);
    expect(k('get', 'pc', 'e2e-default').stdout).toMatch(/^e2e-default +50 +true +\S+ +PreemptLowerPriority$/m);
    const second = k('create', 'priorityclass', 'e2e-second', '--value=60', '--global-default');
    expect(second.stderr).toMatch(/priorityclasses.scheduling.k8s.io "e2e-second" is forbidden: PriorityClass e2e-default is already marked as default. Only one default can exist/);
    expect(k('run', 'defaulted', '-n', ns, '--image=nginx').code).toBe(0);
    expect(k('get', 'pod', 'defaulted', '-n', ns, '-o', 'jsonpath={.spec.priorityClassName} {.spec.priority}').stdout).toBe('e2e-default 50');
    expect(k('delete', 'priorityclass', 'e2e-default').code).toBe(0);
  });

  it('preempts a lower-priority pod for a higher one that does not fit', async () => {
    expect(apply(podYaml('low', 'e2e-low')).code).toBe(0);
    expect(await until(() => /^low +1\/1 +Running +0 +\S+ +\S+ +worker-1 /m.test(k('get', 'pod', 'low', '-n', ns, '-o', 'wide').stdout))).toBe(true);
    const lowUid = k('get', 'pod', 'low', '-n', ns, '-o', 'jsonpath={.metadata.uid}').stdout;
    expect(apply(podYaml('vip', 'e2e-high')).code).toBe(0);
    const vipUid = k('get', 'pod', 'vip', '-n', ns, '-o', 'jsonpath={.metadata.uid}').stdout;
    // The victim is deleted (its events stay), the preemptor nominated to the node, then running there.
    expect(await until(() => /^vip +1\/1 +Running +0 +\S+ +\S+ +worker-1 +worker-1 /m.test(k('get', 'pod', 'vip', '-n', ns, '-o', 'wide').stdout))).toBe(true);
    expect(k('get', 'pod', 'low', '-n', ns).stderr).toMatch(/pods "low" not found/);
    const preempted = k('get', 'events', '-n', ns, '--field-selector', `involvedObject.uid=${lowUid}`, '-o', 'custom-columns=REASON:.reason,MESSAGE:.message');
    expect(preempted.stdout).toMatch(new RegExp(`^Preempted +Preempted by pod ${vipUid} on node worker-1$`, 'm'));
    const described = k('describe', 'pod', 'vip', '-n', ns).stdout;
    expect(described).toMatch(/^Priority: +10000$/m);
    expect(described).toMatch(/Warning +FailedScheduling +\S+ +default-scheduler +0\/3 nodes are available: 1 node\(s\) didn't have free ports for the requested pod ports, 1 node\(s\) didn't match Pod's node affinity\/selector, 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}\.$/m);
    expect(described).toMatch(/Normal +Scheduled +\S+ +default-scheduler +Successfully assigned priority-e2e\/vip to worker-1/);
  });

  it('does not preempt for a pod of equal or lower priority', async () => {
    // Lower-priority pods elsewhere on worker-1 would be candidates that free no port: remove them.
    k('delete', 'pod', 'plain', 'defaulted', '-n', ns, '--ignore-not-found', '--wait=true', '--timeout=60s');
    expect(apply(podYaml('late', 'e2e-low')).code).toBe(0);
    // Alone, the scheduler says `preemption: 0/3 nodes are available: 1 No preemption victims
    // found for incoming pod, 2 Preemption is not helpful for scheduling.`; pods of other tests
    // on worker-1 (candidates that free no port) change the counts, as upstream's would.
    expect(await until(() => /preemption: 0\/3 nodes are available: [^\n]*(No preemption victims found for incoming pod|Preemption is not helpful for scheduling)/.test(k('describe', 'pod', 'late', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pod', 'late', '-n', ns, '-o', 'jsonpath={.status.phase} {.status.nominatedNodeName}').stdout).toBe('Pending ');
    expect(k('get', 'pod', 'vip', '-n', ns).stdout).toMatch(/^vip +1\/1 +Running/m);
  });

  it('refuses a pod naming an unknown RuntimeClass and admits one naming a known class', () => {
    const refused = k('run', 'sandboxed', '-n', ns, '--image=nginx', '--overrides={"spec":{"runtimeClassName":"gvisor-e2e"}}');
    expect(refused.stderr).toMatch(/^Error from server \(Forbidden\): pods "sandboxed" is forbidden: pod rejected: RuntimeClass "gvisor-e2e" not found$/m);
    expect(apply('apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: gvisor-e2e}\nhandler: runsc\noverhead: {podFixed: {cpu: 100m}}\n').code).toBe(0);
    expect(k('get', 'runtimeclass', 'gvisor-e2e').stdout).toMatch(/^gvisor-e2e +runsc +\S+$/m);
    expect(k('run', 'sandboxed', '-n', ns, '--image=nginx', '--overrides={"spec":{"runtimeClassName":"gvisor-e2e"}}').code).toBe(0);
    expect(k('get', 'pod', 'sandboxed', '-n', ns, '-o', 'jsonpath={.spec.overhead.cpu}').stdout).toBe('100m');
    k('delete', 'runtimeclass', 'gvisor-e2e');
  });
});
