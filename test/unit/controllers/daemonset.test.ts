import { describe, it, expect } from 'vitest';
import { daemonSetStatus, isPodUpdated, manageDaemonSet, shouldRunOn } from '../../../src/controllers/daemonset/reconcile';
import { rollingUpdate } from '../../../src/controllers/daemonset/rolling';
import { nodeObject, DEFAULT_NODES } from '../../../src/sim/nodes';

const now = new Date('2026-01-01T00:01:00Z');
const nodes = ['control-plane', 'worker-1', 'worker-2'].map((n, i) => nodeObject(n, i, DEFAULT_NODES, '2026-01-01T00:00:00Z'));
const ds = (spec: any = {}, strategy: any = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }) => ({
  metadata: { name: 'fluentd', namespace: 'd', uid: 'ds-uid', generation: 1 },
  spec: { template: { spec: { containers: [], ...spec } }, updateStrategy: strategy },
});
const pod = (node: string, opts: { ready?: boolean; hash?: string; name?: string; created?: string } = {}) => ({
  metadata: {
    name: opts.name ?? `fluentd-${node}`,
    namespace: 'd',
    creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z',
    labels: { 'controller-revision-hash': opts.hash ?? 'new' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'ds-uid', controller: true }],
  },
  spec: { nodeName: node },
  status: { phase: 'Running', conditions: opts.ready === false ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
});

describe('the DaemonSet controller', () => {
  it('runs on the workers only, unless the template tolerates the control-plane taint', () => {
    expect(nodes.filter((n) => shouldRunOn(ds(), n)).map((n) => n.metadata.name)).toEqual(['worker-1', 'worker-2']);
    const tolerant = ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodes.filter((n) => shouldRunOn(tolerant, n))).toHaveLength(3);
  });

  it('follows the template node selector', () => {
    expect(nodes.filter((n) => shouldRunOn(ds({ nodeSelector: { 'kubernetes.io/hostname': 'worker-1' } }), n)).map((n) => n.metadata.name)).toEqual(['worker-1']);
  });

  it('creates a pod for each eligible node without one and counts what runs', () => {
    const plan = manageDaemonSet(ds(), nodes, [pod('worker-1')], 'new', now);
    expect(plan.create).toEqual(['worker-2']);
    const status = daemonSetStatus(ds(), nodes, [pod('worker-1')], 'new', 0, now);
    expect(status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, numberUnavailable: 1, updatedNumberScheduled: 1 });
  });

  it('removes a pod from a node it may no longer run on', () => {
    const plan = manageDaemonSet(ds({ nodeSelector: { disktype: 'ssd' } }), nodes, [pod('worker-1')], 'new', now);
    expect(plan.remove.map((p) => p.metadata.name)).toEqual(['fluentd-worker-1']);
    expect(daemonSetStatus(ds({ nodeSelector: { disktype: 'ssd' } }), nodes, [pod('worker-1')], 'new', 0, now).numberMisscheduled).toBe(1);
  });

  it('keeps the oldest of two pods on a node when it may not surge', () => {
    const pods = [pod('worker-1', { name: 'a', created: '2026-01-01T00:00:00Z' }), pod('worker-1', { name: 'b', created: '2026-01-01T00:00:30Z' }), pod('worker-2')];
    expect(manageDaemonSet(ds(), nodes, pods, 'new', now).remove.map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('counts as up to date only pods of the current hash or template generation', () => {
    expect(isPodUpdated(ds(), pod('worker-1', { hash: 'old' }), 'new')).toBe(false);
    const annotated = { ...ds(), metadata: { ...ds().metadata, annotations: { 'deprecated.daemonset.template.generation': '1' } } };
    const labelled = pod('worker-1', { hash: 'old' });
    (labelled.metadata.labels as any)['pod-template-generation'] = '1';
    expect(isPodUpdated(annotated, labelled, 'new')).toBe(true);
    // A template change bumps the annotation (the DaemonSet strategy): the pod of generation 1 is old.
    const bumped = { ...annotated, metadata: { ...annotated.metadata, annotations: { 'deprecated.daemonset.template.generation': '2' } } };
    expect(isPodUpdated(bumped, labelled, 'new')).toBe(false);
    expect(daemonSetStatus(ds(), nodes, [pod('worker-1', { hash: 'old' }), pod('worker-2')], 'new', 0, now).updatedNumberScheduled).toBe(1);
  });
});

describe('the DaemonSet rolling update', () => {
  it('deletes one old available pod at a time with maxUnavailable 1', () => {
    const step = rollingUpdate(ds(), nodes, [pod('worker-1', { hash: 'old' }), pod('worker-2', { hash: 'old' })], 'new', now);
    expect(step.remove.map((p) => p.metadata.name)).toEqual(['fluentd-worker-1']);
    expect(step.create).toEqual([]);
  });

  it('waits while a new pod is not yet available', () => {
    const step = rollingUpdate(ds(), nodes, [pod('worker-1', { ready: false }), pod('worker-2', { hash: 'old' })], 'new', now);
    expect(step.remove).toEqual([]);
  });

  it('deletes old pods that are not available at once, whatever maxUnavailable says', () => {
    const step = rollingUpdate(ds(), nodes, [pod('worker-1', { hash: 'old', ready: false }), pod('worker-2', { hash: 'old', ready: false })], 'new', now);
    expect(step.remove).toHaveLength(2);
  });

  it('replaces up to maxUnavailable pods at once', () => {
    const wide = ds({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%', maxSurge: 0 } });
    expect(rollingUpdate(wide, nodes, [pod('worker-1', { hash: 'old' }), pod('worker-2', { hash: 'old' })], 'new', now).remove).toHaveLength(2);
  });

  it('with maxSurge, starts a new pod beside the old one, then deletes the old one once the new one is available', () => {
    const surge = ds({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    const first = rollingUpdate(surge, nodes, [pod('worker-1', { hash: 'old' }), pod('worker-2', { hash: 'old' })], 'new', now);
    expect(first).toEqual({ create: ['worker-1'], remove: [] });
    const pods = [pod('worker-1', { hash: 'old', name: 'old-1' }), pod('worker-1', { name: 'new-1' }), pod('worker-2', { hash: 'old' })];
    expect(rollingUpdate(surge, nodes, pods, 'new', now).remove.map((p) => p.metadata.name)).toEqual(['old-1']);
    expect(manageDaemonSet(surge, nodes, pods, 'new', now).remove.map((p) => p.metadata.name)).toEqual(['old-1']);
  });

  it('does nothing for OnDelete', () => {
    const onDelete = ds({}, { type: 'OnDelete' });
    expect(rollingUpdate(onDelete, nodes, [pod('worker-1', { hash: 'old' })], 'new', now)).toEqual({ create: [], remove: [] });
  });
});
