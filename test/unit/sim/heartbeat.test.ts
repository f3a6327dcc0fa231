import { describe, it, expect } from 'vitest';
import { latestBeat, nodeLease, presentHeartbeats } from '../../../src/sim/heartbeat';

const t0 = Date.parse('2026-01-01T00:00:00Z');

describe('heartbeats presented as of now', () => {
  it('picks the latest beat due, never one in the future', () => {
    expect(latestBeat(t0, 10_000, t0 + 25_000)).toBe(t0 + 20_000);
    expect(latestBeat(t0, 10_000, t0 + 5_000)).toBe(t0);
    expect(latestBeat(t0, 10_000, t0 - 5_000)).toBe(t0);
  });

  it('renews a node lease every 10 s while the stored object stays as written', () => {
    const lease = nodeLease({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', uid: 'u1' } }, t0);
    const seen = presentHeartbeats('leases.coordination.k8s.io', lease, t0 + 95_000);
    expect(seen.spec.renewTime).toBe('2026-01-01T00:01:30.000000Z');
    expect(lease.spec.renewTime).toBe('2026-01-01T00:00:00.000000Z');
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'worker-1', uid: 'u1' }]);
  });

  it('reports node status every 5 minutes, keeping the transition time', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }] } };
    const seen = presentHeartbeats('nodes', node, t0 + 11 * 60_000);
    expect(seen.status.conditions[0]).toMatchObject({ lastHeartbeatTime: '2026-01-01T00:10:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' });
  });

  it('leaves other objects alone', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(presentHeartbeats('configmaps', cm, t0)).toBe(cm);
  });
});
