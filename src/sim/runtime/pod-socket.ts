/**
 * A TCP connection into a pod's port, as the container runtime's port-forward makes one
 * (containerd dials localhost:PORT inside the pod's network namespace): refused when no
 * container listens there, otherwise an HTTP/1.1 connection whose requests each reach the
 * listening container through requestPod. A server that does not speak HTTP resets it at once.
 */
import type { KubeObject } from '../../apiserver/types';
import { HttpServerConnection, type PodSocket, type SocketSink } from './http-server';
import { requestPod, type RuntimeCtx } from './container';
import { applyStartups } from './startup';
import { listener } from './web';

export type { PodSocket, SocketSink };

/**
 * Connects to `port` of `pod`; undefined when nothing listens there (connection refused). Each
 * request re-reads the pod, so a container that stopped or restarted answers as it is now.
 */
export function dialPod(rt: RuntimeCtx, pod: KubeObject, port: number, sink: SocketSink): PodSocket | undefined {
  if (!listener(pod, port)) return undefined;
  const { namespace = '', name = '', uid } = pod.metadata;
  const serve = (req: Parameters<typeof requestPod>[3]) => {
    const now = rt.store.get('pods', namespace, name);
    if (!now || now.metadata.uid !== uid) return { ok: false as const, error: 'reset' as const };
    return requestPod(rt, now, port, req);
  };
  // Files a container writes when it starts (WordPress copying itself into its html directory)
  // must be there before the first answer. A server that does not speak HTTP (MySQL, Redis) is
  // known at once (requestPod is pure): the connection is reset before the client waits on it.
  const ready = applyStartups(rt, pod).then(() => {
    const probe = serve({ method: 'GET', path: '/', host: `localhost:${port}` });
    if (!probe.ok && probe.error === 'reset') throw new Error('not an HTTP server');
  });
  return new HttpServerConnection(sink, serve, `localhost:${port}`, ready);
}
