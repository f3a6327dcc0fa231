/**
 * The DaemonSet rolling update (pkg/controller/daemon/update.go, rollingUpdate): with maxSurge 0,
 * old pods are deleted while fewer than maxUnavailable nodes are unavailable (an old pod that is
 * not available goes at once) and the manage step puts a new pod in their place; with maxSurge,
 * a new pod starts beside the old one on up to maxSurge nodes and the old one goes once the new
 * one is available.
 */
import type { KubeObject } from '../../apiserver/types';
import { isPodAvailable } from '../replicaset/reconcile';
import { isPodUpdated, podsByNode, shouldRunOn, surgeOf } from './reconcile';

/** What one rolling-update step wants: old pods to delete, nodes to surge a new pod onto. */
export interface RollingStep {
  remove: KubeObject[];
  create: string[];
}

/**
 * The new and old pod on a node (findUpdatedPodsOnNode), ignoring pods being deleted; undefined
 * when there are two of a kind (the manage step sorts that out first).
 */
function splitNode(ds: KubeObject, pods: KubeObject[], hash: string): { fresh?: KubeObject; old?: KubeObject } | undefined {
  let fresh: KubeObject | undefined;
  let old: KubeObject | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(ds, p, hash)) {
      if (fresh) return undefined;
      fresh = p;
    } else {
      if (old) return undefined;
      old = p;
    }
  }
  return { fresh, old };
}

/** One step of a RollingUpdate DaemonSet's update (see the file comment). */
export function rollingUpdate(ds: KubeObject, nodes: KubeObject[], pods: KubeObject[], hash: string, now: Date): RollingStep {
  const step: RollingStep = { remove: [], create: [] };
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') return step;
  const byNode = podsByNode(ds, pods);
  const eligible = nodes.filter((n) => shouldRunOn(ds, n)).map((n) => n.metadata.name!);
  // Nodes that should run a pod but have none count too (updatedDesiredNodeCounts).
  for (const n of eligible) if (!byNode.has(n)) byNode.set(n, []);
  const { maxSurge, maxUnavailable } = surgeOf(ds, eligible.length);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: KubeObject) => isPodAvailable(p, minReady, now);
  const ordered = [...byNode.keys()].sort();

  if (maxSurge === 0) {
    let unavailable = 0;
    const candidates: KubeObject[] = [];
    for (const node of ordered) {
      const split = splitNode(ds, byNode.get(node)!, hash);
      if (!split) {
        unavailable++;
        continue;
      }
      const { fresh, old } = split;
      if ((!fresh && !old) || (fresh && old)) unavailable++;
      else if (fresh) {
        if (!available(fresh)) unavailable++;
      } else if (!available(old!)) step.remove.push(old!);
      else if (unavailable < maxUnavailable) candidates.push(old!);
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    step.remove.push(...candidates.slice(0, room));
    return step;
  }

  let surged = 0;
  const candidates: string[] = [];
  for (const node of ordered) {
    const split = splitNode(ds, byNode.get(node)!, hash);
    if (!split) {
      surged++;
      continue;
    }
    const { fresh, old } = split;
    if (!old) continue;
    if (!fresh) {
      if (!available(old)) step.create.push(node);
      else if (surged < maxSurge) candidates.push(node);
    } else if (!available(fresh)) surged++;
    else step.remove.push(old);
  }
  step.create.push(...candidates.slice(0, Math.min(Math.max(0, maxSurge - surged), candidates.length)));
  return step;
}
