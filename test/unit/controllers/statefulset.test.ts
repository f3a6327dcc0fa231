import { describe, it, expect } from 'vitest';
import { planStatefulSet, statefulSetStatus, type PlannedRevision } from '../../../src/controllers/statefulset/plan';
import { claimOwners, claimsFor, newStatefulSetPod, parentAndOrdinal } from '../../../src/controllers/statefulset/identity';

const now = new Date('2026-01-01T00:01:00Z');
const set = (spec: any = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 's', uid: 'set-uid', generation: 1 },
  spec: {
    replicas: 3,
    serviceName: 'nginx',
    podManagementPolicy: 'OrderedReady',
    selector: { matchLabels: { app: 'nginx' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...spec,
  },
});
const rev = (name: string, s = set()): PlannedRevision => ({ name, set: s });
const pod = (ordinal: number, opts: { ready?: boolean; revision?: string; terminating?: boolean; phase?: string } = {}) => {
  const p = newStatefulSetPod(set(), ordinal, opts.revision ?? 'web-new');
  p.metadata.uid = `pod-${ordinal}`;
  p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true }];
  if (opts.terminating) p.metadata.deletionTimestamp = '2026-01-01T00:02:00Z';
  p.status = { phase: opts.phase ?? 'Running', conditions: opts.ready === false ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] };
  return p;
};
const names = (pods: any[]) => pods.map((p) => p.metadata.name);

describe('StatefulSet pod identity', () => {
  it('names pods <set>-<ordinal> with hostname, subdomain, identity labels and claim volumes', () => {
    const p = newStatefulSetPod(set(), 2, 'web-abc');
    expect(p.metadata.name).toBe('web-2');
    expect(p.spec).toMatchObject({ hostname: 'web-2', subdomain: 'nginx' });
    expect(p.metadata.labels).toEqual({ app: 'nginx', 'controller-revision-hash': 'web-abc', 'statefulset.kubernetes.io/pod-name': 'web-2', 'apps.kubernetes.io/pod-index': '2' });
    expect(p.spec.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } }]);
  });

  it('parses the ordinal from a pod name', () => {
    expect(parentAndOrdinal('my-web-12')).toEqual({ parent: 'my-web', ordinal: 12 });
    expect(parentAndOrdinal('web').ordinal).toBe(-1);
  });

  it('makes claims <template>-<set>-<ordinal> labelled with the selector', () => {
    const [c] = claimsFor(set(), 1);
    expect(c.metadata).toMatchObject({ name: 'www-web-1', namespace: 's', labels: { app: 'nginx' } });
  });

  it('owns no claim under the default Retain policy, and the set owns them under whenDeleted Delete', () => {
    expect(claimOwners(set(), pod(0), 0)).toEqual([]);
    const del = set({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } });
    expect(claimOwners(del, pod(0), 0)).toMatchObject([{ kind: 'StatefulSet', uid: 'set-uid', controller: true }]);
    const scaled = set({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } });
    expect(claimOwners(scaled, pod(2), 2)).toMatchObject([{ kind: 'Pod', name: 'web-2' }]);
  });
});

describe('the StatefulSet sync', () => {
  it('OrderedReady: creates web-0 first and waits for it to be Running and Ready', () => {
    expect(names(planStatefulSet(set(), [], rev('web-new'), rev('web-new'), now).create)).toEqual(['web-0']);
    expect(planStatefulSet(set(), [pod(0, { ready: false })], rev('web-new'), rev('web-new'), now).create).toEqual([]);
    expect(names(planStatefulSet(set(), [pod(0)], rev('web-new'), rev('web-new'), now).create)).toEqual(['web-1']);
  });

  it('Parallel: creates every missing pod at once', () => {
    const parallel = set({ podManagementPolicy: 'Parallel' });
    expect(names(planStatefulSet(parallel, [pod(0, { ready: false })], rev('web-new', parallel), rev('web-new', parallel), now).create)).toEqual(['web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, one at a time, waiting for it to be gone', () => {
    const one = set({ replicas: 1 });
    expect(names(planStatefulSet(one, [pod(0), pod(1), pod(2)], rev('web-new', one), rev('web-new', one), now).remove)).toEqual(['web-2']);
    expect(planStatefulSet(one, [pod(0), pod(1), pod(2, { terminating: true })], rev('web-new', one), rev('web-new', one), now).remove).toEqual([]);
    expect(names(planStatefulSet(one, [pod(0), pod(1)], rev('web-new', one), rev('web-new', one), now).remove)).toEqual(['web-1']);
  });

  it('rolls from the highest ordinal down, one pod at a time', () => {
    const pods = [pod(0, { revision: 'web-old' }), pod(1, { revision: 'web-old' }), pod(2, { revision: 'web-old' })];
    expect(names(planStatefulSet(set(), pods, rev('web-old'), rev('web-new'), now).remove)).toEqual(['web-2']);
    const midway = [pod(0, { revision: 'web-old' }), pod(1, { revision: 'web-old' }), pod(2, { ready: false })];
    expect(planStatefulSet(set(), midway, rev('web-old'), rev('web-new'), now).remove).toEqual([]);
    const next = [pod(0, { revision: 'web-old' }), pod(1, { revision: 'web-old' }), pod(2)];
    expect(names(planStatefulSet(set(), next, rev('web-old'), rev('web-new'), now).remove)).toEqual(['web-1']);
  });

  it('leaves pods below the partition at the current revision, and recreates them there', () => {
    const part = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    const pods = [pod(0, { revision: 'web-old' }), pod(1, { revision: 'web-old' }), pod(2)];
    expect(planStatefulSet(part, pods, rev('web-old', part), rev('web-new', part), now).remove).toEqual([]);
    const recreated = planStatefulSet(part, [pod(0, { revision: 'web-old' }), pod(2)], rev('web-old', part), rev('web-new', part), now).create;
    expect(recreated[0].metadata.labels?.['controller-revision-hash']).toBe('web-old');
  });

  it('OnDelete: replaces nothing, but recreates a deleted pod at the update revision', () => {
    const od = set({ updateStrategy: { type: 'OnDelete' } });
    const pods = [pod(0, { revision: 'web-old' }), pod(2, { revision: 'web-old' })];
    const plan = planStatefulSet(od, pods, rev('web-old', od), rev('web-new', od), now);
    expect(plan.remove).toEqual([]);
    expect(plan.create.map((p) => p.metadata.labels?.['controller-revision-hash'])).toEqual(['web-new']);
  });

  it('deletes a failed pod so that it comes back', () => {
    expect(names(planStatefulSet(set(), [pod(0, { phase: 'Failed', ready: false })], rev('web-new'), rev('web-new'), now).remove)).toEqual(['web-0']);
  });
});

describe('the StatefulSet status', () => {
  it('counts pods and completes the rollout once every pod is updated and ready', () => {
    const during = statefulSetStatus(set(), [pod(0, { revision: 'web-old' }), pod(1), pod(2)], 'web-old', 'web-new', 0, now);
    expect(during).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2, currentRevision: 'web-old', updateRevision: 'web-new', availableReplicas: 3, collisionCount: 0, observedGeneration: 1 });
    const done = statefulSetStatus(set(), [pod(0), pod(1), pod(2)], 'web-old', 'web-new', 0, now);
    expect(done).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, currentRevision: 'web-new' });
  });
});
