import { controllerOwnerKeys, podFromTemplate } from '../owners';
import type { Controller, ControllerContext } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { createAs } from '../client';
import { DAEMON_TOLERATIONS, reconcileDaemonSet } from './reconcile';

const RESOURCE = 'daemonsets.apps';
const COMPONENT = 'daemonset-controller';

/** A daemon pod for one node: the template, pinned by node affinity, with the daemon tolerations. */
function daemonPod(ds: KubeObject, node: string): KubeObject {
  const pod = podFromTemplate(ds);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'pod-template-generation': String(ds.metadata.generation ?? 1) };
  const tolerations = [...(pod.spec.tolerations ?? [])];
  for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x: any) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
  pod.spec.tolerations = tolerations;
  pod.spec.affinity = {
    ...(pod.spec.affinity ?? {}),
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } },
  };
  return pod;
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod on every node the template may run
 * on, pinned there by node affinity and bound by the scheduler; pods on nodes that no longer
 * qualify are removed; status counts what is scheduled, ready and available.
 */
export const daemonSetController: Controller = {
  name: 'daemonset',
  watches: [RESOURCE, 'pods', 'nodes'],
  keysFor(change, ctx) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    if (change.resource === 'nodes') return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
    return controllerOwnerKeys(change, 'DaemonSet');
  },
  reconcile(key, ctx: ControllerContext) {
    const [ns, name] = key.split('/');
    const ds = ctx.store.get(RESOURCE, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return { ops: [] };
    const nodes = ctx.store.list('nodes').map((e) => e.obj);
    const plan = reconcileDaemonSet(ds, nodes, ctx.store.list('pods', ns).map((e) => e.obj), ctx.now());
    for (const node of plan.create) {
      const pod = createAs(ctx, COMPONENT, '', 'pods', daemonPod(ds, node));
      if (pod) ctx.commit([recordEvent(ctx, ds, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: COMPONENT })]);
    }
    const ops: WriteOp[] = [];
    for (const pod of plan.remove) {
      ops.push(...deleteOps(ctx, 'pods', pod, { dryRun: false }).ops);
      ops.push(recordEvent(ctx, ds, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: COMPONENT }));
    }
    if (ops.length) ctx.commit(ops);
    const after = reconcileDaemonSet(ds, nodes, ctx.store.list('pods', ns).map((e) => e.obj), ctx.now()).status;
    const current = ctx.store.get(RESOURCE, ns, name);
    if (current && !jsonEqual(current.status ?? {}, after)) ctx.commit([{ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status: after } }]);
    return { ops: [] };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
