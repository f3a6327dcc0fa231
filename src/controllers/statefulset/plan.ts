/**
 * One sync of a StatefulSet as a pure plan (pkg/controller/statefulset/stateful_set_control.go,
 * updateStatefulSet): which pods to create and which to delete now, and the status to report.
 * OrderedReady is monotonic — one pod at a time, each waiting for the ones before it to be Running
 * and Ready, scale-down from the highest ordinal once the previous deletion is gone; Parallel
 * creates and deletes at once. Rolling updates replace pods from the highest ordinal down to the
 * partition, one at a time, each waiting for the replacement to be healthy; OnDelete only
 * recreates pods someone deleted.
 */
import type { KubeObject } from '../../apiserver/types';
import {
  isCreated, isFailedOrSucceeded, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating,
  newStatefulSetPod, ordinalOf, podRevision, startOrdinal,
} from './identity';

/** A revision as the planner needs it: its name and the set as that revision has it. */
export interface PlannedRevision {
  name: string;
  set: KubeObject;
}

/** What a sync wants done now. */
export interface StatefulSetPlan {
  /** Pods to create (in this order), each with its claims to create first. */
  create: KubeObject[];
  /** Pods to delete (in this order). */
  remove: KubeObject[];
  /** Milliseconds until a pod waiting for minReadySeconds becomes available, if one is. */
  recheckMs?: number;
}

const partitionOf = (set: KubeObject): number => set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;

/**
 * The pod for a missing ordinal (newVersionedStatefulSetPod): below the partition of a
 * RollingUpdate set it is made at the current revision, otherwise at the update revision.
 */
export function versionedPod(current: PlannedRevision, update: PlannedRevision, ordinal: number): KubeObject {
  const set = current.set;
  const rolling = set.spec?.updateStrategy?.type === 'RollingUpdate';
  const ru = set.spec?.updateStrategy?.rollingUpdate;
  const start = startOrdinal(set);
  const keepCurrent = rolling && (ru ? ordinal < start + partitionOf(set) : ordinal < start + (set.status?.currentReplicas ?? 0));
  return keepCurrent ? newStatefulSetPod(current.set, ordinal, current.name) : newStatefulSetPod(update.set, ordinal, update.name);
}

/** Milliseconds until a ready pod has been ready for minReadySeconds (0 if it already has). */
function untilAvailable(pod: KubeObject, minReadySeconds: number, now: Date): number {
  const ready = (pod.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const since = Date.parse(ready?.lastTransitionTime ?? '');
  return Number.isFinite(since) ? Math.max(0, since + minReadySeconds * 1000 - now.getTime()) : minReadySeconds * 1000;
}

/** The plan of one sync for a set's member pods (see the file comment). */
export function planStatefulSet(set: KubeObject, pods: KubeObject[], current: PlannedRevision, update: PlannedRevision, now: Date): StatefulSetPlan {
  const plan: StatefulSetPlan = { create: [], remove: [] };
  if (set.metadata.deletionTimestamp) return plan;
  const start = startOrdinal(set);
  const count = set.spec?.replicas ?? 1;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const minReady = set.spec?.minReadySeconds ?? 0;
  const replicas: (KubeObject | undefined)[] = new Array(count).fill(undefined);
  const condemned: KubeObject[] = [];
  for (const pod of pods) {
    const ord = ordinalOf(pod);
    if (ord >= start && ord < start + count) replicas[ord - start] = pod;
    else if (ord >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const firstUnhealthy = [...replicas, ...condemned].find((p) => p && !isHealthy(p));

  // Living replicas, lowest ordinal first.
  for (let i = 0; i < count; i++) {
    const pod = replicas[i];
    if (!pod) {
      plan.create.push(versionedPod(current, update, start + i));
      if (monotonic) return plan;
      continue;
    }
    if (isFailedOrSucceeded(pod)) {
      // The replacement comes on a later sync, once the old pod is gone.
      if (!isTerminating(pod)) plan.remove.push(pod);
      return plan;
    }
    if (!isCreated(pod) || isTerminating(pod) || !isRunningAndReady(pod)) {
      if (monotonic) return plan;
      continue;
    }
    if (!isRunningAndAvailable(pod, minReady, now)) {
      if (monotonic) {
        plan.recheckMs = untilAvailable(pod, minReady, now);
        return plan;
      }
    }
  }

  // Condemned pods, highest ordinal first.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return plan;
      continue;
    }
    if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy) return plan;
    plan.remove.push(pod);
    if (monotonic) return plan;
  }
  if (plan.create.length || plan.remove.length) return plan;
  if (set.spec?.updateStrategy?.type === 'OnDelete') return plan;

  // Rolling update: the highest ordinal not at the update revision goes first.
  for (let target = count - 1; target >= partitionOf(set); target--) {
    const pod = replicas[target];
    if (!pod) continue;
    if (podRevision(pod) !== update.name && !isTerminating(pod)) {
      plan.remove.push(pod);
      return plan;
    }
    if (!isHealthy(pod)) return plan;
  }
  return plan;
}

/**
 * The status of a set for its member pods (updateStatus/computeReplicaStatus and
 * completeRollingUpdate): created, ready, available pods; pods at the current and update
 * revisions; once every pod is updated and ready, the update revision becomes the current one.
 */
export function statefulSetStatus(set: KubeObject, pods: KubeObject[], currentRevision: string, updateRevision: string, collisionCount: number, now: Date): Record<string, any> {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let currentReplicas = 0;
  let updated = 0;
  for (const pod of pods) {
    if (isCreated(pod)) replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, now)) available++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      if (podRevision(pod) === currentRevision) currentReplicas++;
      if (podRevision(pod) === updateRevision) updated++;
    }
  }
  const status: Record<string, any> = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas,
    readyReplicas: ready,
    currentReplicas,
    updatedReplicas: updated,
    currentRevision,
    updateRevision,
    collisionCount,
    availableReplicas: available,
  };
  const want = set.spec?.replicas ?? 1;
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && updated === want && ready === want && replicas === want) {
    status.currentReplicas = updated;
    status.currentRevision = updateRevision;
  }
  // As the API serialises them: zero counts are omitted (omitempty), replicas and availableReplicas are not.
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
  if (!status.currentRevision) delete status.currentRevision;
  if (!status.updateRevision) delete status.updateRevision;
  return status;
}
