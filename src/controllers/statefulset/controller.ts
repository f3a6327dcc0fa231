import { controllerOwnerKeys } from '../owners';
import type { Controller, ControllerContext } from '../types';
import type { KubeObject } from '../../apiserver/types';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { createAs } from '../client';
import { applyRevision, CONTROLLER_REVISION_HASH_LABEL, hashRevisionData, type RevisionStyle } from '../history/revision';
import { pruneRevisions, syncRevisions } from '../history/sync';
import { isMember, podRevision } from './identity';
import { createMissingClaims, syncClaimOwners } from './claims';
import { planStatefulSet, statefulSetStatus } from './plan';

const RESOURCE = 'statefulsets.apps';
const COMPONENT = 'statefulset-controller';
/** When to try again after the apiserver refused a write (upstream requeues with back-off). */
const RETRY_MS = { realistic: 5_000, fast: 500 };

/** StatefulSet revisions: FNV-1 of the stored patch, under controller.kubernetes.io/hash (history.NewControllerRevision). */
export const STATEFULSET_REVISIONS: RevisionStyle = {
  hash: (_owner, data, collisionCount) => hashRevisionData(data, collisionCount),
  hashLabel: CONTROLLER_REVISION_HASH_LABEL,
};

const members = (ctx: ControllerContext, set: KubeObject) => ctx.store.list('pods', set.metadata.namespace).map((e) => e.obj).filter((p) => isMember(set, p));

/** The events upstream's StatefulPodControl records: "create Pod web-0 in StatefulSet web successful". */
function podEvent(ctx: ControllerContext, set: KubeObject, verb: 'create' | 'delete', pod: KubeObject, error?: Error): void {
  const reason = `${error ? 'Failed' : 'Successful'}${verb === 'create' ? 'Create' : 'Delete'}`;
  const message = error
    ? `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error.message}`
    : `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`;
  ctx.commit([recordEvent(ctx, set, { type: error ? 'Warning' : 'Normal', reason, message, component: COMPONENT })]);
}

/**
 * The StatefulSet controller (pkg/controller/statefulset): keeps a ControllerRevision per pod
 * template, creates pods `<set>-<ordinal>` (their claims first) and deletes surplus ones in
 * order by podManagementPolicy, replaces pods of an old revision by updateStrategy, prunes
 * revisions past revisionHistoryLimit and keeps the status kubectl reads.
 */
export const statefulSetController: Controller = {
  name: 'statefulset',
  watches: [RESOURCE, 'pods', 'controllerrevisions.apps'],
  keysFor(change) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    return controllerOwnerKeys(change, 'StatefulSet');
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const set = ctx.store.get(RESOURCE, ns, name);
    if (!set || set.metadata.deletionTimestamp) return { ops: [] };
    const revs = syncRevisions(ctx, set, STATEFULSET_REVISIONS, COMPONENT);
    if (!revs) return { ops: [], requeueAfterMs: RETRY_MS[ctx.settings.profile] };
    const currentRev = revs.revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? revs.update;
    const current = { name: currentRev.metadata.name!, set: applyRevision(set, currentRev) };
    const update = { name: revs.update.metadata.name!, set };
    let pods = members(ctx, set);
    const claimPolicy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
    if (claimPolicy.whenDeleted === 'Delete' || claimPolicy.whenScaled === 'Delete') for (const pod of pods) syncClaimOwners(ctx, set, pod);
    // A pending pod whose claim went missing gets it back (createMissingPersistentVolumeClaims).
    for (const pod of pods) if (pod.status?.phase === 'Pending' && !pod.metadata.deletionTimestamp) createMissingClaims(ctx, set, pod);

    const plan = planStatefulSet(set, pods, current, update, ctx.now());
    let refused = false;
    for (const pod of plan.create) {
      if (!createMissingClaims(ctx, set, pod)) {
        refused = true;
        break;
      }
      let failure: Error | undefined;
      const created = createAs(ctx, COMPONENT, '', 'pods', pod, (e) => (failure = e));
      podEvent(ctx, set, 'create', pod, created ? undefined : failure);
      if (!created) {
        refused = true;
        break;
      }
    }
    for (const pod of plan.remove) {
      ctx.commit(deleteOps(ctx, 'pods', pod, { dryRun: false }).ops);
      podEvent(ctx, set, 'delete', pod);
    }

    pods = members(ctx, set);
    const live = new Set([current.name, update.name, ...pods.map(podRevision)]);
    pruneRevisions(ctx, revs.revisions, live, set.spec?.revisionHistoryLimit ?? 10);
    const status = statefulSetStatus(set, pods, current.name, update.name, revs.collisionCount, ctx.now());
    const latest = ctx.store.get(RESOURCE, ns, name);
    if (latest && !jsonEqual(latest.status ?? {}, status)) ctx.commit([{ op: 'put', resource: RESOURCE, object: { ...structuredClone(latest), status } }]);
    if (refused) return { ops: [], requeueAfterMs: RETRY_MS[ctx.settings.profile] };
    const waiting = (status.readyReplicas ?? 0) > status.availableReplicas;
    const minReady = set.spec?.minReadySeconds ?? 0;
    return { ops: [], requeueAfterMs: plan.recheckMs ?? (minReady && waiting ? minReady * 1000 : undefined) };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
