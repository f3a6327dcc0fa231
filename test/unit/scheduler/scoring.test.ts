import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../../src/apiserver/types';
import { scheduleOne, scoreNodes } from '../../../src/sim/scheduler';
import { bound, cluster, pod, seq_ } from './fixtures';

/** Schedules pods one after another, binding each where the scheduler put it. */
function placeAll(pods: KubeObject[], nodes = cluster(), random: () => number = () => 0): Map<string, KubeObject[]> {
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const res = scheduleOne({ pod: p, nodes, podsByNode: byNode, random });
    if (!('node' in res)) throw new Error(res.message);
    p.spec.nodeName = res.node;
    byNode.set(res.node, [...(byNode.get(res.node) ?? []), p]);
  }
  return byNode;
}

const countOn = (m: Map<string, KubeObject[]>) => Object.fromEntries([...m].map(([n, ps]) => [n, ps.length]));

describe('scheduler scoring', () => {
  it('spreads the replicas of one owner evenly over the workers', () => {
    for (const random of [() => 0, () => 0.999, seq_([0.3, 0.7, 0.1])]) {
      const replicas = Array.from({ length: 6 }, (_, i) => pod(`web-${i}`, { owner: 'web-7d9f', labels: { app: 'web' } }));
      expect(countOn(placeAll(replicas, cluster(), random))).toEqual({ 'worker-1': 3, 'worker-2': 3 });
    }
  });

  it('spreads by owner even when other pods balance the node load (default topology spread)', () => {
    const pods = bound(
      ['worker-1', pod('web-a', { owner: 'web', labels: { app: 'web' } })],
      ['worker-1', pod('web-b', { owner: 'web', labels: { app: 'web' } })],
      ['worker-2', pod('other-a', { owner: 'other' })],
      ['worker-2', pod('other-b', { owner: 'other' })],
    );
    // Without owner-based spreading the two workers would tie and random 0 would pick worker-1.
    expect(scheduleOne({ pod: pod('web-c', { owner: 'web', labels: { app: 'web' } }), nodes: cluster(), podsByNode: pods, random: () => 0 })).toEqual({ node: 'worker-2' });
    expect(scheduleOne({ pod: pod('other-c', { owner: 'other' }), nodes: cluster(), podsByNode: pods, random: () => 0.99 })).toEqual({ node: 'worker-1' });
  });

  it('spreads replicas with requests evenly too', () => {
    const replicas = Array.from({ length: 4 }, (_, i) => pod(`api-${i}`, { owner: 'api-1', requests: { cpu: '250m', memory: '256Mi' } }));
    expect(countOn(placeAll(replicas))).toEqual({ 'worker-1': 2, 'worker-2': 2 });
  });

  it('prefers the emptier node for unowned pods (LeastAllocated)', () => {
    const pods = bound(['worker-1', pod('busy', { requests: { cpu: '1', memory: '1Gi' } })]);
    for (const r of [0, 0.99]) expect(scheduleOne({ pod: pod('new'), nodes: cluster(), podsByNode: pods, random: () => r })).toEqual({ node: 'worker-2' });
  });

  it('breaks exact ties with the random source', () => {
    expect(scheduleOne({ pod: pod('a'), nodes: cluster(), podsByNode: new Map(), random: () => 0 })).toEqual({ node: 'worker-1' });
    expect(scheduleOne({ pod: pod('a'), nodes: cluster(), podsByNode: new Map(), random: () => 0.99 })).toEqual({ node: 'worker-2' });
  });

  it('follows preferred node affinity by weight', () => {
    const spec = {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] } },
            { weight: 80, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
          ],
        },
      },
    };
    const nodes = cluster({ labels: { disktype: 'hdd' } }, { labels: { disktype: 'ssd' } });
    for (const r of [0, 0.99]) expect(scheduleOne({ pod: pod('p', { spec }), nodes, podsByNode: new Map(), random: () => r })).toEqual({ node: 'worker-2' });
    const scores = scoreNodes({ pod: pod('p', { spec }), nodes, podsByNode: new Map() });
    expect(scores.get('worker-2')! - scores.get('worker-1')!).toBe(2 * (100 - 12));
  });

  it('still schedules when no node matches a preferred term', () => {
    const spec = { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } }] } } };
    expect(scheduleOne({ pod: pod('p', { spec }), nodes: cluster(), podsByNode: new Map(), random: () => 0 })).toHaveProperty('node');
  });

  it('follows preferred pod affinity and anti-affinity', () => {
    const term = { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' } };
    const pods = bound(['worker-1', pod('cache', { labels: { app: 'cache' } })]);
    for (const r of [0, 0.99]) {
      expect(scheduleOne({ pod: pod('near', { spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } } } }), nodes: cluster(), podsByNode: pods, random: () => r })).toEqual({ node: 'worker-1' });
      expect(scheduleOne({ pod: pod('far', { spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } } } }), nodes: cluster(), podsByNode: pods, random: () => r })).toEqual({ node: 'worker-2' });
    }
  });

  it("is attracted by existing pods' required affinity toward the incoming pod", () => {
    const fan = pod('fan', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'star' } }, topologyKey: 'kubernetes.io/hostname' }] } } } });
    const pods = bound(['worker-2', fan]);
    const scores = scoreNodes({ pod: pod('star', { labels: { app: 'star' } }), nodes: cluster(), podsByNode: pods });
    expect(scores.get('worker-2')!).toBeGreaterThan(scores.get('worker-1')!);
  });

  it('avoids PreferNoSchedule taints the pod does not tolerate', () => {
    const nodes = cluster({ taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] });
    for (const r of [0, 0.99]) expect(scheduleOne({ pod: pod('p'), nodes, podsByNode: new Map(), random: () => r })).toEqual({ node: 'worker-2' });
    const tolerant = pod('t', { spec: { tolerations: [{ key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' }] } });
    const scores = scoreNodes({ pod: tolerant, nodes, podsByNode: new Map() });
    expect(scores.get('worker-1')).toBe(scores.get('worker-2'));
  });

  it('soft topology spread (ScheduleAnyway) steers toward the emptier domain', () => {
    const spec = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 's' } } }] };
    const pods = bound(['worker-1', pod('s1', { labels: { app: 's' } })], ['worker-1', pod('s2', { labels: { app: 's' } })]);
    for (const r of [0, 0.99]) expect(scheduleOne({ pod: pod('s3', { labels: { app: 's' }, spec }), nodes: cluster(), podsByNode: pods, random: () => r })).toEqual({ node: 'worker-2' });
  });

  it('a single feasible node is chosen without scoring', () => {
    expect(scheduleOne({ pod: pod('p'), nodes: cluster({ unschedulable: true }), podsByNode: new Map(), random: () => 0.5 })).toEqual({ node: 'worker-2' });
  });
});
