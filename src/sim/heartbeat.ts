/**
 * Heartbeats without timers. A kubelet renews its node's Lease every 10 s and, while nothing
 * changes, re-posts its node status every 5 minutes (nodeStatusReportFrequency). Writing those
 * would keep an idle cluster busy for ever, so the stored times are the first beat and the
 * API presents them as of the latest beat due by now: what a reader sees is what a real cluster
 * would show, and nothing runs while nobody looks.
 */
import type { KubeObject } from '../apiserver/types';

/** The kubelet's lease renewal interval (leaseDuration 40 s × 0.25). */
export const LEASE_RENEW_MS = 10_000;
/** The kubelet's node status report frequency when nothing changed. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** The namespace of node leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The latest instant `from + k·period` (k ≥ 0) not after `now`. */
export function latestBeat(from: number, period: number, now: number): number {
  if (!Number.isFinite(from) || now <= from) return from;
  return from + Math.floor((now - from) / period) * period;
}

const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '000Z');

/**
 * The object as a reader sees it at `now`: node conditions with their latest heartbeat, node
 * leases with their latest renewal. Other objects come back unchanged (the same object).
 */
export function presentHeartbeats(resource: string, obj: KubeObject, now: number): KubeObject {
  if (resource === 'nodes' && obj.status?.conditions?.length) {
    const conditions = obj.status.conditions.map((c: any) => {
      const beat = latestBeat(Date.parse(c.lastHeartbeatTime), NODE_STATUS_REPORT_MS, now);
      return Number.isFinite(beat) ? { ...c, lastHeartbeatTime: seconds(beat) } : c;
    });
    return { ...obj, status: { ...obj.status, conditions } };
  }
  if (resource === 'leases.coordination.k8s.io' && obj.metadata.namespace === NODE_LEASE_NAMESPACE && obj.spec?.renewTime) {
    const beat = latestBeat(Date.parse(obj.spec.renewTime), LEASE_RENEW_MS, now);
    return Number.isFinite(beat) ? { ...obj, spec: { ...obj.spec, renewTime: micro(beat) } } : obj;
  }
  return obj;
}

/** Whether a resource has heartbeats to present. */
export function hasHeartbeats(resource: string): boolean {
  return resource === 'nodes' || resource === 'leases.coordination.k8s.io';
}

/** The Lease a node's kubelet holds in kube-node-lease, first renewed at `now`. */
export function nodeLease(node: KubeObject, now: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata.name,
      namespace: NODE_LEASE_NAMESPACE,
      uid: crypto.randomUUID(),
      creationTimestamp: seconds(now),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid! }],
    },
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: 40, renewTime: micro(now) },
  };
}
