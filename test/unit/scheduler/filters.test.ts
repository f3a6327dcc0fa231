import { describe, it, expect } from 'vitest';
import { scheduleOne } from '../../../src/sim/scheduler';
import { nodeObject, DEFAULT_NODES, nodeNames } from '../../../src/sim/nodes';
import { CP_TAINT, bound, cluster, node, pod } from './fixtures';

const NOT_HELPFUL_3 = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
const NO_VICTIMS_2 = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

const run = (p: any, nodes = cluster(), podsByNode = new Map(), random = () => 0) => scheduleOne({ pod: p, nodes, podsByNode, random });

describe('scheduler filters on a kubeadm-like 3-node cluster', () => {
  it('places a pod that fits on a worker, never on the tainted control plane', () => {
    for (const r of [0, 0.5, 0.99]) {
      const res = run(pod('web'), cluster(), new Map(), () => r);
      expect(res).toHaveProperty('node');
      expect(['worker-1', 'worker-2']).toContain((res as any).node);
    }
  });

  it('works with the nodes the cluster really registers', () => {
    const nodes = nodeNames(DEFAULT_NODES).map((n, i) => nodeObject(n, i, DEFAULT_NODES, '2025-01-01T00:00:00Z'));
    expect((run(pod('web'), nodes) as any).node).toMatch(/^worker-/);
    expect(run(pod('big', { requests: { cpu: '3' } }), nodes)).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. ${NO_VICTIMS_2}`,
    });
  });

  it('reports Insufficient cpu with the exact FailedScheduling message', () => {
    expect(run(pod('big', { requests: { cpu: '3' } }))).toEqual({
      unschedulable: true,
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
  });

  it('counts cpu already requested by bound pods', () => {
    const pods = bound(['worker-1', pod('a', { requests: { cpu: '1500m' } })], ['worker-2', pod('b', { requests: { cpu: '1' } })]);
    expect(run(pod('c', { requests: { cpu: '800m' } }), cluster(), pods)).toEqual({ node: 'worker-2' });
    expect((run(pod('d', { requests: { cpu: '1100m' } }), cluster(), pods) as any).message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. ${NO_VICTIMS_2}`);
  });

  it('lists every insufficient resource of a node, sorted', () => {
    expect((run(pod('huge', { requests: { cpu: '4', memory: '8Gi' } })) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu, 2 Insufficient memory. ${NO_VICTIMS_2}`,
    );
  });

  it('reports Insufficient memory against allocatable, not capacity', () => {
    // 4Gi capacity, 4091904Ki allocatable: a 4Gi request does not fit.
    expect((run(pod('mem', { requests: { memory: '4Gi' } })) as any).message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient memory. ${NO_VICTIMS_2}`);
    expect(run(pod('mem', { requests: { memory: '3Gi' } }))).toHaveProperty('node');
  });

  it('uses limits as requests when only limits are set', () => {
    expect((run(pod('lim', { limits: { cpu: '3' } })) as any).message).toContain('2 Insufficient cpu');
  });

  it('reports Too many pods when the node is full', () => {
    const nodes = [node('control-plane', { controlPlane: true }), node('worker-1', { pods: '1' }), node('worker-2', { pods: '1' })];
    const pods = bound(['worker-1', pod('a')], ['worker-2', pod('b')]);
    expect((run(pod('c'), nodes, pods) as any).message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 Too many pods. ${NO_VICTIMS_2}`);
  });

  it('honours nodeSelector disktype=ssd', () => {
    const p = pod('ssd', { spec: { nodeSelector: { disktype: 'ssd' } } });
    expect(run(p)).toEqual({ unschedulable: true, message: `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL_3}` });
    expect(run(p, cluster({}, { labels: { disktype: 'ssd' } }))).toEqual({ node: 'worker-2' });
  });

  it('honours required node affinity (In, NotIn, Exists, Gt)', () => {
    const affinity = (expr: any) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] } } } });
    const nodes = cluster({ labels: { disktype: 'hdd', cores: '4' } }, { labels: { disktype: 'ssd', cores: '16' } });
    expect(run(pod('a', { spec: affinity({ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }) }), nodes)).toEqual({ node: 'worker-2' });
    expect(run(pod('b', { spec: affinity({ key: 'disktype', operator: 'NotIn', values: ['ssd'] }) }), nodes)).toEqual({ node: 'worker-1' });
    expect(run(pod('c', { spec: affinity({ key: 'cores', operator: 'Gt', values: ['8'] }) }), nodes)).toEqual({ node: 'worker-2' });
    expect((run(pod('d', { spec: affinity({ key: 'gpu', operator: 'Exists' }) }), nodes) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL_3}`,
    );
  });

  it('lets a pod tolerating the control-plane taint onto the control plane', () => {
    const spec = {
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
    };
    expect(run(pod('cp', { spec }))).toEqual({ node: 'control-plane' });
    // Without the toleration the taint message is reported for the control plane.
    expect((run(pod('cp', { spec: { nodeSelector: spec.nodeSelector } })) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL_3}`,
    );
  });

  it('prints a taint value and treats an operator-Exists toleration without key as tolerating everything', () => {
    const nodes = cluster({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }, { taints: [{ key: 'maintenance', effect: 'NoExecute' }] });
    expect((run(pod('x'), nodes) as any).message).toBe(
      `0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {maintenance: }, 1 ${CP_TAINT}. ${NOT_HELPFUL_3}`,
    );
    expect(run(pod('y', { spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } }), nodes)).toEqual({ node: 'worker-1' });
    expect(run(pod('z', { spec: { tolerations: [{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }] } }), nodes)).toHaveProperty('unschedulable');
    expect(run(pod('all', { spec: { tolerations: [{ operator: 'Exists' }] } }), nodes, new Map(), () => 0.99)).toHaveProperty('node');
  });

  it('skips cordoned nodes', () => {
    expect(run(pod('a'), cluster({ unschedulable: true }))).toEqual({ node: 'worker-2' });
    expect(run(pod('b'), cluster({ unschedulable: true }, { unschedulable: true }))).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) were unschedulable. ${NOT_HELPFUL_3}`,
    });
    const tolerant = pod('c', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    expect(run(tolerant, cluster({ unschedulable: true }, { unschedulable: true }))).toHaveProperty('node');
  });

  it('rejects a node whose host port is taken', () => {
    const withPort = (name: string, hostPort: number, protocol?: string) => pod(name, { spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort, ...(protocol ? { protocol } : {}) }] }] } });
    const pods = bound(['worker-1', withPort('a', 8080)]);
    expect(run(withPort('b', 8080), cluster(), pods)).toEqual({ node: 'worker-2' });
    pods.set('worker-2', [withPort('c', 8080)]);
    expect(run(withPort('d', 8080), cluster(), pods)).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't have free ports for the requested pod ports. ${NO_VICTIMS_2}`,
    });
    // Another protocol on the same port does not clash.
    expect(run(withPort('e', 8080, 'UDP'), cluster(), pods)).toHaveProperty('node');
  });

  it('keeps replicas with hostname anti-affinity apart: the third of 3 on 2 workers stays pending', () => {
    const replica = (name: string) =>
      pod(name, {
        owner: 'web-abc',
        labels: { app: 'web' },
        spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } },
      });
    const pods = new Map();
    const first = run(replica('web-1'), cluster(), pods) as any;
    pods.set(first.node, [replica('web-1')]);
    const second = run(replica('web-2'), cluster(), pods) as any;
    expect(second.node).not.toBe(first.node);
    pods.set(second.node, [replica('web-2')]);
    expect(run(replica('web-3'), cluster(), pods)).toEqual({
      unschedulable: true,
      message:
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    });
  });

  it("respects existing pods' anti-affinity toward the incoming pod", () => {
    const guard = pod('guard', { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'noisy' } }, topologyKey: 'kubernetes.io/hostname' }] } } } });
    const pods = bound(['worker-1', guard]);
    expect(run(pod('n', { labels: { app: 'noisy' } }), cluster(), pods)).toEqual({ node: 'worker-2' });
    pods.set('worker-2', [pod('guard2', { spec: guard.spec })]);
    expect((run(pod('n', { labels: { app: 'noisy' } }), cluster(), pods) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't satisfy existing pods anti-affinity rules. ${NO_VICTIMS_2}`,
    );
  });

  it('requires pod affinity targets to exist in the topology', () => {
    const spec = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
    expect((run(pod('cache', { spec })) as any).message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match pod affinity rules. ${NOT_HELPFUL_3}`);
    expect(run(pod('cache', { spec }), cluster(), bound(['worker-2', pod('db', { labels: { app: 'db' } })]))).toEqual({ node: 'worker-2' });
    // Pods of another namespace do not count unless the term names it.
    expect(run(pod('cache', { spec }), cluster(), bound(['worker-2', pod('db', { labels: { app: 'db' }, namespace: 'other' })]))).toHaveProperty('unschedulable');
    // The first pod of a self-affine group may go anywhere.
    expect(run(pod('db-0', { labels: { app: 'db' }, spec }))).toHaveProperty('node');
  });

  it('enforces DoNotSchedule topology spread (the control plane counts as an empty domain)', () => {
    const spec = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }] };
    const pods = bound(['worker-1', pod('s1', { labels: { app: 's' } })]);
    expect(run(pod('s2', { labels: { app: 's' }, spec }), cluster(), pods)).toEqual({ node: 'worker-2' });
    pods.set('worker-2', [pod('s3', { labels: { app: 's' } })]);
    expect((run(pod('s4', { labels: { app: 's' }, spec }), cluster(), pods) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match pod topology spread constraints. ${NO_VICTIMS_2}`,
    );
    const zoned = { topologySpreadConstraints: [{ ...spec.topologySpreadConstraints[0], topologyKey: 'topology.kubernetes.io/zone' }] };
    expect((run(pod('z', { labels: { app: 's' }, spec: zoned })) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match pod topology spread constraints (missing required label). ${NOT_HELPFUL_3}`,
    );
  });

  it('evaluates only the node a DaemonSet pod pins with matchFields', () => {
    const pinned = (nodeName: string, cpu?: string) =>
      pod('ds', { requests: cpu ? { cpu } : undefined, spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } } } });
    expect(run(pinned('worker-1'), cluster(), new Map(), () => 0.99)).toEqual({ node: 'worker-1' });
    expect(run(pinned('worker-1', '100m'), cluster(), bound(['worker-1', pod('hog', { requests: { cpu: '2' } })]))).toEqual({
      unschedulable: true,
      message:
        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    });
    const conflict = pod('ds', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }, { key: 'metadata.name', operator: 'In', values: ['worker-2'] }] }] } } } } });
    expect((run(conflict) as any).message).toBe('0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('says so when the cluster has no nodes', () => {
    expect(run(pod('a'), [])).toEqual({ unschedulable: true, message: 'no nodes available to schedule pods' });
  });
});
