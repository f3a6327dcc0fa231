/**
 * A container of a running pod as the runtime sees it: its filesystem view, its environment
 * (fixed when the container started), and what its listening server answers on a port.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ObjectStore } from '../../cluster/storage';
import type { FileStore } from './files';
import { ContainerView } from './view';
import { imageFs, type ImageFs } from './images';
import { containerMounts, overlayVol, type MountLookup } from './mounts';
import { containerEnv } from './env';
import { listener, serveHttp, type HttpRequest } from './web';
import type { KubeletEnv } from '../kubelet';

/** What the runtime needs of its cluster (a ControllerContext plus the file store). */
export interface RuntimeCtx {
  store: ObjectStore;
  files: FileStore;
  now(): Date;
  random(): number;
}

/** Storage key of per-pod bookkeeping (environment snapshots, which starts were applied). */
export const metaVol = (uid: string) => `meta/${uid}`;

/** Status of one container (regular or init) by name. */
export function containerStatus(pod: KubeObject, name: string): any {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s: any) => s.name === name);
}

/** The container spec (regular, then init) by name. */
export function containerSpec(pod: KubeObject, name: string): any {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === name);
}

function lookup(rt: RuntimeCtx): MountLookup {
  const dns = rt.store.get('services', 'kube-system', 'kube-dns');
  return {
    configMap: (ns, n) => rt.store.get('configmaps', ns, n),
    secret: (ns, n) => rt.store.get('secrets', ns, n),
    pvc: (ns, n) => rt.store.get('persistentvolumeclaims', ns, n),
    dnsIP: dns?.spec?.clusterIP ?? '10.96.0.10',
  };
}

/** The kubelet's view of the cluster for env resolution (only the lookups resolveEnv uses). */
function kenv(rt: RuntimeCtx, pod: KubeObject): KubeletEnv {
  return {
    now: rt.now(),
    profile: 'realistic',
    node: rt.store.get('nodes', '', pod.spec?.nodeName ?? '') ?? { metadata: {} },
    podIP: () => pod.status?.podIP ?? '',
    configMap: (ns, n) => rt.store.get('configmaps', ns, n),
    secret: (ns, n) => rt.store.get('secrets', ns, n),
    pvc: (ns, n) => rt.store.get('persistentvolumeclaims', ns, n),
    random: rt.random,
  } as KubeletEnv;
}

/** The filesystem of a container of `pod` (its current instance). */
export function containerView(rt: RuntimeCtx, pod: KubeObject, c: any): { view: ContainerView; image: ImageFs } {
  const image = imageFs(c.image ?? '');
  const st = containerStatus(pod, c.name);
  const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
  const view = new ContainerView(rt.files, image, overlayVol(uid, c.name, st?.restartCount ?? 0), containerMounts(pod, c, lookup(rt)));
  return { view, image };
}

/** When the container's current instance started (ms), or now. */
export function startedAt(rt: RuntimeCtx, pod: KubeObject, name: string): number {
  const st = containerStatus(pod, name);
  const t = st?.state?.running?.startedAt ?? st?.state?.terminated?.startedAt;
  return t ? Date.parse(t) : rt.now().getTime();
}

/** The environment of the container's current instance: the snapshot taken at its start, else computed now. */
export function processEnv(rt: RuntimeCtx, pod: KubeObject, c: any, image: ImageFs): [string, string][] {
  const st = containerStatus(pod, c.name);
  const uid = pod.metadata.uid ?? '';
  const key = `/env/${c.name}/${st?.restartCount ?? 0}`;
  const saved = rt.files.get(metaVol(uid), key);
  if (saved) {
    try {
      return JSON.parse(saved.data);
    } catch {
      /* recomputed below */
    }
  }
  const env = containerEnv(pod, c, image, kenv(rt, pod), rt.store.list('services').map((e) => e.obj), startedAt(rt, pod, c.name));
  try {
    rt.files.put(metaVol(uid), key, { kind: 'f', data: JSON.stringify(env) });
  } catch {
    /* bookkeeping only */
  }
  return env;
}

/** What a pod's port answers: the HTTP answer of the container listening there, or why not. */
export type PodAnswer = { ok: true; status: number; reason: string; headers: [string, string][]; body: string; container: string } | { ok: false; error: 'refused' | 'reset' };

/**
 * One HTTP request reaching `port` of `pod` (port-forward, the API proxy, a NodePort,
 * LoadBalancer or Ingress from outside, wget inside): the container that listens there answers
 * as its image would. Nobody listening → `refused`; a server that does not speak HTTP → `reset`.
 */
export function requestPod(rt: RuntimeCtx, pod: KubeObject, port: number, req: HttpRequest): PodAnswer {
  const c = listener(pod, port);
  if (!c) return { ok: false, error: 'refused' };
  const { view } = containerView(rt, pod, c);
  const answer = serveHttp(pod, c, view, req, rt.now());
  if (!answer) return { ok: false, error: 'reset' };
  return { ok: true, container: c.name, ...answer };
}
