import { describe, it, expect } from 'vitest';
import { boundPod, run, eventLines, watch, makeEnv, T0 } from './harness';
import { containerLogs } from '../../../src/sim/kubelet';

const statuses = (r: { steps: { at: number; pod: any }[] }) => watch(r.steps as any).map((l) => l.split(' ').slice(2, 3)[0]);

describe('kubelet: failures with upstream reasons and back-off', () => {
  it('turns an unknown tag into ErrImagePull then ImagePullBackOff, retrying after 10s, 20s, 40s', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:doesnotexist' }] }), 80);
    expect(watch(r.steps)).toEqual([
      '0.2s 0/1 ContainerCreating 0', '0.9s 0/1 ErrImagePull 0', '1.9s 0/1 ImagePullBackOff 0', '11.8s 0/1 ErrImagePull 0',
      '12.8s 0/1 ImagePullBackOff 0', '32.7s 0/1 ErrImagePull 0', '33.7s 0/1 ImagePullBackOff 0', '73.6s 0/1 ErrImagePull 0', '74.6s 0/1 ImagePullBackOff 0',
    ]);
    const full = 'docker.io/library/nginx:doesnotexist';
    expect(eventLines(r.steps).slice(0, 5)).toEqual([
      '0.2s Normal Pulling: Pulling image "nginx:doesnotexist"', // with the sandbox; the pull fails 0.9s after its stamp (12:00:00)
      `0.9s Warning Failed: Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
      '0.9s Warning Failed: Error: ErrImagePull',
      '1.9s Normal BackOff: Back-off pulling image "nginx:doesnotexist"',
      '1.9s Warning Failed: Error: ImagePullBackOff',
    ]);
    expect(r.pod.status.containerStatuses[0].state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:doesnotexist"' });
  });

  it('starts the container once the image is fixed (kubectl set image) during ImagePullBackOff', () => {
    const fix = (p: any) => ({ ...p, spec: { ...p.spec, containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:doesnotexist' }] }), 40, { at: { 5: fix } });
    expect(statuses(r).at(-1)).toBe('Running');
  });

  it('reports CreateContainerConfigError for a missing ConfigMap key ref, then starts when it appears', () => {
    const spec = { containers: [{ name: 'app', image: 'nginx:1.25', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'a' } } }] }] };
    const r = run(boundPod(spec), 15);
    expect(r.pod.status.containerStatuses[0].state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "x" not found' });
    expect(eventLines(r.steps)).toContain('0.25s Warning Failed: Error: configmap "x" not found');
    expect(eventLines(r.steps)).toContain('10s Warning Failed: Error: configmap "x" not found');
    const cm = { metadata: { name: 'x', namespace: 'default' }, data: { a: '1' } };
    const ok = run(r.pod, 40, { extra: { configMap: (_ns: string, n: string) => (n === 'x' ? cm : undefined) } });
    expect(ok.pod.status.containerStatuses[0].state.running).toBeDefined();
  });

  it('reports a missing key and a missing Secret with upstream wording', () => {
    const cm = { metadata: { name: 'x' }, data: {} };
    const r1 = run(boundPod({ containers: [{ name: 'a', image: 'nginx:1.25', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }] }] }), 5, { extra: { configMap: () => cm } });
    expect(r1.pod.status.containerStatuses[0].state.waiting.message).toBe("couldn't find key k in ConfigMap default/x");
    const r2 = run(boundPod({ containers: [{ name: 'a', image: 'nginx:1.25', envFrom: [{ secretRef: { name: 's' } }] }] }), 5);
    expect(r2.pod.status.containerStatuses[0].state.waiting.message).toBe('secret "s" not found');
    const r3 = run(boundPod({ containers: [{ name: 'a', image: 'nginx:1.25', envFrom: [{ secretRef: { name: 's', optional: true } }] }] }), 5);
    expect(r3.pod.status.containerStatuses[0].state.running).toBeDefined();
  });

  it('keeps a pod with a missing ConfigMap volume in ContainerCreating with repeated FailedMount events', () => {
    const r = run(boundPod({ volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }], containers: [{ name: 'app', image: 'nginx:1.25' }] }), 10);
    expect(watch(r.steps)).toEqual(['0.2s 0/1 ContainerCreating 0']);
    expect(eventLines(r.steps).slice(0, 2)).toEqual([
      '0.2s Warning FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found',
      '0.5s Warning FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found',
    ]);
    expect(r.pod.status.podIP).toBeUndefined();
    expect(r.pod.status.conditions[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'False' });
  });

  it('crash-loops a container that exits 1 with restartPolicy Always: immediate first restart, then 10s, 20s, 40s', () => {
    const r = run(boundPod({ containers: [{ name: 'bb', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] }), 100);
    const restarts = r.steps.filter((s) => s.stage === 'container-restart').map((s) => s.at);
    expect(restarts).toEqual([1, 11, 31, 71]); // stamps are whole seconds: started 1s, exited 1s
    const cs = r.pod.status.containerStatuses[0];
    expect(cs.state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=bb pod=web_default(8d4c6b5e-1111-2222-3333-444455556666)' });
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs.restartCount).toBe(4);
    expect(eventLines(r.steps)).toContain('2s Warning BackOff: Back-off restarting failed container bb in pod web_default(8d4c6b5e-1111-2222-3333-444455556666)');
    expect(containerLogs(r.pod, 'bb', makeEnv(T0 + 100_000), { previous: true })).toBe('boom\n');
  });

  it('restarts only failures with OnFailure', () => {
    const ok = run(boundPod({ restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] }), 30);
    expect(ok.pod.status.phase).toBe('Succeeded');
    const bad = run(boundPod({ restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['false'] }] }), 30);
    expect(bad.pod.status.containerStatuses[0].restartCount).toBeGreaterThan(1);
    expect(bad.pod.status.phase).toBe('Running');
  });

  it('OOM-kills polinux/stress asking 250M under a 100Mi limit (OOMKilled, 137), and runs it under 300Mi', () => {
    const spec = (limit: string) => ({ containers: [{ name: 's', image: 'polinux/stress', resources: { limits: { memory: limit } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }] });
    const oom = run(boundPod(spec('100Mi')), 5);
    expect(oom.steps.find((s) => s.stage === 'oom-killed')!.pod.status.containerStatuses[0].state.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(statuses(oom)).toContain('CrashLoopBackOff');
    const fine = run(boundPod(spec('300Mi')), 30);
    expect(fine.pod.status.containerStatuses[0].state.running).toBeDefined();
  });

  it('reports StartError (exit 128) when the command is not in the image', () => {
    const r = run(boundPod({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['stress'] }] }), 3);
    const term = r.steps.find((s) => s.stage === 'container-start')!.pod.status.containerStatuses[0].state.terminated;
    expect(term).toMatchObject({ reason: 'StartError', exitCode: 128, startedAt: '1970-01-01T00:00:00Z' });
    expect(term.message).toContain('exec: "stress": executable file not found in $PATH');
  });

  it('exits mysql without a root password with its entrypoint error in the logs', () => {
    const r = run(boundPod({ restartPolicy: 'Never', containers: [{ name: 'db', image: 'mysql:8.0' }] }), 5);
    expect(r.pod.status.phase).toBe('Failed');
    expect(containerLogs(r.pod, 'db', makeEnv(T0 + 5000))).toContain('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
    const ok = run(boundPod({ containers: [{ name: 'db', image: 'mysql:8.0', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] }] }), 30);
    expect(ok.pod.status.containerStatuses[0].state.running).toBeDefined();
  });

  it('honours kubeplay.dev/fail and kubeplay.dev/run-for annotations', () => {
    const pull = run(boundPod({ containers: [{ name: 'n', image: 'nginx:1.25' }] }, { annotations: { 'kubeplay.dev/fail': 'ErrImagePull' } }), 3);
    expect(statuses(pull)).toContain('ErrImagePull');
    const runFor = run(boundPod({ restartPolicy: 'Never', containers: [{ name: 'n', image: 'nginx:1.25' }] }, { annotations: { 'kubeplay.dev/run-for': '30s', 'kubeplay.dev/exit-code': '2' } }), 60);
    expect(runFor.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
  });
});
