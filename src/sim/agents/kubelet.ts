import type { Controller, ControllerContext } from '../../controllers/types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { recordEvent } from '../../controllers/events';
import { kubeletNextDue, kubeletStep } from '../kubelet';
import { kubeletEnv } from './kubelet-env';
import { podRemovalOps } from '../../apiserver/registry/delete';

/** Stages one reconcile may apply to one pod before yielding (each is committed on its own). */
const MAX_STEPS = 20;

/**
 * The kubelets of the simulated nodes: each pod bound to a node is advanced through the
 * kubelet stages (src/sim/kubelet); its status and events are written back and the pod is
 * looked at again when its next stage is due. The kubelet reads only the pods bound to its node
 * and the objects they reference, and writes only their status (and their removal).
 *
 * The pods due in one alarm run are advanced together, in rounds: each round takes one stage of
 * every pod that has one due and commits them all at once (one transaction, one watch fan-out),
 * so every stage of a pod is still its own write, seen by watches in order.
 */
export function kubeletController(): Controller {
  /** When each pod's last step was committed by this instance (the stages' `since`). */
  const lastStep = new Map<string, Date>();

  /** Advance the pods of `keys` (`namespace/name`) by the stages due now; when to look at each again. */
  function advance(keys: string[], ctx: ControllerContext): Map<string, number> {
    const requeue = new Map<string, number>();
    let active = [...new Set(keys)];
    for (let round = 0; round < MAX_STEPS && active.length; round++) {
      const writes: { key: string; ops: WriteOp[] }[] = [];
      let count = 0;
      const again: string[] = [];
      /** Pod IPs given out in this round, by node (not committed yet, so not in the store's view). */
      const reserved = new Map<string, Set<string>>();
      for (const key of active) {
        try {
          const ops = stepOne(key, ctx, reserved, count, requeue, again);
          if (ops.length) writes.push({ key, ops });
          count += ops.length;
        } catch (e) {
          // One pod's failure is its own: it is looked at again in a second, the others go on.
          console.error(`kubelet: ${key} failed`, e);
          requeue.set(key, 1000);
        }
      }
      commitRound(ctx, writes, requeue, again);
      active = again;
    }
    for (const key of active) requeue.set(key, 0);
    return requeue;
  }

  /**
   * One stage of one pod, if one is due: its writes (events numbered from `seq`, their place in
   * the round's commit). Sets when to look at the pod again, or adds it to `again` (due now).
   */
  function stepOne(key: string, ctx: ControllerContext, reserved: Map<string, Set<string>>, seq: number, requeue: Map<string, number>, again: string[]): WriteOp[] {
    const [ns, name] = key.split('/');
    const pod = ctx.store.get('pods', ns, name);
    if (!pod?.spec?.nodeName) return [];
    const node = ctx.store.get('nodes', '', pod.spec.nodeName);
    if (!node) return [];
    let ips = reserved.get(pod.spec.nodeName);
    if (!ips) reserved.set(pod.spec.nodeName, (ips = new Set()));
    const e = kubeletEnv(ctx, node, lastStep.get(key), ips);
    const step = kubeletStep(pod, e);
    if (!step) {
      const next = kubeletNextDue(pod, e);
      if (next !== undefined) requeue.set(key, next);
      return [];
    }
    const ops: WriteOp[] = [];
    for (const ev of step.events) {
      const { at, ...spec } = ev;
      ops.push(recordEvent(ctx, pod, { ...spec, component: 'kubelet', host: pod.spec.nodeName, at: at === undefined ? undefined : new Date(at), seq: seq + ops.length }));
    }
    // The final delete, as the apiserver answers it: a pod with finalizers stays until they go.
    if (step.deletePod) ops.push(...podRemovalOps(pod, e.now));
    else {
      ops.push({ op: 'put', resource: 'pods', object: step.pod });
      const ip = step.pod.status?.podIP;
      if (ip && ip !== pod.status?.podIP && !step.pod.spec?.hostNetwork) ips.add(ip);
    }
    lastStep.set(key, e.now);
    if (step.deletePod || step.nextInMs === undefined) return ops;
    if (step.nextInMs > 0) requeue.set(key, step.nextInMs);
    else again.push(key);
    return ops;
  }

  /** Commit a round's writes at once; if that fails, each pod's on its own (a failing one retried in a second). */
  function commitRound(ctx: ControllerContext, writes: { key: string; ops: WriteOp[] }[], requeue: Map<string, number>, again: string[]): void {
    if (!writes.length) return;
    try {
      ctx.commit(writes.flatMap((w) => w.ops));
      return;
    } catch (e) {
      if (writes.length === 1) throw e;
    }
    for (const w of writes) {
      try {
        ctx.commit(w.ops);
      } catch (e) {
        console.error(`kubelet: ${w.key} failed`, e);
        requeue.set(w.key, 1000);
        const i = again.indexOf(w.key);
        if (i >= 0) again.splice(i, 1);
      }
    }
  }

  return {
    name: 'kubelet',
    watches: ['pods', 'configmaps', 'secrets', 'persistentvolumeclaims'],
    keysFor(change, ctx) {
      if (change.resource === 'pods') {
        if (change.type === 'DELETED') {
          lastStep.delete(`${change.namespace}/${change.name}`);
          return [];
        }
        return change.object.spec?.nodeName ? [`${change.namespace}/${change.name}`] : [];
      }
      // A ConfigMap, Secret or claim a waiting pod needs may have appeared: look at the pods of
      // that namespace that are not running yet.
      return ctx.store
        .list('pods', change.namespace)
        .filter((e) => e.obj.spec?.nodeName && e.obj.status?.phase === 'Pending')
        .map((e) => `${change.namespace}/${e.obj.metadata.name}`);
    },
    reconcile(key, ctx) {
      return { ops: [], requeueAfterMs: advance([key], ctx).get(key) };
    },
    reconcileBatch(keys, ctx) {
      return { ops: [], requeue: advance(keys, ctx) };
    },
    resync(ctx) {
      return ctx.store
        .list('pods')
        .filter((e) => e.obj.spec?.nodeName)
        .map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
    },
  };
}
