import type { KubeObject } from '../../apiserver/types';
import { requiredNodeAffinityMatches, tolerationsTolerate } from '../../sim/scheduler/match';
import { isPodAvailable, isPodReady } from '../replicaset/reconcile';
import { POD_REVISION_LABEL } from '../history/revision';
import { scaledValue } from '../deployment/rollout';

/** Tolerations the DaemonSet controller adds to every pod it makes (util.AddOrUpdateDaemonPodTolerations). */
export const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** The annotation holding a DaemonSet's template generation (extensions.DaemonSetTemplateGenerationKey's annotation). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
/** The pod label with the template generation it was made from. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

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

/**
 * Whether a pod was made from the DaemonSet's current template (util.IsPodUpdated): its
 * controller-revision-hash is the current hash, or its pod-template-generation is the set's
 * template generation annotation (which the DaemonSet strategy bumps on template changes).
 */
export function isPodUpdated(ds: KubeObject, pod: KubeObject, hash: string): boolean {
  // The strategy bumps the annotation on every template change, as upstream's does.
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const labels = pod.metadata.labels ?? {};
  return (!!hash && labels[POD_REVISION_LABEL] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation);
}

/** maxSurge and maxUnavailable of a RollingUpdate DaemonSet over `desired` nodes (util.SurgeCount / UnavailableCount); zeros otherwise. */
export function surgeOf(ds: KubeObject, desired: number): { maxSurge: number; maxUnavailable: number } {
  const us = ds.spec?.updateStrategy;
  if (us?.type !== 'RollingUpdate' || !us.rollingUpdate) return { maxSurge: 0, maxUnavailable: 0 };
  // Percentages round up (util.UnavailableCount / SurgeCount); both zero would stall, so 1 unavailable.
  const maxSurge = scaledValue(us.rollingUpdate.maxSurge ?? 0, desired, true);
  let maxUnavailable = scaledValue(us.rollingUpdate.maxUnavailable ?? 1, desired, true);
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

const byAge = (a: KubeObject, b: KubeObject) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** The pods of a DaemonSet grouped by the node they are pinned to (getNodesToDaemonPods). */
export function podsByNode(ds: KubeObject, pods: KubeObject[]): Map<string, KubeObject[]> {
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    if (!(p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === ds.metadata.uid)) continue;
    const n = pinnedNode(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  for (const list of byNode.values()) list.sort(byAge);
  return byNode;
}

const running = (pods: KubeObject[]) => pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');

/**
 * What the manage step wants (manage/podsShouldBeOnNode): nodes that should run a pod and have
 * none get one; failed pods go; a node that may not run the pod loses its pods; extra pods go,
 * keeping the oldest — or, while surging, one old ready pod beside a new one not yet available.
 */
export function manageDaemonSet(ds: KubeObject, nodes: KubeObject[], pods: KubeObject[], hash: string, now: Date): { create: string[]; remove: KubeObject[] } {
  const byNode = podsByNode(ds, pods);
  const create: string[] = [];
  const remove: KubeObject[] = [];
  const surge = surgeOf(ds, 1).maxSurge > 0;
  for (const node of nodes) {
    const name = node.metadata.name!;
    const here = byNode.get(name) ?? [];
    byNode.delete(name);
    remove.push(...here.filter((p) => p.status?.phase === 'Failed' && !p.metadata.deletionTimestamp));
    const live = running(here);
    if (!shouldRunOn(ds, node)) {
      remove.push(...live);
      continue;
    }
    if (!live.length) create.push(name);
    else if (live.length > 1 && surge) {
      const newest = live.filter((p) => isPodUpdated(ds, p, hash));
      const olds = live.filter((p) => !isPodUpdated(ds, p, hash));
      remove.push(...newest.slice(1), ...olds.slice(1));
      if (newest[0] && olds[0] && (!isPodReady(olds[0]) || isPodAvailable(newest[0], ds.spec?.minReadySeconds ?? 0, now))) remove.push(olds[0]);
    } else remove.push(...live.slice(1));
  }
  for (const stray of byNode.values()) remove.push(...running(stray));
  return { create, remove };
}

/** The status of a DaemonSet for its nodes and pods (updateDaemonSetStatus). */
export function daemonSetStatus(ds: KubeObject, nodes: KubeObject[], pods: KubeObject[], hash: string, collisionCount: number, now: Date): Record<string, number> {
  const byNode = podsByNode(ds, pods);
  let desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
  for (const node of nodes) {
    const live = running(byNode.get(node.metadata.name!) ?? []);
    if (shouldRunOn(ds, node)) {
      desired++;
      if (!live.length) continue;
      current++;
      const pod = live[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now)) available++;
      }
      if (isPodUpdated(ds, pod, hash)) updated++;
    } else if (live.length) misscheduled++;
  }
  const status: Record<string, number> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
  };
  if (available) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  if (collisionCount) status.collisionCount = collisionCount;
  if (!updated) delete status.updatedNumberScheduled;
  return status;
}
