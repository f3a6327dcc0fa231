/**
 * What DefaultPreemption's prepareCandidate writes once it picked a node
 * (pkg/scheduler/framework/preemption, v1.33): each victim gets the DisruptionTarget condition
 * (reason PreemptionByScheduler) and is deleted gracefully, with a `Preempted` event; lower
 * priority pods nominated to the same node lose their nomination.
 */
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import type { ControllerContext } from '../../controllers/types';
import { deleteOps } from '../../apiserver/registry/delete';
import { timestamp } from '../../apiserver/registry/meta';
import { recordEvent } from '../../controllers/events';

/** The writes that preempt `victims` on `node` for `preemptor`, and the victims as marked (terminating). */
export function preemptionOps(ctx: ControllerContext, preemptor: KubeObject, node: string, victims: KubeObject[]): { ops: WriteOp[]; marked: KubeObject[] } {
  const ops: WriteOp[] = [];
  const terminating: KubeObject[] = [];
  const now = timestamp(ctx.now());
  const scheduler = preemptor.spec?.schedulerName ?? 'default-scheduler';
  for (const victim of victims) {
    const marked = structuredClone(victim);
    marked.status ??= {};
    const others = (marked.status.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget');
    marked.status.conditions = [...others, {
      type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now,
      reason: 'PreemptionByScheduler', message: `${scheduler}: preempting to accommodate a higher priority pod`,
    }];
    const deletion = deleteOps(ctx, 'pods', marked, { dryRun: false });
    ops.push(...(deletion.ops.length ? deletion.ops : [{ op: 'put' as const, resource: 'pods', object: marked }]));
    terminating.push(deletion.answer);
    ops.push(recordEvent(ctx, victim, { type: 'Normal', reason: 'Preempted', message: `Preempted by pod ${preemptor.metadata.uid} on node ${node}`, component: 'default-scheduler' }));
  }
  // Lower-priority pods nominated to this node would not fit any more (clearNominatedNodeName).
  const priority = Number(preemptor.spec?.priority ?? 0);
  for (const { obj } of ctx.store.list('pods')) {
    if (obj.metadata.uid === preemptor.metadata.uid || obj.status?.nominatedNodeName !== node || obj.spec?.nodeName) continue;
    if (Number(obj.spec?.priority ?? 0) >= priority) continue;
    const cleared = structuredClone(obj);
    delete cleared.status.nominatedNodeName;
    ops.push({ op: 'put', resource: 'pods', object: cleared });
  }
  return { ops, marked: terminating };
}
