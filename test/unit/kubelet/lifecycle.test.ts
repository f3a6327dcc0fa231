import { describe, it, expect } from 'vitest';
import { boundPod, run, eventLines, watch, makeEnv, T0 } from './harness';
import { kubeletStep } from '../../../src/sim/kubelet';

describe('kubelet: a pod from ContainerCreating to Running', () => {
  it('moves a scheduled nginx pod to ContainerCreating, then Running with Pulling/Pulled/Created/Started, each when it happened', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx' }] }), 60);
    expect(watch(r.steps)).toEqual(['0.2s 0/1 ContainerCreating 0', '2.761s 1/1 Running 0']);
    // Pulling when the sandbox is up, Pulled when the 2.611s pull (timed from the sandbox's stamp, 12:00:00) ends, then create and start.
    expect(eventLines(r.steps)).toEqual([
      '0.2s Normal Pulling: Pulling image "nginx"',
      '2.611s Normal Pulled: Successfully pulled image "nginx" in 2.611s (2.611s including waiting). Image size: 72223946 bytes.',
      '2.761s Normal Created: Created container: nginx',
      '2.761s Normal Started: Started container nginx',
    ]);
    expect(r.steps[0].events.map((e) => e.reason)).toEqual(['Pulling']); // describe during ContainerCreating shows it
    expect(r.steps[1].events[0].fieldPath).toBe('spec.containers{nginx}');
    const st = r.pod.status;
    expect(st.phase).toBe('Running');
    expect(st.podIP).toBe('10.244.1.5');
    expect(st.podIPs).toEqual([{ ip: '10.244.1.5' }]);
    expect(st.hostIP).toBe('172.18.0.3');
    expect(st.startTime).toBe('2025-01-06T12:00:00Z');
    expect(st.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const cs = st.containerStatuses[0];
    expect(cs).toMatchObject({ name: 'nginx', image: 'docker.io/library/nginx:latest', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2025-01-06T12:00:02Z' } } });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('shows ContainerCreating with unready conditions before the containers start', () => {
    const step = kubeletStep(boundPod({ containers: [{ name: 'nginx', image: 'nginx:1.25' }] }), makeEnv(T0 + 200))!;
    expect(step.stage).toBe('sync');
    expect(step.pod.status.containerStatuses[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25', imageID: '', ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } });
    const ready = step.pod.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(step.nextInMs).toBe(50); // the pull of an IfNotPresent image (100ms) + create (150ms) from the sandbox stamp (12:00:00)
  });

  it('reports an image already present when the pull policy is IfNotPresent, before Created', () => {
    const r = run(boundPod({ containers: [{ name: 'web', image: 'nginx:1.25' }] }), 10);
    expect(eventLines(r.steps)).toEqual([
      '0.201s Normal Pulled: Container image "nginx:1.25" already present on machine', // not before the sandbox step (0.2s)
      '0.25s Normal Created: Created container: web',
      '0.25s Normal Started: Started container web',
    ]);
  });

  it('times the pull of an app container from the end of the init containers, not from the sandbox', () => {
    const r = run(boundPod({ initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] }], containers: [{ name: 'app', image: 'nginx' }] }), 30);
    const lines = eventLines(r.steps);
    const at = (prefix: string) => Number(lines.find((l) => l.includes(prefix))!.split('s ')[0]);
    expect(lines.filter((l) => l.includes('Pulling'))).toEqual([expect.stringMatching(/ Pulling image "nginx"$/)]);
    expect(at('Pulling image "nginx"')).toBeGreaterThan(at('Started container init'));
    expect(at('Successfully pulled image "nginx"')).toBeGreaterThan(at('Pulling image "nginx"'));
    expect(at('Created container: app')).toBeGreaterThan(at('Successfully pulled image "nginx"'));
    const took = Number(/in ([\d.]+)s/.exec(lines.find((l) => l.includes('Successfully pulled'))!)![1]);
    expect(at('Successfully pulled image "nginx"') - at('Pulling image "nginx"')).toBeCloseTo(took, 3);
  });

  it('never reports a short pull as ending before it began, nor any event before the step it follows', () => {
    const r = run(boundPod({ containers: [{ name: 'box', image: 'busybox', command: ['sleep', '3600'] }] }), 10);
    const at = r.steps.flatMap((s) => s.events.map((e) => ({ reason: e.reason, at: e.at ?? T0 + s.at * 1000 })));
    expect(at.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    for (let i = 1; i < at.length; i++) expect(at[i].at).toBeGreaterThanOrEqual(at[i - 1].at);
    expect(at[1].at).toBeGreaterThan(at[0].at);
  });

  it('does nothing before a stage is due, and nothing for a pod not bound to a node', () => {
    expect(kubeletStep(boundPod({ containers: [{ name: 'n', image: 'nginx' }] }), makeEnv(T0 + 100))).toBeUndefined();
    expect(kubeletStep(boundPod({ nodeName: undefined, containers: [{ name: 'n', image: 'nginx' }] }), makeEnv(T0 + 5000))).toBeUndefined();
  });

  it('schedules no timer for a steady Running pod without probes', () => {
    const r = run(boundPod({ containers: [{ name: 'nginx', image: 'nginx:1.25' }] }), 10);
    expect(r.steps.at(-1)!.stage).toBe('container-start');
    expect(kubeletStep(r.pod, makeEnv(T0 + 3_600_000))).toBeUndefined();
  });

  it('runs init containers in order (Init:0/2, Init:1/2) before the app container', () => {
    const r = run(boundPod({ initContainers: [{ name: 'i1', image: 'busybox', command: ['sleep', '3'] }, { name: 'i2', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] }], containers: [{ name: 'app', image: 'nginx:1.25' }] }), 30);
    expect(watch(r.steps).map((l) => l.split(' ').slice(1).join(' '))).toEqual(['0/1 Init:0/2 0', '0/1 Init:1/2 0', '0/1 PodInitializing 0', '1/1 Running 0']);
    expect(r.pod.status.initContainerStatuses.map((s: any) => s.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(r.steps[0].pod.status.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [i1 i2]' });
  });

  it('completes a busybox pod with restartPolicy Never: Succeeded, Completed, exit 0, PodCompleted conditions', () => {
    const r = run(boundPod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 5'] }] }), 60);
    expect(r.pod.status.phase).toBe('Succeeded');
    expect(r.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(r.pod.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(r.pod.status.conditions.find((c: any) => c.type === 'PodReadyToStartContainers').status).toBe('False');
  });

  it('fails a pod whose container exits non-zero with restartPolicy Never (Error, exit code kept)', () => {
    const r = run(boundPod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 3'] }] }), 60);
    expect(r.pod.status.phase).toBe('Failed');
    expect(r.pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('runs in the fast profile within milliseconds', () => {
    const r = run(boundPod({ restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '30'] }] }), 1, { profile: 'fast' });
    expect(r.pod.status.phase).toBe('Succeeded');
    expect(r.steps.at(-1)!.at).toBeLessThan(0.05);
  });
});
