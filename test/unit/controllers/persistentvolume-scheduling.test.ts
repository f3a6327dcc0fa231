import { describe, it, expect } from 'vitest';
import { scheduleOne } from '../../../src/sim/scheduler';
import { volumeBindingOps, type VolumeLookup } from '../../../src/sim/scheduler/volumes';
import { admitClaimCreate } from '../../../src/resources/persistentvolumeclaim/admission';
import { admitVolumeCreate } from '../../../src/resources/persistentvolume/admission';
import { cluster } from '../scheduler/fixtures';
import { claim, immediateClass, podUsing, standard, volume } from './persistentvolume-fixtures';
import type { KubeObject } from '../../../src/apiserver/types';

const NOT_HELPFUL_3 = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

function lookup(claims: KubeObject[], volumes: KubeObject[] = [], classes: KubeObject[] = [standard(), immediateClass()]): VolumeLookup {
  return {
    claim: (ns, n) => claims.find((c) => c.metadata.namespace === ns && c.metadata.name === n),
    volume: (n) => volumes.find((v) => v.metadata.name === n),
    volumes: () => volumes,
    storageClass: (n) => classes.find((c) => c.metadata.name === n),
  };
}

const schedule = (pod: KubeObject, l: VolumeLookup) => scheduleOne({ pod, nodes: cluster(), podsByNode: new Map(), random: () => 0, volumes: l });

const boundTo = (name: string, pv: string) => claim(name, { class: 'manual', volumeName: pv, phase: 'Bound', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } });
const pinned = (pv: KubeObject, node: string) => {
  pv.spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } };
  return pv;
};

describe('scheduler VolumeBinding', () => {
  it('refuses a pod whose claim does not exist', () => {
    expect(schedule(podUsing('p', ['missing']), lookup([]))).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: persistentvolumeclaim "missing" not found. ${NOT_HELPFUL_3}`,
    });
  });

  it('refuses a pod whose Immediate claim is not bound yet', () => {
    expect(schedule(podUsing('p', ['c']), lookup([claim('c', { class: 'fast' })]))).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL_3}`,
    });
  });

  it('places a pod with a bound claim on the node its volume is pinned to', () => {
    const l = lookup([boundTo('c', 'pv1')], [pinned(volume('pv1', { class: 'manual', phase: 'Bound' }), 'worker-2')]);
    expect(schedule(podUsing('p', ['c']), l)).toEqual({ node: 'worker-2' });
  });

  it('reports a volume node affinity conflict when no node fits the volume', () => {
    const l = lookup([boundTo('c', 'pv1')], [pinned(volume('pv1', { class: 'manual', phase: 'Bound' }), 'nowhere')]);
    expect((schedule(podUsing('p', ['c']), l) as any).message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint .*, 2 node\(s\) had volume node affinity conflict\./);
  });

  it('schedules a WaitForFirstConsumer pod and writes selected-node on its claim, binding the pod only later', () => {
    const c = claim('data', { class: 'standard' });
    const l = lookup([c]);
    const pod = podUsing('writer', ['data']);
    const res = schedule(pod, l) as { node: string };
    expect(res.node).toMatch(/^worker-/);
    const node = cluster().find((n) => n.metadata.name === res.node)!;
    const { ops, wait } = volumeBindingOps(pod, node, l);
    expect(wait).toBe(true);
    expect(ops).toHaveLength(1);
    expect(ops[0].object.metadata.annotations!['volume.kubernetes.io/selected-node']).toBe(res.node);
  });

  it('reserves a matching static volume for a WaitForFirstConsumer claim on the chosen node', () => {
    const lazy = { ...standard(), metadata: { name: 'lazy' }, provisioner: 'kubernetes.io/no-provisioner' };
    const c = claim('data', { class: 'lazy' });
    const pv = pinned(volume('local-1', { class: 'lazy' }), 'worker-1');
    const l = lookup([c], [pv], [lazy]);
    const pod = podUsing('writer', ['data']);
    expect(schedule(pod, l)).toEqual({ node: 'worker-1' });
    const { ops } = volumeBindingOps(pod, cluster()[1], l);
    expect(ops[0].object.spec.claimRef).toMatchObject({ name: 'data', uid: 'uid-data' });
  });

  it('lets a pod with a fully bound claim through without waiting', () => {
    const l = lookup([boundTo('c', 'pv1')], [volume('pv1', { class: 'manual', phase: 'Bound' })]);
    expect(volumeBindingOps(podUsing('p', ['c']), cluster()[1], l)).toEqual({ ops: [], wait: false });
  });
});

describe('storage admission', () => {
  const ctx = (classes: KubeObject[]) => ({ store: { list: () => classes.map((obj) => ({ obj })) } }) as any;

  it('DefaultStorageClass writes the default into a claim naming no class', () => {
    const c = claim('c', { class: null });
    admitClaimCreate(ctx([immediateClass(), standard()]), c);
    expect(c.spec.storageClassName).toBe('standard');
    expect(c.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('leaves an explicit "" alone, and a claim when no class is default', () => {
    const empty = claim('c', { class: '' });
    admitClaimCreate(ctx([standard()]), empty);
    expect(empty.spec.storageClassName).toBe('');
    const none = claim('d', { class: null });
    admitClaimCreate(ctx([immediateClass()]), none);
    expect(none.spec.storageClassName).toBeUndefined();
  });

  it('adds pv-protection to a new volume once', () => {
    const pv = volume('pv1');
    admitVolumeCreate(pv);
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });
});
