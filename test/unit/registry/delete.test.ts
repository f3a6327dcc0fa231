import { describe, it, expect } from 'vitest';
import { deleteOps, finishIfReleased, podRemovalOps } from '../../../src/apiserver/registry/delete';

const now = new Date('2026-01-01T00:00:00Z');
const ctx = { now: () => now } as any;
const pod = (extra: any = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'p', namespace: 'd', uid: 'u', ...extra },
  spec: { nodeName: 'w1', terminationGracePeriodSeconds: 30 },
  status: { phase: 'Running' },
});
const cm = (extra: any = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', uid: 'c', ...extra } });

describe('deleteOps', () => {
  it('removes an object without finalizers at once', () => {
    expect(deleteOps(ctx, 'configmaps', cm(), { dryRun: false }).ops.map((o) => o.op)).toEqual(['delete']);
  });

  it('only marks an object with a finalizer, and a second delete changes nothing', () => {
    const first = deleteOps(ctx, 'configmaps', cm({ finalizers: ['example.com/hold'] }), { dryRun: false });
    expect(first.ops).toHaveLength(1);
    expect(first.answer.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 0, finalizers: ['example.com/hold'] });
    expect(deleteOps(ctx, 'configmaps', first.answer, { dryRun: false }).ops).toEqual([]);
  });

  it('adds the foregroundDeletion or orphan finalizer for those propagation policies', () => {
    expect(deleteOps(ctx, 'configmaps', cm(), { dryRun: false, propagationPolicy: 'Foreground' }).answer.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(deleteOps(ctx, 'configmaps', cm(), { dryRun: false, propagationPolicy: 'Orphan' }).answer.metadata.finalizers).toEqual(['orphan']);
  });

  it('deletes a running pod on a node gracefully: deletionTimestamp at the end of its grace period', () => {
    const { ops, answer } = deleteOps(ctx, 'pods', pod(), { dryRun: false });
    expect(ops.map((o) => o.op)).toEqual(['put']);
    expect(answer.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
  });
});

describe('podRemovalOps (the kubelet\'s final delete)', () => {
  it('removes a pod without finalizers', () => {
    expect(podRemovalOps(pod({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 }), now).map((o) => o.op)).toEqual(['delete']);
  });

  it('keeps a pod with a finalizer, with grace period 0, and then changes nothing', () => {
    const ops = podRemovalOps(pod({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30, finalizers: ['example.com/hold'] }), now);
    expect(ops).toHaveLength(1);
    const kept = ops[0].object;
    expect(kept.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 0, finalizers: ['example.com/hold'] });
    expect(podRemovalOps(kept, now)).toEqual([]);
    // Removing the last finalizer then removes the pod.
    const released = structuredClone(kept);
    delete released.metadata.finalizers;
    expect(finishIfReleased('pods', released, kept)).toBe(true);
  });

  it('a pod still in its grace period waits for its kubelet when its last finalizer goes', () => {
    const old = pod({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30, finalizers: ['x'] });
    const next = structuredClone(old);
    delete next.metadata.finalizers;
    expect(finishIfReleased('pods', next, old)).toBe(false);
  });
});
