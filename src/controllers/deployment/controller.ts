import { controllerOwnerKeys } from '../owners';
import type { Controller, ControllerContext } from '../types';
import type { KubeObject } from '../../apiserver/types';
import { timestamp, jsonEqual } from '../../apiserver/registry/meta';
import { deleteOps } from '../../apiserver/registry/delete';
import { recordEvent } from '../events';
import { createAs, updateAs } from '../client';
import { isActivePod } from '../replicaset/reconcile';
import {
  CHANGE_CAUSE, DESIRED_REPLICAS, MAX_REPLICAS, POD_TEMPLATE_HASH, REVISION, REVISION_HISTORY,
  deploymentStatus, fenceposts, nextScale, podTemplateHash, revisionOf, sameTemplate,
} from './rollout';

const RESOURCE = 'deployments.apps';
const RS = 'replicasets.apps';
const COMPONENT = 'deployment-controller';

const owned = (d: KubeObject, rs: KubeObject) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid);

function newReplicaSet(d: KubeObject, hash: string, revision: number, replicas: number): KubeObject {
  const tpl = structuredClone(d.spec.template);
  tpl.metadata = { ...(tpl.metadata ?? {}), labels: { ...(tpl.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const annotations: Record<string, string> = { ...(d.metadata.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  annotations[REVISION] = String(revision);
  annotations[DESIRED_REPLICAS] = String(d.spec.replicas ?? 1);
  annotations[MAX_REPLICAS] = String((d.spec.replicas ?? 1) + (d.spec.strategy?.type === 'Recreate' ? 0 : fenceposts(d).maxSurge));
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: tpl.metadata.labels,
      annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
      template: tpl,
    },
  };
}

/** Scale a ReplicaSet, with the ScalingReplicaSet event a real cluster shows. */
function scale(ctx: ControllerContext, d: KubeObject, rs: KubeObject, to: number): void {
  const from = rs.spec?.replicas ?? 0;
  if (from === to) return;
  const copy = structuredClone(rs);
  copy.spec.replicas = to;
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [DESIRED_REPLICAS]: String(d.spec.replicas ?? 1) };
  if (updateAs(ctx, COMPONENT, 'apps', 'replicasets', copy)) {
    const verb = to > from ? 'up' : 'down';
    ctx.commit([recordEvent(ctx, d, { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`, component: COMPONENT })]);
  }
}

/**
 * The Deployment controller (pkg/controller/deployment): finds or creates the ReplicaSet of the
 * current template (named by its pod-template-hash, with the next revision), rolls pods over
 * from the old ReplicaSets by the strategy, prunes history past revisionHistoryLimit, and
 * keeps the Deployment's status and conditions.
 */
export const deploymentController: Controller = {
  name: 'deployment',
  watches: [RESOURCE, RS],
  keysFor(change) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    return controllerOwnerKeys(change, 'Deployment');
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    let d = ctx.store.get(RESOURCE, ns, name);
    if (!d || d.metadata.deletionTimestamp) return { ops: [] };
    const list = () => ctx.store.list(RS, ns).map((e) => e.obj).filter((rs) => owned(d!, rs));
    let all = list();
    let newRS = all.find((rs) => sameTemplate(d!, rs));
    const maxRevision = Math.max(0, ...all.map(revisionOf));
    if (!d.spec?.paused) {
      if (!newRS) {
        const hash = podTemplateHash(d.spec.template, d.status?.collisionCount ?? 0);
        const created = createAs(ctx, COMPONENT, 'apps', 'replicasets', newReplicaSet(d, hash, maxRevision + 1, 0));
        if (!created) return { ops: [], requeueAfterMs: 1000 };
        newRS = created;
      } else if (revisionOf(newRS) < maxRevision) {
        // A rollback (or a return to an older template): that ReplicaSet gets the next revision,
        // and keeps its former ones in revision-history (upstream's SetNewReplicaSetAnnotations).
        const copy = structuredClone(newRS);
        const former = String(revisionOf(newRS));
        const history = copy.metadata.annotations?.[REVISION_HISTORY];
        copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [REVISION]: String(maxRevision + 1), [REVISION_HISTORY]: history ? `${history},${former}` : former };
        newRS = updateAs(ctx, COMPONENT, 'apps', 'replicasets', copy) ?? newRS;
      }
      const cause = d.metadata.annotations?.[CHANGE_CAUSE];
      if (cause !== undefined && newRS.metadata.annotations?.[CHANGE_CAUSE] !== cause) {
        const copy = structuredClone(ctx.store.get(RS, ns, newRS.metadata.name!)!);
        copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause };
        newRS = updateAs(ctx, COMPONENT, 'apps', 'replicasets', copy) ?? newRS;
      }
      all = list();
      newRS = all.find((rs) => rs.metadata.uid === newRS!.metadata.uid)!;
      const olds = all.filter((rs) => rs !== newRS);
      const oldUids = new Set(olds.map((rs) => rs.metadata.uid));
      const oldPodsRunning = ctx.store.list('pods', ns).filter((e) => isActivePod(e.obj) || e.obj.metadata.deletionTimestamp).filter((e) => (e.obj.metadata.ownerReferences ?? []).some((r) => oldUids.has(r.uid))).length;
      for (const [rs, to] of nextScale(d, newRS, olds, oldPodsRunning)) scale(ctx, d, rs, to);
      // History: old ReplicaSets at zero beyond revisionHistoryLimit go, oldest first.
      const limit = d.spec.revisionHistoryLimit ?? 10;
      const idle = list().filter((rs) => rs.metadata.uid !== newRS!.metadata.uid && !(rs.spec?.replicas) && !(rs.status?.replicas)).sort((a, b) => revisionOf(a) - revisionOf(b));
      for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) ctx.commit(deleteOps(ctx, RS, rs, { dryRun: false }).ops);
    }
    all = list();
    newRS = all.find((rs) => sameTemplate(d!, rs));
    d = ctx.store.get(RESOURCE, ns, name)!;
    const status = deploymentStatus(d, newRS, all, timestamp(ctx.now()));
    const revision = newRS ? String(revisionOf(newRS)) : d.metadata.annotations?.[REVISION];
    if (!jsonEqual(d.status ?? {}, status) || (revision && d.metadata.annotations?.[REVISION] !== revision)) {
      const copy = structuredClone(d);
      copy.status = status;
      if (revision) copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [REVISION]: revision };
      ctx.commit([{ op: 'put', resource: RESOURCE, object: copy }]);
    }
    return { ops: [] };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
