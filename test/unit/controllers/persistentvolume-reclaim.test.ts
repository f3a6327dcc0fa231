import { describe, it, expect } from 'vitest';
import { syncVolume } from '../../../src/controllers/persistentvolume/volume-sync';
import { protectClaim, protectVolume } from '../../../src/controllers/persistentvolume/protection';
import { defaultClassPending, ensureDefaultClassOnce } from '../../../src/controllers/persistentvolume/default-class';
import { Plan, claim, events, podUsing, removed, view, volume, written } from './persistentvolume-fixtures';

const PVS = 'persistentvolumes';
const PVCS = 'persistentvolumeclaims';
const ref = { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'gone', uid: 'uid-gone' };

describe('PV controller: volumes and reclaim policies', () => {
  it('a volume without claimRef becomes Available', () => {
    const pv = volume('pv1', { phase: 'Pending' });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv] }), plan, pv);
    expect(written(plan, PVS, 'pv1')!.status.phase).toBe('Available');
  });

  it('Retain: the claim gone, the volume stays Released with its claimRef', () => {
    const pv = volume('pv1', { phase: 'Bound', claimRef: ref, policy: 'Retain' });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv] }), plan, pv);
    const v = written(plan, PVS, 'pv1')!;
    expect(v.status.phase).toBe('Released');
    expect(v.spec.claimRef.name).toBe('gone');
    expect(removed(plan, PVS, 'pv1')).toBe(false);
  });

  it('a claim of the same name but another uid does not hold the volume', () => {
    const pv = volume('pv1', { phase: 'Bound', claimRef: { ...ref, uid: 'old-uid' } });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv], claims: [claim('gone')] }), plan, pv);
    expect(written(plan, PVS, 'pv1')!.status.phase).toBe('Released');
  });

  it('Delete: a provisioned volume is deleted, held by pv-protection until unbound', () => {
    const pv = volume('pvc-x', { phase: 'Bound', claimRef: ref, policy: 'Delete', annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv] }), plan, pv);
    const v = written(plan, PVS, 'pvc-x')!;
    expect(v.status.phase).toBe('Released');
    expect(v.metadata.deletionTimestamp).toBe('2025-06-01T12:00:00Z');
    // The released volume is no longer in use: pv-protection lets it go.
    const next = new Plan();
    protectVolume(next, v);
    expect(removed(next, PVS, 'pvc-x')).toBe(true);
  });

  it('Delete: an external provisioner\'s volume is left to that provisioner', () => {
    const pv = volume('pvc-y', { phase: 'Released', claimRef: ref, policy: 'Delete', annotations: { 'pv.kubernetes.io/provisioned-by': 'ebs.csi.aws.com' } });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv] }), plan, pv);
    expect(plan.empty).toBe(true);
  });

  it('Delete: a hostPath volume outside /tmp fails with the host_path deleter message', () => {
    const pv = volume('pv1', { phase: 'Bound', claimRef: ref, policy: 'Delete', path: '/data/pv1' });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv] }), plan, pv);
    expect(written(plan, PVS, 'pv1')!.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /data/pv1' });
    expect(events(plan)).toEqual(['Warning VolumeFailedDelete: host_path deleter only supports /tmp/.+ but received provided /data/pv1']);
  });

  it('Recycle: the volume is made Available again without its claimRef', () => {
    const pv = volume('pv1', { phase: 'Bound', claimRef: ref, policy: 'Recycle', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } });
    const plan = new Plan();
    syncVolume(view({ volumes: [pv] }), plan, pv);
    const v = written(plan, PVS, 'pv1')!;
    expect(v.status.phase).toBe('Available');
    expect(v.spec.claimRef).toBeUndefined();
  });
});

describe('storage object in use protection', () => {
  const deleting = () => {
    const c = claim('data');
    c.metadata.deletionTimestamp = '2025-06-01T11:00:00Z';
    return c;
  };

  it('holds a deleted claim while a scheduled pod uses it', () => {
    const c = deleting();
    const plan = new Plan();
    protectClaim(view({ claims: [c], pods: [podUsing('reader', ['data'], 'worker-1')] }), plan, c);
    expect(plan.empty).toBe(true);
  });

  it('releases it once the pod is gone or finished', () => {
    for (const pods of [[], [podUsing('done', ['data'], 'worker-1', 'Succeeded')], [podUsing('unscheduled', ['data'])]]) {
      const c = deleting();
      const plan = new Plan();
      protectClaim(view({ claims: [c], pods }), plan, c);
      expect(removed(plan, PVCS, 'data')).toBe(true);
    }
  });

  it('keeps other finalizers and only drops its own', () => {
    const c = deleting();
    c.metadata.finalizers = ['example.com/keep', 'kubernetes.io/pvc-protection'];
    const plan = new Plan();
    protectClaim(view({ claims: [c] }), plan, c);
    expect(written(plan, PVCS, 'data')!.metadata.finalizers).toEqual(['example.com/keep']);
  });

  it('adds the finalizer to a live claim that lacks it', () => {
    const c = claim('data');
    c.metadata.finalizers = [];
    const plan = new Plan();
    protectClaim(view({ claims: [c] }), plan, c);
    expect(written(plan, PVCS, 'data')!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('holds a deleted volume while it is Bound', () => {
    const pv = volume('pv1', { phase: 'Bound', claimRef: ref });
    pv.metadata.deletionTimestamp = '2025-06-01T11:00:00Z';
    const plan = new Plan();
    protectVolume(plan, pv);
    expect(plan.empty).toBe(true);
  });
});

describe('the default StorageClass of clusters made before it existed', () => {
  const ctxWith = (classes: any[]) => {
    const counters = new Map<string, number>();
    return {
      now: () => new Date('2025-06-01T12:00:00Z'),
      store: {
        list: () => classes.map((obj) => ({ obj })),
        counter: (c: string) => counters.get(c) ?? 0,
        increment: (c: string) => counters.set(c, (counters.get(c) ?? 0) + 1).get(c)!,
      },
    } as any;
  };

  it('is created once, and never again after the user deletes it', () => {
    const ctx = ctxWith([]);
    expect(defaultClassPending(ctx)).toBe(true);
    const sc = ensureDefaultClassOnce(ctx)!;
    expect(sc.metadata.name).toBe('standard');
    expect(sc.metadata.annotations!['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(defaultClassPending(ctx)).toBe(false);
    expect(ensureDefaultClassOnce(ctx)).toBeUndefined();
  });

  it('is not created when a default class already exists', () => {
    const ctx = ctxWith([{ metadata: { name: 'gold', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }]);
    expect(ensureDefaultClassOnce(ctx)).toBeUndefined();
    expect(defaultClassPending(ctx)).toBe(false);
  });
});
