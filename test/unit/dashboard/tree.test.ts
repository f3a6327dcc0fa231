import { describe, it, expect } from 'vitest';
import { buildWorkloadTree, podsBelow } from '../../../web/src/student/tree';
import { age, cpuText, memText, milli, podRequests, podStatus } from '../../../web/src/format';

let n = 0;
const meta = (name: string, owner?: { uid: string; kind: string }, extra: any = {}) => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(),
  ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: owner.kind, name: owner.uid.slice(4), uid: owner.uid, controller: true }] } : {}),
  ...extra,
});
const running = { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] };

describe('the workloads tree', () => {
  const deployment = { metadata: meta('web'), spec: { replicas: 2 }, status: { readyReplicas: 2, updatedReplicas: 2 } };
  const rs1 = { metadata: meta('web-1', { uid: 'uid-web', kind: 'Deployment' }, { annotations: { 'deployment.kubernetes.io/revision': '1' } }), spec: { replicas: 0 }, status: {} };
  const rs2 = { metadata: meta('web-2', { uid: 'uid-web', kind: 'Deployment' }, { annotations: { 'deployment.kubernetes.io/revision': '2' } }), spec: { replicas: 2, template: { spec: { containers: [{ image: 'nginx:1.27' }] } } }, status: { readyReplicas: 2 } };
  const pods = ['web-2-b', 'web-2-a'].map((p) => ({ metadata: meta(p, { uid: 'uid-web-2', kind: 'ReplicaSet' }), spec: { containers: [{ name: 'c' }], nodeName: 'worker-1' }, status: running }));
  const cron = { metadata: meta('backup'), spec: { schedule: '*/5 * * * *' }, status: { active: [{}] } };
  const job = { metadata: meta('backup-1', { uid: 'uid-backup', kind: 'CronJob' }), spec: { completions: 1 }, status: { conditions: [{ type: 'Complete', status: 'True' }], succeeded: 1 } };
  const jobPod = { metadata: meta('backup-1-x', { uid: 'uid-backup-1', kind: 'Job' }), spec: { containers: [{ name: 'c' }] }, status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } };
  const bare = { metadata: meta('debug'), spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ImagePullBackOff' } } }] } };
  const orphan = { metadata: meta('gone-x', { uid: 'uid-nothing', kind: 'ReplicaSet' }), spec: { containers: [{ name: 'c' }] }, status: running };
  const tree = buildWorkloadTree({ deployments: [deployment], replicasets: [rs1, rs2], statefulsets: [], daemonsets: [], cronjobs: [cron], jobs: [job], pods: [...pods, jobPod, bare, orphan] } as any);

  it('nests Deployment → ReplicaSets (newest revision first) → pods by name', () => {
    const d = tree[0];
    expect(d).toMatchObject({ kind: 'Deployment', summary: '2/2 ready · 2 up-to-date', status: 'Available' });
    expect(d.children.map((c) => [c.obj.metadata!.name, c.revision, c.status])).toEqual([['web-2', 2, 'Ready'], ['web-1', 1, 'Old']]);
    expect(d.children[0].summary).toBe('2/2 ready · nginx:1.27');
    expect(d.children[0].children.map((p) => p.obj.metadata!.name)).toEqual(['web-2-a', 'web-2-b']);
    expect(podsBelow(d)).toHaveLength(2);
  });

  it('nests CronJob → Job → pod, and leaves pods without a present controller at the top', () => {
    const c = tree.find((t) => t.kind === 'CronJob')!;
    expect(c).toMatchObject({ status: 'Active', summary: '*/5 * * * * · 1 active' });
    expect(c.children[0]).toMatchObject({ kind: 'Job', status: 'Complete', summary: '1/1 completions' });
    expect(c.children[0].children[0]).toMatchObject({ kind: 'Pod', status: 'Completed' });
    expect(tree.filter((t) => t.kind === 'Pod').map((t) => [t.obj.metadata!.name, t.status])).toEqual([['debug', 'ImagePullBackOff'], ['gone-x', 'Running']]);
    expect(tree.map((t) => t.kind)).toEqual(['Deployment', 'CronJob', 'Pod', 'Pod']);
  });
});

describe('what the pages print', () => {
  it("words a pod's status as kubectl get pods does", () => {
    expect(podStatus({ status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { waiting: { reason: 'PodInitializing' } } }] }, spec: { initContainers: [{ name: 'i' }], containers: [] } } as any)).toBe('Init:0/1');
    expect(podStatus({ status: { phase: 'Running', containerStatuses: [{ name: 'c', state: { waiting: { reason: 'CrashLoopBackOff' } } }] } } as any)).toBe('CrashLoopBackOff');
    expect(podStatus({ metadata: { deletionTimestamp: 'x' }, status: running } as any)).toBe('Terminating');
    expect(podStatus({ status: { phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 3 } } }] } } as any)).toBe('ExitCode:3');
  });

  it('sums requests as the scheduler does (init containers by their maximum)', () => {
    const pod = { spec: { initContainers: [{ resources: { requests: { cpu: '1' } } }], containers: [{ resources: { requests: { cpu: '250m', memory: '64Mi' } } }, { resources: { requests: { cpu: '250m', memory: '0.5Gi' } } }] } };
    expect(podRequests(pod as any)).toEqual({ cpu: 1000, memory: milli('576Mi') });
    expect(cpuText(1000)).toBe('1');
    expect(cpuText(950)).toBe('950m');
    expect(memText(milli('576Mi'))).toBe('576Mi');
    expect(memText(milli('1536Mi'))).toBe('1.5Gi');
  });

  it('prints ages as kubectl does', () => {
    const now = Date.UTC(2026, 0, 2);
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    expect([age(ago(5), now), age(ago(130), now), age(ago(600), now), age(ago(3 * 3600 + 120), now), age(ago(3 * 86400), now)]).toEqual(['5s', '2m10s', '10m', '3h2m', '3d']);
  });
});
