import { describe, it, expect } from 'vitest';
import { findMatchingVolume } from '../../../src/controllers/persistentvolume/match';
import { syncClaim } from '../../../src/controllers/persistentvolume/claim-sync';
import { Plan, claim, events, immediateClass, podUsing, standard, view, volume, written } from './persistentvolume-fixtures';
import { node } from '../scheduler/fixtures';

const PVCS = 'persistentvolumeclaims';
const PVS = 'persistentvolumes';

describe('PV controller: which volume a claim gets', () => {
  it('picks the smallest Available volume whose capacity covers the request', () => {
    const vols = [volume('big', { size: '10Gi' }), volume('small', { size: '500Mi' }), volume('mid', { size: '2Gi' })];
    expect(findMatchingVolume(claim('c', { class: '' }), vols, { delayBinding: false })?.metadata.name).toBe('mid');
  });

  it('"" matches only class-less volumes, and a class only volumes of that class', () => {
    const vols = [volume('manual-pv', { class: 'manual' }), volume('plain')];
    expect(findMatchingVolume(claim('c', { class: '' }), vols, { delayBinding: false })?.metadata.name).toBe('plain');
    expect(findMatchingVolume(claim('c', { class: 'manual' }), vols, { delayBinding: false })?.metadata.name).toBe('manual-pv');
    expect(findMatchingVolume(claim('c', { class: 'other' }), vols, { delayBinding: false })).toBeUndefined();
  });

  it('requires every requested access mode and a matching selector', () => {
    const vols = [volume('rwo'), volume('rwx', { modes: ['ReadWriteOnce', 'ReadWriteMany'], labels: { tier: 'gold' } })];
    expect(findMatchingVolume(claim('c', { class: '', modes: ['ReadWriteMany'] }), vols, { delayBinding: false })?.metadata.name).toBe('rwx');
    expect(findMatchingVolume(claim('c', { class: '', selector: { matchLabels: { tier: 'silver' } } }), vols, { delayBinding: false })).toBeUndefined();
  });

  it('skips volumes already claimed or not Available, but prefers one pre-bound to the claim', () => {
    const c = claim('c', { class: '' });
    const other = { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'x', uid: 'uid-x' };
    const vols = [volume('taken', { claimRef: other, phase: 'Bound' }), volume('released', { phase: 'Released' })];
    expect(findMatchingVolume(c, vols, { delayBinding: false })).toBeUndefined();
    const pre = volume('pre', { size: '100Gi', claimRef: { namespace: 'default', name: 'c' } });
    expect(findMatchingVolume(c, [volume('fits'), pre], { delayBinding: false })?.metadata.name).toBe('pre');
  });
});

describe('PV controller: syncing a claim', () => {
  it('binds a claim to a static volume with upstream annotations, phases and status', () => {
    const c = claim('manual-pvc', { class: 'manual', size: '500Mi' });
    const pv = volume('pv1', { class: 'manual', size: '1Gi' });
    const plan = new Plan();
    syncClaim(view({ claims: [c], volumes: [pv] }), plan, c);
    const v = written(plan, PVS, 'pv1')!;
    expect(v.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'manual-pvc', uid: 'uid-manual-pvc' });
    expect(v.metadata.annotations!['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(v.status.phase).toBe('Bound');
    const cl = written(plan, PVCS, 'manual-pvc')!;
    expect(cl.spec.volumeName).toBe('pv1');
    expect(cl.metadata.annotations!).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(cl.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
  });

  it('binds a claim that names its volume without marking the claim bound-by-controller', () => {
    const c = claim('c', { class: '', volumeName: 'pv1' });
    const plan = new Plan();
    syncClaim(view({ claims: [c], volumes: [volume('pv1')] }), plan, c);
    const cl = written(plan, PVCS, 'c')!;
    expect(cl.metadata.annotations!['pv.kubernetes.io/bind-completed']).toBe('yes');
    expect(cl.metadata.annotations!['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
    expect(cl.status.phase).toBe('Bound');
  });

  it('refuses a named volume that is too small with VolumeMismatch', () => {
    const c = claim('c', { class: '', size: '5Gi', volumeName: 'pv1' });
    const plan = new Plan();
    syncClaim(view({ claims: [c], volumes: [volume('pv1')] }), plan, c);
    expect(events(plan)).toEqual(['Warning VolumeMismatch: Cannot bind to requested volume "pv1": requested PV is too small']);
    expect(written(plan, PVS, 'pv1')).toBeUndefined();
  });

  it('says FailedBinding for a class-less claim no volume fits', () => {
    const c = claim('c', { class: '' });
    const plan = new Plan();
    syncClaim(view({ claims: [c] }), plan, c);
    expect(events(plan)).toEqual(['Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']);
  });

  it('waits for the first consumer under WaitForFirstConsumer', () => {
    const c = claim('data', { class: 'standard' });
    const plan = new Plan();
    syncClaim(view({ claims: [c], classes: [standard()] }), plan, c);
    expect(events(plan)).toEqual(['Normal WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    expect(plan.creates).toEqual([]);
  });

  it('names the unscheduled pod a WaitForFirstConsumer claim waits for', () => {
    const c = claim('data', { class: 'standard' });
    const plan = new Plan();
    syncClaim(view({ claims: [c], classes: [standard()], pods: [podUsing('writer', ['data'])] }), plan, c);
    expect(events(plan)).toEqual(['Normal WaitForPodScheduled: waiting for pod writer to be scheduled']);
  });

  it('provisions pvc-<uid> on the selected node once the scheduler picked one', () => {
    const c = claim('data', { class: 'standard', annotations: { 'volume.kubernetes.io/selected-node': 'worker-2' } });
    const plan = new Plan();
    syncClaim(view({ claims: [c], classes: [standard()] }), plan, c);
    expect(plan.creates).toHaveLength(1);
    const pv = plan.creates[0].object;
    expect(pv.metadata.name).toBe('pvc-uid-data');
    expect(pv.metadata.annotations!['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path');
    expect(pv.spec).toMatchObject({
      capacity: { storage: '1Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      claimRef: { name: 'data', uid: 'uid-data' },
      hostPath: { path: '/var/local-path-provisioner/pvc-uid-data_default_data' },
    });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-2'] });
    expect(written(plan, PVCS, 'data')!.metadata.annotations!['volume.kubernetes.io/storage-provisioner']).toBe('rancher.io/local-path');
    expect(plan.events.map((e) => e.reason)).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    expect(plan.events[2].message).toBe('Successfully provisioned volume pvc-uid-data');
  });

  it('provisions an Immediate claim at once on a schedulable node', () => {
    const c = claim('now', { class: 'fast' });
    const plan = new Plan();
    syncClaim(view({ claims: [c], classes: [immediateClass()], nodes: [node('control-plane', { controlPlane: true }), node('worker-1')] }), plan, c);
    expect(plan.creates[0].object.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['worker-1']);
  });

  it('does not provision twice when the volume already exists', () => {
    const c = claim('data', { class: 'standard', annotations: { 'volume.kubernetes.io/selected-node': 'worker-2' } });
    const existing = volume('pvc-uid-data', { class: 'standard', phase: 'Pending', claimRef: { namespace: 'default', name: 'data', uid: 'uid-data' } });
    const plan = new Plan();
    syncClaim(view({ claims: [c], classes: [standard()], volumes: [existing] }), plan, c);
    expect(plan.creates).toEqual([]);
    expect(written(plan, PVCS, 'data')!.spec.volumeName).toBe('pvc-uid-data');
  });

  it('gives a class-less claim the default class before anything else', () => {
    const c = claim('old', { class: null });
    const plan = new Plan();
    syncClaim(view({ claims: [c], classes: [standard()] }), plan, c);
    expect(written(plan, PVCS, 'old')!.spec.storageClassName).toBe('standard');
    expect(plan.events).toEqual([]);
  });

  it('marks a bound claim Lost when its volume is gone', () => {
    const c = claim('c', { class: '', volumeName: 'gone', phase: 'Bound', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } });
    const plan = new Plan();
    syncClaim(view({ claims: [c] }), plan, c);
    expect(written(plan, PVCS, 'c')!.status.phase).toBe('Lost');
    expect(events(plan)).toEqual(['Warning ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
  });

  it('changes nothing for a claim already fully bound', () => {
    const c = claim('c', { class: '', volumeName: 'pv1', phase: 'Bound', annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' } });
    c.status = { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } };
    const pv = volume('pv1', { phase: 'Bound', claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'c', uid: 'uid-c', apiVersion: 'v1', resourceVersion: '7' }, annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } });
    const plan = new Plan();
    syncClaim(view({ claims: [c], volumes: [pv] }), plan, c);
    expect(plan.empty).toBe(true);
  });
});
