import type { Controller, ControllerContext } from '../types';
import type { Change, WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';
import { selectorObjectMatches } from '../../apiserver/selectors/labels';
import { PDB_RESOURCE } from '../../resources/poddisruptionbudget/budget';
import { recordEvent } from '../events';
import { planBudget, type ScaleOf } from './status';

const COMPONENT = 'controllermanager';
const SCALED = ['replicasets.apps', 'deployments.apps', 'statefulsets.apps', 'replicationcontrollers'];

const keyOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/**
 * The finders of the disruption controller: a pod's ReplicaSet (or the Deployment controlling
 * it), ReplicationController or StatefulSet, with its desired replicas.
 */
function scaleFinder(ctx: ControllerContext, ns: string): ScaleOf {
  const get = (key: string, name: string) => ctx.store.get(key, ns, name);
  return (pod) => {
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref) return undefined;
    const scaled = (o: KubeObject | undefined) => (o && o.metadata.uid === ref.uid ? o : undefined);
    if (ref.kind === 'ReplicaSet') {
      const rs = scaled(get('replicasets.apps', ref.name));
      if (!rs) return undefined;
      const owner = (rs.metadata.ownerReferences ?? []).find((r) => r.controller);
      if (owner?.kind === 'Deployment') {
        const d = get('deployments.apps', owner.name);
        return d && d.metadata.uid === owner.uid ? { uid: d.metadata.uid!, replicas: d.spec?.replicas ?? 1 } : undefined;
      }
      return { uid: rs.metadata.uid!, replicas: rs.spec?.replicas ?? 1 };
    }
    const key = ref.kind === 'StatefulSet' ? 'statefulsets.apps' : ref.kind === 'ReplicationController' ? 'replicationcontrollers' : undefined;
    const o = key ? scaled(get(key, ref.name)) : undefined;
    return o ? { uid: o.metadata.uid!, replicas: o.spec?.replicas ?? 1 } : undefined;
  };
}

/** The budgets of the namespace whose selector matches the pod before or after the change. */
function budgetsOfPodChange(change: Change, ctx: ControllerContext): string[] {
  return ctx.store
    .list(PDB_RESOURCE, change.namespace)
    .filter((e) => [change.object, change.old].some((p) => p && selectorObjectMatches(e.obj.spec?.selector, p.metadata.labels)))
    .map((e) => keyOf(e.obj));
}

/**
 * The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's
 * status — expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods,
 * observedGeneration and the DisruptionAllowed condition — as its pods and their controllers'
 * scale change. What `kubectl get pdb` shows and what the eviction subresource spends.
 */
export const disruptionController: Controller = {
  name: 'disruption',
  watches: [PDB_RESOURCE, 'pods', ...SCALED],
  keysFor(change, ctx) {
    if (change.resource === PDB_RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    if (change.resource === 'pods') return budgetsOfPodChange(change, ctx);
    if (change.type === 'MODIFIED' && change.old?.spec?.replicas === change.object.spec?.replicas) return [];
    return ctx.store.list(PDB_RESOURCE, change.namespace).map((e) => keyOf(e.obj));
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const pdb = ctx.store.get(PDB_RESOURCE, ns, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return { ops: [] };
    const pods = ctx.store.list('pods', ns).map((e) => e.obj).filter((p) => selectorObjectMatches(pdb.spec?.selector, p.metadata.labels));
    const now = ctx.now();
    const plan = planBudget(pdb, pods, scaleFinder(ctx, ns), now);
    const ops: WriteOp[] = [];
    if (!jsonEqual(pdb.status ?? {}, plan.status)) {
      ops.push({ op: 'put', resource: PDB_RESOURCE, object: { ...structuredClone(pdb), status: plan.status } });
      for (const e of plan.events) ops.push(recordEvent(ctx, pdb, { ...e, component: COMPONENT }));
    }
    return { ops, requeueAfterMs: plan.recheckAt === undefined ? undefined : Math.max(0, plan.recheckAt - now.getTime()) };
  },
  resync(ctx) {
    return ctx.store.list(PDB_RESOURCE).map((e) => keyOf(e.obj));
  },
};
