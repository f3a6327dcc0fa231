import type { KubeObject } from '../../apiserver/types';
import { requiredNodeAffinityMatches, tolerationsTolerate } from '../../sim/scheduler/match';
import { isActivePod, isPodAvailable, isPodReady } from '../replicaset/reconcile';

/** Tolerations the DaemonSet controller adds to every pod it makes (util.AddOrUpdateDaemonPodTolerations). */
export const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * Whether a DaemonSet's pod should run on a node (NodeShouldRunDaemonPod): the template's node
 * selector and required affinity match, and every NoSchedule/NoExecute taint is tolerated.
 */
export function shouldRunOn(ds: KubeObject, node: KubeObject): boolean {
  const pod = { metadata: {}, spec: ds.spec?.template?.spec ?? {} } as KubeObject;
  if (!requiredNodeAffinityMatches(pod, node)) return false;
  const tolerations = [...(pod.spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  return (node.spec?.taints ?? []).every((t: any) => t.effect === 'PreferNoSchedule' || tolerationsTolerate(tolerations, t));
}

/** The node a daemon pod is pinned to by its node affinity (metadata.name In [node]). */
export function pinnedNode(pod: KubeObject): string | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.[0];
  return pod.spec?.nodeName;
}

/** What a sync wants: nodes needing a pod, pods to delete, and the status. */
export function reconcileDaemonSet(ds: KubeObject, nodes: KubeObject[], pods: KubeObject[], now: Date) {
  const mine = pods.filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === ds.metadata.uid));
  const byNode = new Map<string, KubeObject[]>();
  for (const p of mine.filter(isActivePod)) {
    const n = pinnedNode(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const create: string[] = [];
  const remove: KubeObject[] = [];
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  for (const node of nodes) {
    const name = node.metadata.name!;
    const here = byNode.get(name) ?? [];
    byNode.delete(name);
    if (shouldRunOn(ds, node)) {
      desired++;
      if (!here.length) create.push(name);
      else {
        current++;
        remove.push(...here.slice(1));
        if (isPodReady(here[0])) ready++;
        if (isPodAvailable(here[0], ds.spec?.minReadySeconds ?? 0, now)) available++;
      }
    } else if (here.length) {
      misscheduled++;
      remove.push(...here);
    }
  }
  for (const stray of byNode.values()) remove.push(...stray);
  const status: Record<string, number> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: current,
  };
  if (available) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  return { create, remove, status };
}
