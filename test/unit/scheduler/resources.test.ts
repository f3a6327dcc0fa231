import { describe, it, expect } from 'vitest';
import { nodeAllocated, podLimits, podRequests, qosClass, podNonZeroRequests } from '../../../src/sim/scheduler';
import { node, pod } from './fixtures';

const withContainers = (spec: Record<string, any>) => pod('p', { spec });
const c = (requests?: Record<string, string>, limits?: Record<string, string>, extra: Record<string, any> = {}) => ({ name: 'c', image: 'x', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) }, ...extra });

describe('pod resource accounting', () => {
  it('sums app containers and parses quantities', () => {
    const p = withContainers({ containers: [c({ cpu: '250m', memory: '64Mi' }), c({ cpu: '0.5', memory: '1G' })] });
    expect(podRequests(p)).toEqual({ cpuMilli: 750, memoryBytes: 64 * 2 ** 20 + 1e9, pods: 1 });
  });

  it('takes the larger of the containers sum and any init container, plus overhead', () => {
    const p = withContainers({ containers: [c({ cpu: '100m', memory: '100Mi' })], initContainers: [c({ cpu: '1', memory: '10Mi' })], overhead: { cpu: '10m', memory: '1Mi' } });
    expect(podRequests(p)).toEqual({ cpuMilli: 1010, memoryBytes: 101 * 2 ** 20, pods: 1 });
  });

  it('adds sidecar (restartPolicy Always) init containers to the running total', () => {
    const p = withContainers({
      initContainers: [c({ cpu: '200m' }, undefined, { restartPolicy: 'Always' }), c({ cpu: '500m' })],
      containers: [c({ cpu: '100m' })],
    });
    // Running: 100m + 200m sidecar; init phase: 500m + 200m sidecar.
    expect(podRequests(p).cpuMilli).toBe(700);
  });

  it('defaults requests from limits and sums limits', () => {
    const p = withContainers({ containers: [c(undefined, { cpu: '1', memory: '1Gi' }), c({ cpu: '100m' }, { cpu: '200m' })] });
    expect(podRequests(p)).toEqual({ cpuMilli: 1100, memoryBytes: 2 ** 30, pods: 1 });
    expect(podLimits(p)).toEqual({ cpuMilli: 1200, memoryBytes: 2 ** 30 });
  });

  it('uses 100m and 200Mi for containers without requests when scoring', () => {
    const r = podNonZeroRequests(withContainers({ containers: [c(), c({ cpu: '1' })] }));
    expect([r.cpuMilli, r.memoryBytes]).toEqual([1100, 400 * 2 ** 20]);
  });

  it('classifies QoS', () => {
    expect(qosClass(withContainers({ containers: [c()] }))).toBe('BestEffort');
    expect(qosClass(withContainers({ containers: [c({ cpu: '100m' })] }))).toBe('Burstable');
    expect(qosClass(withContainers({ containers: [c(undefined, { cpu: '1', memory: '1Gi' })] }))).toBe('Guaranteed');
    expect(qosClass(withContainers({ containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }))).toBe('Guaranteed');
    expect(qosClass(withContainers({ containers: [c({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }))).toBe('Burstable');
    expect(qosClass(withContainers({ containers: [c(undefined, { cpu: '1' })] }))).toBe('Burstable');
  });

  it('reports a node’s allocated requests and limits with truncated percentages', () => {
    const n = node('worker-1');
    const pods = [withContainers({ containers: [c({ cpu: '750m', memory: '1Gi' }, { cpu: '1500m', memory: '2Gi' })] }), withContainers({ containers: [c({ cpu: '100m' })] })];
    const a = nodeAllocated(n, pods);
    expect(a.requests).toEqual({ cpuMilli: 850, memoryBytes: 2 ** 30 });
    expect(a.limits).toEqual({ cpuMilli: 1500, memoryBytes: 2 ** 31 });
    expect(a.percentages).toEqual({ cpuRequests: 42, cpuLimits: 75, memoryRequests: 25, memoryLimits: 51 });
    expect(a.allocatable).toEqual({ cpuMilli: 2000, memoryBytes: 4091904 * 1024, pods: 110 });
  });
});
