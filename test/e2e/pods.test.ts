import { describe, it, expect, beforeAll } from 'vitest';
import { kubectl, until } from './kubectl';

/** The simulated nodes as a student meets them: pods that run, fail to schedule, fail to pull, crash. */
const ns = 'pods-e2e';
const k = (...args: string[]) => kubectl(args);
const apply = (yaml: string) => kubectl(['apply', '-n', ns, '-f', '-'], { input: yaml });


const pod = (name: string, spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}`;

describe('pods on the simulated nodes', () => {
  beforeAll(() => {
    k('create', 'namespace', ns);
  });

  it('runs the kube-system of a kubeadm cluster', async () => {
    expect(await until(() => /^etcd-control-plane +1\/1 +Running /m.test(k('get', 'pods', '-n', 'kube-system').stdout))).toBe(true);
    const out = k('get', 'pods', '-n', 'kube-system').stdout;
    for (const c of ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kube-proxy', 'coredns']) {
      expect(out).toMatch(new RegExp(`^${c}[-a-z0-9]* +1/1 +Running `, 'm'));
    }
  });

  it('schedules a pod onto a worker and runs it, with the events describe shows', async () => {
    expect(apply(pod('web', '  containers:\n  - name: nginx\n    image: nginx:1.25\n')).code).toBe(0);
    expect(await until(() => /^web +1\/1 +Running +0 /m.test(k('get', 'pod', 'web', '-n', ns).stdout))).toBe(true);
    const wide = k('get', 'pod', 'web', '-n', ns, '-o', 'wide').stdout;
    expect(wide).toMatch(/^web +1\/1 +Running +0 +\S+ +10\.244\.\d+\.\d+ +worker-\d /m);
    const described = k('describe', 'pod', 'web', '-n', ns).stdout;
    expect(described).toMatch(/Normal +Scheduled +\S+ +default-scheduler +Successfully assigned pods-e2e\/web to worker-\d/);
    expect(described).toMatch(/Normal +Started +\S+ +kubelet +Started container nginx/);
    expect(described).toMatch(/^QoS Class: +BestEffort$/m);
    expect(described).toMatch(/Normal +Pulled +\S+ +kubelet +Container image "nginx:1.25" already present on machine/);
  });

  it('lists a pull\'s events in the kubelet\'s order: Scheduled, Pulling, Pulled, Created, Started', async () => {
    expect(apply(pod('pulled', '  containers:\n  - name: web\n    image: nginx\n')).code).toBe(0);
    expect(await until(() => /^pulled +1\/1 +Running +0 /m.test(k('get', 'pod', 'pulled', '-n', ns).stdout))).toBe(true);
    const described = k('describe', 'pod', 'pulled', '-n', ns).stdout;
    const events = described.slice(described.indexOf('\nEvents:'));
    const reasons = [...events.matchAll(/^ +Normal +(\w+) +/gm)].map((m) => m[1]);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(events).toMatch(/Normal +Pulling +\S+ +kubelet +Pulling image "nginx"$/m);
    expect(events).toMatch(/Normal +Pulled +\S+ +kubelet +Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/m);
    expect(events).toMatch(/Normal +Created +\S+ +kubelet +Created container: web$/m);
    expect(events).toMatch(/Normal +Started +\S+ +kubelet +Started container web$/m);
  });

  it('explains a pod that fits no node with the scheduler\'s message', async () => {
    apply(pod('huge', '  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "64"\n'));
    expect(await until(() => /FailedScheduling/.test(k('describe', 'pod', 'huge', '-n', ns).stdout))).toBe(true);
    expect(k('describe', 'pod', 'huge', '-n', ns).stdout).toMatch(/0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 Insufficient cpu\./);
    expect(k('get', 'pod', 'huge', '-n', ns).stdout).toMatch(/^huge +0\/1 +Pending +0 /m);
  });

  it('shows an unknown image as ErrImagePull, then ImagePullBackOff', async () => {
    apply(pod('typo', '  containers:\n  - name: c\n    image: nginx:doesnotexist\n'));
    expect(await until(() => /^typo +0\/1 +(ErrImagePull|ImagePullBackOff) /m.test(k('get', 'pod', 'typo', '-n', ns).stdout))).toBe(true);
    expect(await until(() => /Back-off pulling image "nginx:doesnotexist"/.test(k('describe', 'pod', 'typo', '-n', ns).stdout))).toBe(true);
  });

  it('runs a busybox command to completion and keeps its output', async () => {
    apply(pod('once', '  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo hello from busybox"]\n'));
    expect(await until(() => /^once +0\/1 +Completed +0 /m.test(k('get', 'pod', 'once', '-n', ns).stdout))).toBe(true);
    expect(k('logs', 'once', '-n', ns).stdout).toBe('hello from busybox\n');
  });

  it('restarts a failing container into CrashLoopBackOff', async () => {
    apply(pod('crash', '  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "exit 3"]\n'));
    expect(await until(() => /^crash +0\/1 +(CrashLoopBackOff|Error) +[1-9]/m.test(k('get', 'pod', 'crash', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pod', 'crash', '-n', ns, '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}').stdout).toBe('3');
  });

  it('reports usage to kubectl top', async () => {
    expect(await until(() => /^web +\d+m +\d+Mi/m.test(k('top', 'pod', '-n', ns).stdout))).toBe(true);
    expect(k('top', 'nodes').stdout).toMatch(/^worker-1 +\d+m +\d+% +\d+Mi +\d+%/m);
  });

  it('deletes a running pod gracefully', async () => {
    expect(k('delete', 'pod', 'web', '-n', ns, '--timeout=60s').stdout).toMatch(/^pod "web" deleted/m);
    expect(k('get', 'pod', 'web', '-n', ns).stderr).toMatch(/pods "web" not found/);
  });
});
