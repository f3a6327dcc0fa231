import { controllerOwnerKeys, podFromTemplate } from '../owners';
import type { Controller, ControllerContext } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { createAs } from '../client';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { reconcileReplicaSet } from './reconcile';

const RESOURCE = 'replicasets.apps';
const COMPONENT = 'replicaset-controller';
/** When to try again after the apiserver refused a pod (a quota, say): upstream backs off too. */
const CREATE_RETRY_MS = { realistic: 10_000, fast: 500 };



/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods
 * controlled by each ReplicaSet, creating them from its template or deleting the surplus, and
 * keeps its status (replicas, ready, available) in step with those pods.
 */
export const replicaSetController: Controller = {
  name: 'replicaset',
  watches: [RESOURCE, 'pods'],
  keysFor(change) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    return controllerOwnerKeys(change, 'ReplicaSet');
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const rs = ctx.store.get(RESOURCE, ns, name);
    if (!rs) return { ops: [] };
    const pods = ctx.store.list('pods', ns).map((e) => e.obj);
    const plan = reconcileReplicaSet(rs, pods, ctx.now());
    const ops: WriteOp[] = [];
    let refused = false;
    for (let i = 0; i < plan.create && !refused; i++) {
      const pod = createAs(ctx, COMPONENT, '', 'pods', podFromTemplate(rs), (e) => {
        // As upstream: a FailedCreate event with the apiserver's refusal, then a retry later.
        refused = true;
        ctx.commit([recordEvent(ctx, rs, { type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${e.message}`, component: COMPONENT })]);
      });
      if (pod) ctx.commit([recordEvent(ctx, rs, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: COMPONENT })]);
    }
    for (const pod of plan.remove) {
      ops.push(...deleteOps(ctx, 'pods', pod, { dryRun: false }).ops);
      ops.push(recordEvent(ctx, rs, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: COMPONENT }));
    }
    if (ops.length) ctx.commit(ops);
    // Status after the writes: re-read what the sync left.
    const after = reconcileReplicaSet(rs, ctx.store.list('pods', ns).map((e) => e.obj), ctx.now()).status;
    const current = ctx.store.get(RESOURCE, ns, name);
    if (current && !jsonEqual(current.status ?? {}, after)) {
      ctx.commit([{ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status: after } }]);
    }
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const waitingAvailable = (after.readyReplicas as number | undefined ?? 0) > (after.availableReplicas as number | undefined ?? 0);
    if (refused) return { ops: [], requeueAfterMs: CREATE_RETRY_MS[ctx.settings.profile] };
    return { ops: [], requeueAfterMs: minReady && waitingAvailable ? minReady * 1000 : undefined };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
