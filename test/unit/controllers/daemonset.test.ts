import { describe, it, expect } from 'vitest';
import { reconcileDaemonSet, shouldRunOn } from '../../../src/controllers/daemonset/reconcile';
import { nodeObject, DEFAULT_NODES } from '../../../src/sim/nodes';

const now = new Date('2026-01-01T00:01:00Z');
const nodes = ['control-plane', 'worker-1', 'worker-2'].map((n, i) => nodeObject(n, i, DEFAULT_NODES, '2026-01-01T00:00:00Z'));
const ds = (spec: any = {}) => ({ metadata: { name: 'fluentd', namespace: 'd', uid: 'ds-uid', generation: 1 }, spec: { template: { spec: { containers: [], ...spec } } } });
const pod = (node: string, ready = true) => ({
  metadata: { name: `fluentd-${node}`, namespace: 'd', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'ds-uid', controller: true }] },
  spec: { nodeName: node },
  status: { phase: 'Running', conditions: ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] : [] },
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
    const plan = reconcileDaemonSet(ds(), nodes, [pod('worker-1')], now);
    expect(plan.create).toEqual(['worker-2']);
    expect(plan.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, numberUnavailable: 1 });
  });

  it('removes a pod from a node it may no longer run on', () => {
    const plan = reconcileDaemonSet(ds({ nodeSelector: { disktype: 'ssd' } }), nodes, [pod('worker-1')], now);
    expect(plan.remove.map((p) => p.metadata.name)).toEqual(['fluentd-worker-1']);
    expect(plan.status.numberMisscheduled).toBe(1);
  });
});
