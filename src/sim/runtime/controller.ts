/**
 * The container runtime's bookkeeping, run as a controller: when a container starts it fixes
 * its environment and applies its start-up writes (startup.ts); when a pod goes, its emptyDir
 * volumes, writable layers and bookkeeping go too (as the kubelet removes a deleted pod's
 * volumes); when a PersistentVolume goes, its content goes. Idempotent, never requeues.
 */
import type { Controller, ControllerContext } from '../../controllers/types';
import type { FileStore } from './files';
import { applyStartups } from './startup';
import type { RuntimeCtx } from './container';

/** The cluster context with its file store (set by the Durable Object). */
export type WithFiles = ControllerContext & { files?: FileStore };

/** The runtime context of a cluster, or undefined when it has no file store (unit tests). */
export function runtimeOf(ctx: ControllerContext): RuntimeCtx | undefined {
  const files = (ctx as WithFiles).files;
  return files ? { store: ctx.store, files, now: () => ctx.now(), random: () => ctx.random() } : undefined;
}

const POD_SCOPED = ['emptydir/', 'overlay/', 'meta/'];

/** Removes the volumes of pods that no longer exist (bounded by the number of volumes). */
export function collectGarbage(rt: RuntimeCtx): number {
  const live = new Set(rt.store.list('pods').map((e) => e.obj.metadata.uid));
  const pvs = new Set(rt.store.list('persistentvolumes').map((e) => e.obj.metadata.name));
  let n = 0;
  for (const prefix of POD_SCOPED) {
    for (const vol of rt.files.volumes(prefix)) {
      const uid = vol.slice(prefix.length).split('/')[0];
      if (!live.has(uid)) {
        rt.files.dropVolumes(`${prefix}${uid}`);
        n++;
      }
    }
  }
  for (const vol of rt.files.volumes('pv/')) {
    if (!pvs.has(vol.slice(3).replace(/\/$/, ''))) {
      rt.files.dropVolumes(vol);
      n++;
    }
  }
  return n;
}

/** The runtime controller (keys: `start/<ns>/<name>`, `gc`). */
export const containerRuntimeController: Controller = {
  name: 'container-runtime',
  watches: ['pods', 'persistentvolumes'],
  keysFor(change) {
    if (change.type === 'DELETED') return ['gc'];
    if (change.resource !== 'pods') return [];
    const started = [...(change.object.status?.containerStatuses ?? []), ...(change.object.status?.initContainerStatuses ?? [])].some((s: any) => s.state?.running || s.state?.terminated);
    return started ? [`start/${change.namespace}/${change.name}`] : [];
  },
  reconcile(key, ctx) {
    const rt = runtimeOf(ctx);
    if (!rt) return { ops: [] };
    if (key === 'gc') {
      collectGarbage(rt);
      return { ops: [] };
    }
    const [, ns, name] = key.split('/');
    const pod = ctx.store.get('pods', ns, name);
    if (pod) applyStartups(rt, pod).catch((e) => console.error('container start-up', e));
    return { ops: [] };
  },
  resync() {
    return ['gc'];
  },
};
