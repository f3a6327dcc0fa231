import { controllerOwnerKeys, podFromTemplate } from '../owners';
import type { Controller, ControllerContext } from '../types';
import type { KubeObject } from '../../apiserver/types';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { createAs } from '../client';
import { podTemplateHash } from '../deployment/rollout';
import { POD_REVISION_LABEL, type RevisionStyle } from '../history/revision';
import { pruneRevisions, syncRevisions } from '../history/sync';
import { DAEMON_TOLERATIONS, TEMPLATE_GENERATION_ANNOTATION, TEMPLATE_GENERATION_LABEL, daemonSetStatus, manageDaemonSet } from './reconcile';
import { rollingUpdate } from './rolling';
import { isPodReady, isPodAvailable } from '../replicaset/reconcile';

const RESOURCE = 'daemonsets.apps';
const COMPONENT = 'daemonset-controller';
/** When to try again after the apiserver refused a write. */
const RETRY_MS = { realistic: 5_000, fast: 500 };

/**
 * DaemonSet revisions (the DaemonSet controller's snapshot): named and labelled
 * controller-revision-hash after controller.ComputeHash of the pod template and collision count.
 */
export const DAEMONSET_REVISIONS: RevisionStyle = {
  hash: (owner, _data, collisionCount) => podTemplateHash(owner.spec?.template ?? {}, collisionCount),
  hashLabel: POD_REVISION_LABEL,
};

/** A daemon pod for one node: the template, pinned by node affinity, with the daemon tolerations and revision labels. */
function daemonPod(ds: KubeObject, node: string, hash: string): KubeObject {
  const pod = podFromTemplate(ds);
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_REVISION_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: generation };
  const tolerations = [...(pod.spec.tolerations ?? [])];
  for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x: any) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
  pod.spec.tolerations = tolerations;
  pod.spec.affinity = {
    ...(pod.spec.affinity ?? {}),
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } },
  };
  return pod;
}

/** Create pods on nodes and delete pods (syncNodes), with the events a real cluster shows. */
function syncNodes(ctx: ControllerContext, ds: KubeObject, create: string[], remove: KubeObject[], hash: string): boolean {
  let refused = false;
  for (const node of create) {
    const pod = createAs(ctx, COMPONENT, '', 'pods', daemonPod(ds, node, hash), (e) => {
      refused = true;
      ctx.commit([recordEvent(ctx, ds, { type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${e.message}`, component: COMPONENT })]);
    });
    if (pod) ctx.commit([recordEvent(ctx, ds, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: COMPONENT })]);
  }
  const seen = new Set<string>();
  for (const pod of remove) {
    if (seen.has(pod.metadata.name!)) continue;
    seen.add(pod.metadata.name!);
    ctx.commit([
      ...deleteOps(ctx, 'pods', pod, { dryRun: false }).ops,
      recordEvent(ctx, ds, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: COMPONENT }),
    ]);
  }
  return !refused;
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node the template may run
 * on, pinned there by node affinity and bound by the scheduler; pods on nodes that no longer
 * qualify are removed; a ControllerRevision per template; a changed template rolls out by the
 * updateStrategy (RollingUpdate within maxUnavailable/maxSurge, or OnDelete); status counts what
 * is scheduled, ready, available and up to date.
 */
export const daemonSetController: Controller = {
  name: 'daemonset',
  watches: [RESOURCE, 'pods', 'nodes', 'controllerrevisions.apps'],
  keysFor(change, ctx) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    if (change.resource === 'nodes') return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
    return controllerOwnerKeys(change, 'DaemonSet');
  },
  reconcile(key, ctx: ControllerContext) {
    const [ns, name] = key.split('/');
    const ds = ctx.store.get(RESOURCE, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return { ops: [] };
    const revs = syncRevisions(ctx, ds, DAEMONSET_REVISIONS, COMPONENT);
    if (!revs) return { ops: [], requeueAfterMs: RETRY_MS[ctx.settings.profile] };
    const hash = revs.update.metadata.labels?.[POD_REVISION_LABEL] ?? '';
    const nodes = ctx.store.list('nodes').map((e) => e.obj);
    const podsNow = () => ctx.store.list('pods', ns).map((e) => e.obj);
    const plan = manageDaemonSet(ds, nodes, podsNow(), hash, ctx.now());
    let ok = syncNodes(ctx, ds, plan.create, plan.remove, hash);
    // Roll only once the manage step has nothing to do (upstream waits for its expectations).
    if (ok && !plan.create.length && !plan.remove.length) {
      const step = rollingUpdate(ds, nodes, podsNow(), hash, ctx.now());
      ok = syncNodes(ctx, ds, step.create, step.remove, hash);
    }
    const pods = podsNow();
    const live = new Set<string>([revs.update.metadata.name!]);
    for (const r of revs.revisions) if (pods.some((p) => p.metadata.labels?.[POD_REVISION_LABEL] === r.metadata.labels?.[POD_REVISION_LABEL] && (p.metadata.ownerReferences ?? []).some((o) => o.uid === ds.metadata.uid))) live.add(r.metadata.name!);
    pruneRevisions(ctx, revs.revisions, live, ds.spec?.revisionHistoryLimit ?? 10);
    const status = daemonSetStatus(ds, nodes, pods, hash, revs.collisionCount, ctx.now());
    const current = ctx.store.get(RESOURCE, ns, name);
    if (current && !jsonEqual(current.status ?? {}, status)) ctx.commit([{ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status } }]);
    if (!ok) return { ops: [], requeueAfterMs: RETRY_MS[ctx.settings.profile] };
    // A ready pod becomes available after minReadySeconds: look again then.
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const owned = pods.filter((p) => (p.metadata.ownerReferences ?? []).some((o) => o.uid === ds.metadata.uid));
    const waiting = minReady > 0 && owned.some((p) => isPodReady(p) && !isPodAvailable(p, minReady, ctx.now()));
    return { ops: [], requeueAfterMs: waiting ? minReady * 1000 : undefined };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
