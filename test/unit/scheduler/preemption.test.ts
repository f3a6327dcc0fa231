import { describe, it, expect } from 'vitest';
import { scheduleOne } from '../../../src/sim/scheduler';
import { CP_TAINT, bound, cluster, pod } from './fixtures';

const low = (name: string, cpu: string) => pod(name, { requests: { cpu } });
const high = (name: string, cpu: string, extra: Record<string, any> = {}) => pod(name, { requests: { cpu }, spec: { priority: 1000, ...extra } });

describe('scheduler preemption', () => {
  it('nominates a node and the fewest lower-priority victims when that makes room', () => {
    const victimA = low('a', '1500m');
    const pods = bound(['worker-1', victimA], ['worker-1', low('small', '100m')], ['worker-2', low('b', '1500m')], ['worker-2', low('c', '400m')]);
    const res = scheduleOne({ pod: high('vip', '1'), nodes: cluster(), podsByNode: pods, random: () => 0 }) as any;
    expect(res.unschedulable).toBe(true);
    expect(res.message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu.`);
    expect(res.preemption.node).toBe('worker-1');
    expect(res.preemption.victims.map((p: any) => p.metadata.name)).toEqual(['a']);
  });

  it('explains when even evicting every lower-priority pod would not help', () => {
    const pods = bound(['worker-1', low('a', '1')], ['worker-2', low('b', '1')]);
    expect(scheduleOne({ pod: high('vip', '3'), nodes: cluster(), podsByNode: pods })).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 Insufficient cpu.`,
    });
  });

  it('does not preempt pods of equal or higher priority', () => {
    const pods = bound(['worker-1', high('a', '1500m')], ['worker-2', high('b', '1500m')]);
    expect((scheduleOne({ pod: high('c', '1'), nodes: cluster(), podsByNode: pods }) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('reports preemptionPolicy=Never', () => {
    const pods = bound(['worker-1', low('a', '1500m')], ['worker-2', low('b', '1500m')]);
    expect((scheduleOne({ pod: high('c', '1', { preemptionPolicy: 'Never' }), nodes: cluster(), podsByNode: pods }) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.`,
    );
  });

  it('waits for victims already terminating on the nominated node', () => {
    const dying = low('a', '1500m');
    dying.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    const pods = bound(['worker-1', dying], ['worker-2', low('b', '1500m')]);
    const p = high('vip', '1');
    p.status.nominatedNodeName = 'worker-1';
    expect((scheduleOne({ pod: p, nodes: cluster(), podsByNode: pods }) as any).message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.`,
    );
  });
});
