import { describe, it, expect } from 'vitest';
import { reconcileReplicaSet, podsToDelete } from '../../../src/controllers/replicaset/reconcile';

const now = new Date('2026-01-01T00:01:00Z');
const rs = (replicas: number, extra: any = {}) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: 'frontend', namespace: 'd', uid: 'rs-uid', generation: 2 },
  spec: { replicas, selector: { matchLabels: { tier: 'frontend' } }, template: { metadata: { labels: { tier: 'frontend' } }, spec: {} }, ...extra },
});
const pod = (name: string, opts: { ready?: boolean; node?: string; owner?: string; phase?: string; created?: string; deleting?: boolean; readySince?: string } = {}) => ({
  metadata: {
    name, namespace: 'd', labels: { tier: 'frontend' }, creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: opts.owner ?? 'rs-uid', controller: true }],
    ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:30Z' } : {}),
  },
  spec: { nodeName: opts.node },
  status: { phase: opts.phase ?? 'Running', conditions: opts.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: opts.readySince ?? '2026-01-01T00:00:10Z' }] : [] },
});

describe('reconcileReplicaSet', () => {
  it('creates the missing pods', () => {
    expect(reconcileReplicaSet(rs(3), [pod('a', { ready: true, node: 'w1' })], now).create).toBe(2);
  });

  it('ignores pods it does not control, finished pods and pods being deleted', () => {
    const pods = [pod('other', { owner: 'x' }), pod('done', { phase: 'Succeeded' }), pod('going', { deleting: true }), pod('mine', { ready: true })];
    const plan = reconcileReplicaSet(rs(2), pods, now);
    expect(plan.create).toBe(1);
    expect(plan.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, terminatingReplicas: 1, observedGeneration: 2 });
  });

  it('deletes the surplus, unscheduled and not-ready pods first', () => {
    const pods = [pod('ready', { ready: true, node: 'w1' }), pod('pending', { phase: 'Pending' }), pod('notready', { node: 'w2' })];
    const plan = reconcileReplicaSet(rs(1), pods, now);
    expect(plan.remove.map((p) => p.metadata.name)).toEqual(['pending', 'notready']);
  });

  it('counts a pod available only after minReadySeconds', () => {
    const pods = [pod('old', { ready: true, readySince: '2026-01-01T00:00:00Z' }), pod('new', { ready: true, readySince: '2026-01-01T00:00:55Z' })];
    const plan = reconcileReplicaSet(rs(2, { minReadySeconds: 10 }), pods, now);
    expect(plan.status).toMatchObject({ readyReplicas: 2, availableReplicas: 1 });
  });

  it('prefers deleting the newest among equals', () => {
    const pods = [pod('older', { ready: true, node: 'w', created: '2026-01-01T00:00:00Z' }), pod('newer', { ready: true, node: 'w', created: '2026-01-01T00:00:20Z' })];
    expect(podsToDelete(pods, 1).map((p) => p.metadata.name)).toEqual(['newer']);
  });
});
