import type { Controller, ControllerContext } from '../../controllers/types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { recordEvent } from '../../controllers/events';
import { kubeletNextDue, kubeletStep, type KubeletEnv } from '../kubelet';
import { kubeletEnv } from './kubelet-env';
import { podRemovalOps } from '../../apiserver/registry/delete';

/** Stages one reconcile may apply to one pod before yielding (each is committed on its own). */
const MAX_STEPS = 20;

/**
 * The kubelets of the simulated nodes: each pod bound to a node is advanced through the
 * kubelet stages (src/sim/kubelet); its status and events are written back and the pod is
 * looked at again when its next stage is due. The kubelet reads only the pods bound to its node
 * and the objects they reference, and writes only their status (and their removal).
 */
export function kubeletController(): Controller {
  /** When each pod's last step was committed by this instance (the stages' `since`). */
  const lastStep = new Map<string, Date>();
  const env = (ctx: ControllerContext, _pod: KubeObject, node: KubeObject, key: string): KubeletEnv => kubeletEnv(ctx, node, lastStep.get(key));
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
      const [ns, name] = key.split('/');
      for (let i = 0; i < MAX_STEPS; i++) {
        const pod = ctx.store.get('pods', ns, name);
        if (!pod?.spec?.nodeName) return { ops: [] };
        const node = ctx.store.get('nodes', '', pod.spec.nodeName);
        if (!node) return { ops: [] };
        const e = env(ctx, pod, node, key);
        const step = kubeletStep(pod, e);
        if (!step) {
          const next = kubeletNextDue(pod, e);
          return { ops: [], requeueAfterMs: next };
        }
        const ops: WriteOp[] = [];
        step.events.forEach((ev, seq) => {
          const { at, ...spec } = ev;
          ops.push(recordEvent(ctx, pod, { ...spec, component: 'kubelet', host: pod.spec.nodeName, at: at === undefined ? undefined : new Date(at), seq }));
        });
        // The final delete, as the apiserver answers it: a pod with finalizers stays until they go.
        if (step.deletePod) ops.push(...podRemovalOps(pod, e.now));
        else ops.push({ op: 'put', resource: 'pods', object: step.pod });
        lastStep.set(key, e.now);
        ctx.commit(ops);
        if (step.deletePod) return { ops: [] };
        if (step.nextInMs === undefined) return { ops: [] };
        if (step.nextInMs > 0) return { ops: [], requeueAfterMs: step.nextInMs };
      }
      return { ops: [], requeueAfterMs: 0 };
    },
    resync(ctx) {
      return ctx.store
        .list('pods')
        .filter((e) => e.obj.spec?.nodeName)
        .map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
    },
  };
}
