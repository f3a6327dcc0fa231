import type { Controller, ControllerContext } from '../../controllers/types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';
import { recordEvent } from '../../controllers/events';
import { scheduleOne } from '../scheduler';
import { volumeBindingOps, volumeChangeRetries, volumeLookup } from '../scheduler/volumes';
import { preemptionOps } from '../scheduler/preempt-ops';

/** Key that retries every pending pod (after nodes or bound pods change). */
const RETRY_ALL = '*';
/** Pods bound per pass, so one alarm does bounded work. */
const MAX_BINDS_PER_PASS = 100;

const isPending = (p: KubeObject) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';
const isActive = (p: KubeObject) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

/** The active pods bound to each node (from the store's index of pods by node). */
function podsByNode(ctx: ControllerContext, nodes: KubeObject[]): Map<string, KubeObject[]> {
  const m = new Map<string, KubeObject[]>();
  for (const node of nodes) {
    const pods = ctx.store.byIndex('pods', 'nodeName', node.metadata.name!).map((e) => e.obj).filter(isActive);
    if (pods.length) m.set(node.metadata.name!, pods);
  }
  return m;
}

function withCondition(pod: KubeObject, cond: Record<string, unknown>): KubeObject {
  const copy = structuredClone(pod);
  copy.status ??= {};
  const others = (copy.status.conditions ?? []).filter((c: any) => c.type !== cond.type);
  copy.status.conditions = [...others, cond];
  return copy;
}

/**
 * One scheduling pass over the pending pods the keys name (every pending pod for RETRY_ALL):
 * highest priority first, at most MAX_BINDS_PER_PASS of them; the others are requeued at once.
 */
function schedulePending(keys: string[], ctx: ControllerContext): { ops: WriteOp[]; requeue: Map<string, number> } {
  const all = keys.includes(RETRY_ALL);
  const pending = all
    ? ctx.store.list('pods').map((e) => e.obj).filter(isPending)
    : [...new Set(keys)].map((k) => ctx.store.get('pods', k.split('/')[0], k.split('/')[1])).filter((p): p is KubeObject => !!p && isPending(p));
  // The scheduling queue's order (PrioritySort): higher priority first, then the older pod.
  pending.sort((a, b) => Number(b.spec?.priority ?? 0) - Number(a.spec?.priority ?? 0) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  const nodes = ctx.store.list('nodes').map((e) => e.obj);
  const byNode = podsByNode(ctx, nodes);
  const ops: WriteOp[] = [];
  const now = timestamp(ctx.now());
  const volumes = volumeLookup(ctx.store);
  const requeue = new Map<string, number>();
  for (const pod of pending.slice(0, MAX_BINDS_PER_PASS)) {
    const mark = ops.length;
    try {
      const result = scheduleOne({ pod, nodes, podsByNode: byNode, random: ctx.random, volumes });
      if ('node' in result) {
        const prebind = volumeBindingOps(pod, nodes.find((n) => n.metadata.name === result.node)!, volumes);
        ops.push(...prebind.ops);
        if (prebind.wait) continue;
        const bound = withCondition(pod, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
        bound.spec.nodeName = result.node;
        byNode.set(result.node, [...(byNode.get(result.node) ?? []), bound]);
        ops.push({ op: 'put', resource: 'pods', object: bound });
        ops.push(recordEvent(ctx, pod, { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`, component: 'default-scheduler', seq: ops.length }));
      } else {
        const prev = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
        const nominated = result.preemption?.node;
        if (prev?.status === 'False' && prev.message === result.message && !nominated) continue;
        const failed = withCondition(pod, { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'Unschedulable', message: result.message });
        if (nominated) {
          failed.status.nominatedNodeName = nominated;
          const preempted = preemptionOps(ctx, pod, nominated, result.preemption!.victims);
          ops.push(...preempted.ops);
          // The victims are terminating: the space they free stays counted until they are gone,
          // and no other pod of this pass picks them again.
          const byUid = new Map(preempted.marked.map((v) => [v.metadata.uid, v]));
          byNode.set(nominated, (byNode.get(nominated) ?? []).map((p) => byUid.get(p.metadata.uid) ?? p));
        }
        ops.push({ op: 'put', resource: 'pods', object: failed });
        ops.push(recordEvent(ctx, pod, { type: 'Warning', reason: 'FailedScheduling', message: result.message, component: 'default-scheduler', seq: ops.length }));
      }
    } catch (e) {
      // One pod's failure is its own: it is tried again in a second, the others are scheduled.
      console.error(`scheduler: ${pod.metadata.namespace}/${pod.metadata.name} failed`, e);
      ops.length = mark;
      requeue.set(`${pod.metadata.namespace}/${pod.metadata.name}`, 1000);
    }
  }
  const rest = pending.slice(MAX_BINDS_PER_PASS);
  if (all && rest.length) requeue.set(RETRY_ALL, 0);
  else for (const p of rest) requeue.set(`${p.metadata.namespace}/${p.metadata.name}`, 0);
  return { ops, requeue };
}

/**
 * The scheduler (kube-scheduler's scheduleOne loop): binds each pending pod to the node its
 * filters and scores pick, or marks it Unschedulable with the FailedScheduling message. A pod
 * that could not be placed is retried whenever nodes change or a bound pod goes away.
 */
export const scheduler: Controller = {
  name: 'scheduler',
  watches: ['pods', 'nodes', 'persistentvolumeclaims', 'persistentvolumes'],
  keysFor(change) {
    if (change.resource === 'nodes') return [RETRY_ALL];
    if (change.resource !== 'pods') return volumeChangeRetries(change) ? [RETRY_ALL] : [];
    const pod = change.object;
    if (change.type === 'DELETED' || (change.old && isActive(change.old) && !isActive(pod))) return change.old?.spec?.nodeName || pod.spec?.nodeName ? [RETRY_ALL] : [];
    return isPending(pod) && change.type === 'ADDED' ? [`${change.namespace}/${change.name}`] : [];
  },
  reconcile(key, ctx) {
    const { ops, requeue } = schedulePending([key], ctx);
    return { ops, requeueAfterMs: requeue.get(key) };
  },
  // The pods created in one burst are scheduled in one pass: one view of the nodes, one commit.
  reconcileBatch: (keys, ctx) => schedulePending(keys, ctx),
  resync() {
    return [RETRY_ALL];
  },
};
