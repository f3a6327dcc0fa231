import { describe, it, expect } from 'vitest';
import { scheduler } from '../../../src/sim/agents/scheduler';
import { fakeContext } from '../admission/fake-store';
import { bound, cluster, pod } from './fixtures';

const low = (name: string, cpu: string) => pod(name, { requests: { cpu }, spec: { priority: 10, terminationGracePeriodSeconds: 30 } });

describe('the scheduler agent preempts', () => {
  it('nominates the node, marks and deletes the victims gracefully, and records Preempted', () => {
    const placed = [...bound(['worker-1', low('a', '1500m')], ['worker-2', low('b', '1800m')]).values()].flat();
    for (const p of placed) p.status = { phase: 'Running' };
    const vip = pod('vip', { requests: { cpu: '1' }, spec: { priority: 1000 } });
    vip.metadata.uid = 'vip-uid';
    const ctx = fakeContext({ nodes: cluster(), pods: [...placed, vip] });
    const { ops } = scheduler.reconcile('default/vip', ctx);
    const puts = ops.filter((o) => o.op === 'put' && o.resource === 'pods').map((o) => o.object);
    const victim = puts.find((p) => p.metadata.name === 'a')!;
    expect(victim.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(victim.status.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' }));
    expect(puts.find((p) => p.metadata.name === 'b')).toBeUndefined();
    const preemptor = puts.find((p) => p.metadata.name === 'vip')!;
    expect(preemptor.status.nominatedNodeName).toBe('worker-1');
    expect(preemptor.spec.nodeName).toBeUndefined();
    const events = ops.filter((o) => o.resource === 'events').map((o) => o.object);
    expect(events.map((e) => [e.involvedObject.name, e.reason, e.message])).toEqual([
      ['a', 'Preempted', 'Preempted by pod vip-uid on node worker-1'],
      ['vip', 'FailedScheduling', expect.stringMatching(/^0\/3 nodes are available: .*2 Insufficient cpu\.$/)],
    ]);
  });

  it('schedules the higher-priority pending pod first when space frees', () => {
    const older = pod('older', { requests: { cpu: '1500m' }, spec: { priority: 0 } });
    older.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    const urgent = pod('urgent', { requests: { cpu: '1500m' }, spec: { priority: 100 } });
    urgent.metadata.creationTimestamp = '2026-01-01T00:00:05Z';
    const nodes = cluster({}, { unschedulable: true });
    const { ops } = scheduler.reconcile('*', fakeContext({ nodes, pods: [older, urgent] }));
    const boundPods = ops.filter((o) => o.op === 'put' && o.object.spec?.nodeName).map((o) => o.object.metadata.name);
    expect(boundPods).toEqual(['urgent']);
  });
});
