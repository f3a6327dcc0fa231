import type { KubeObject } from '../../apiserver/types';
import { selectorObjectMatches } from '../../apiserver/selectors/labels';

/** Pods one sync may create or delete (upstream's burstReplicas). */
export const BURST_REPLICAS = 500;

/** Whether a pod counts toward a ReplicaSet: not being deleted and not finished. */
export function isActivePod(p: KubeObject): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

export function isPodReady(p: KubeObject): boolean {
  return (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least minReadySeconds at `now` (podutil.IsPodAvailable). */
export function isPodAvailable(p: KubeObject, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const ready = (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const since = Date.parse(ready?.lastTransitionTime ?? '');
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now.getTime();
}

/** The pods a ReplicaSet controls: those whose controller ownerReference is its uid. */
export function ownedPods(rs: KubeObject, pods: KubeObject[]): KubeObject[] {
  return pods.filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === rs.metadata.uid));
}

/**
 * Which pods to delete when there are too many, as upstream's ActivePods ordering ranks them:
 * unscheduled before scheduled, pending before running, not ready before ready, newer first.
 */
export function podsToDelete(pods: KubeObject[], n: number): KubeObject[] {
  const rank = (p: KubeObject) => [p.spec?.nodeName ? 1 : 0, p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Running' ? 2 : 1, isPodReady(p) ? 1 : 0];
  return [...pods]
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
      return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
    })
    .slice(0, n);
}

/** The status a ReplicaSet should have for its pods (calculateStatus). */
export function replicaSetStatus(rs: KubeObject, pods: KubeObject[], now: Date): Record<string, unknown> {
  const active = pods.filter(isActivePod);
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const fullyLabeled = active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v));
  const ready = active.filter(isPodReady);
  const available = active.filter((p) => isPodAvailable(p, rs.spec?.minReadySeconds ?? 0, now));
  const status: Record<string, unknown> = { replicas: active.length, fullyLabeledReplicas: fullyLabeled.length, observedGeneration: rs.metadata.generation ?? 1 };
  if (ready.length) status.readyReplicas = ready.length;
  if (available.length) status.availableReplicas = available.length;
  const terminating = pods.filter((p) => !!p.metadata.deletionTimestamp).length;
  if (terminating) status.terminatingReplicas = terminating;
  return status;
}

/** What a sync wants: how many pods to create, which to delete, and the new status. */
export function reconcileReplicaSet(rs: KubeObject, pods: KubeObject[], now: Date): { create: number; remove: KubeObject[]; status: Record<string, unknown> } {
  const mine = ownedPods(rs, pods).filter((p) => selectorObjectMatches(rs.spec?.selector, p.metadata.labels));
  const active = mine.filter(isActivePod);
  const want = rs.metadata.deletionTimestamp ? active.length : rs.spec?.replicas ?? 1;
  const diff = active.length - want;
  return {
    create: diff < 0 ? Math.min(-diff, BURST_REPLICAS) : 0,
    remove: diff > 0 ? podsToDelete(active, Math.min(diff, BURST_REPLICAS)) : [],
    status: replicaSetStatus(rs, mine, now),
  };
}
