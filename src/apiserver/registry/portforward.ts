/**
 * `pods/NAME/portforward`: the apiserver's upgrade, the kubelet's streaming server and the
 * container runtime's dial, simulated in the cluster. Two WebSocket transports, as kube-apiserver
 * 1.31+ routes them (pkg/registry/core/pod/rest/subresources.go):
 *  - a subprotocol `SPDY/3.1+portforward.k8s.io` (kubectl 1.31+, 1.30 with
 *    KUBECTL_PORT_FORWARD_WEBSOCKETS=true): SPDY/3.1 tunnelled in binary messages, the
 *    apiserver's TunnelingHandler in front of the kubelet's SPDY handler (portforward-spdy.ts);
 *  - `v4.channel.k8s.io`, `v4.base64.channel.k8s.io` or none, with `?ports=`: the kubelet's
 *    WebSocket handler (portforward-ws.ts), which @kubernetes/client-node speaks.
 * The plain SPDY upgrade (`POST`, `Upgrade: SPDY/3.1`: kubectl 1.30 and older, and the fallback
 * after a refused WebSocket) cannot be served by Workers and gets a Status naming the kubectl to
 * use. A port nothing listens on gets containerd's refusal on the error stream, as the kubelet
 * writes it (`error forwarding port 81 to pod <sandbox>, uid : …: connection refused`).
 */
import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../types';
import type { RequestInfo } from '../request-info';
import { badRequest, notFound, statusResponse, StatusError } from '../status';
import { runtimeOf } from '../../sim/runtime/controller';
import type { RuntimeCtx } from '../../sim/runtime/container';
import { dialPod } from '../../sim/runtime/pod-socket';
import { hex64 } from '../../sim/images/catalog';
import { SpdyPortForwardSession, type Forwarder } from './portforward-spdy';
import { ChannelPortForwardSession, PORT_FORWARD_CHANNEL_PROTOCOLS } from './portforward-ws';

/** The SPDY protocol the kubelet speaks for port-forward, and its WebSocket tunnelling prefix. */
export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
export const SPDY_TUNNEL_PREFIX = 'SPDY/3.1+';

/** A session that moved no data this long is closed (the kubelet's streaming idle timeout, shortened). */
export const PORT_FORWARD_IDLE_MS = 30 * 60_000;

/** What kubectl 1.30 and older (SPDY only) are told. */
export const SPDY_REFUSAL =
  'Upgrade request required: kubeplay serves port-forward over WebSocket only: use kubectl 1.31 or later, or kubectl 1.30 with KUBECTL_PORT_FORWARD_WEBSOCKETS=true';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The pod sandbox id containerd reports (stable per pod), and its network namespace. */
function sandboxOf(pod: KubeObject): { id: string; netns: string } {
  const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
  const id = hex64(`sandbox/${uid}`);
  const h = hex64(`netns/${uid}`);
  const netns = pod.spec?.hostNetwork ? 'host' : `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return { id, netns };
}

/**
 * The kubelet's error text for a refused port (httpstream.go's "error forwarding port %d to pod
 * %s, uid %v: %v", around containerd's sandbox_portforward_linux.go wording; the CRI streaming
 * server passes an empty uid).
 */
export function refusedMessage(pod: KubeObject, port: number): string {
  const { id, netns } = sandboxOf(pod);
  return `error forwarding port ${port} to pod ${id}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

/** Dials the ports of `pod` as it is at each connection (it may restart or go meanwhile). */
function podForwarder(rt: RuntimeCtx, pod: KubeObject): Forwarder {
  const { namespace = '', name = '', uid } = pod.metadata;
  return {
    dial(port, sink) {
      const now = rt.store.get('pods', namespace, name);
      if (!now || now.metadata.uid !== uid) {
        const { id } = sandboxOf(pod);
        return `error forwarding port ${port} to pod ${id}, uid : failed to find sandbox "${id}" in store: not found`;
      }
      return dialPod(rt, now, port, sink) ?? refusedMessage(now, port);
    },
  };
}

/** The ports of `?ports=` (repeated or comma-separated), or the kubelet's 400 text. */
function queryPorts(query: URLSearchParams): number[] | string {
  const values = query.getAll('ports');
  if (!values.length) return 'query parameter "port" is required';
  const ports: number[] = [];
  for (const v of values) {
    if (!v) return 'query parameter "port" cannot be empty';
    for (const p of v.split(',')) {
      if (!/^\d+$/.test(p) || Number(p) > 65535) return `unable to parse "${v}" as a port: strconv.ParseUint: parsing "${p}": invalid syntax`;
      if (Number(p) < 1) return `port "${v}" must be > 0`;
      ports.push(Number(p));
    }
  }
  return ports;
}

/** A WebSocket accepted in the Durable Object, with its messages delivered in order. */
function acceptSocket(onMessage: (data: Uint8Array | string) => void, onClose: () => void): { client: WebSocket; server: WebSocket } {
  const pair = new WebSocketPair();
  const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
  server.accept();
  // Binary messages may arrive as Blobs (newer compatibility dates): decode them in order.
  let inbox = Promise.resolve();
  server.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as ArrayBuffer | string | Blob;
    inbox = inbox
      .then(async () => onMessage(data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : typeof data === 'string' ? data : new Uint8Array(data)))
      .catch((e) => console.error('port-forward message', e));
  });
  server.addEventListener('close', () => void (inbox = inbox.then(onClose)));
  server.addEventListener('error', () => void (inbox = inbox.then(onClose)));
  return { client, server };
}

function closeSocket(ws: WebSocket): void {
  try {
    ws.close(1000, '');
  } catch {
    /* already closed */
  }
}

/** Closes a session that moved no data for PORT_FORWARD_IDLE_MS; returns the timer's stop. */
function idleLimit(session: { lastActivity: number }, stop: () => void): () => void {
  const timer = setInterval(() => {
    if (Date.now() - session.lastActivity > PORT_FORWARD_IDLE_MS) stop();
  }, 60_000);
  return () => clearInterval(timer);
}

/** GET/POST pods/NAME/portforward: validate, then upgrade to a port-forward session. */
export async function portForwardRequest(ctx: ControllerContext, request: Request, info: RequestInfo, query: URLSearchParams): Promise<Response> {
  try {
    const pod = ctx.store.get('pods', info.namespace, info.name);
    if (!pod) throw notFound({ group: '', resource: 'pods' }, info.name);
    // The apiserver's streamLocation needs the pod's node.
    if (!pod.spec?.nodeName) throw badRequest(`pod ${info.name} does not have a host assigned`);
    if ((request.headers.get('upgrade') ?? '').toLowerCase() !== 'websocket') throw badRequest(SPDY_REFUSAL);
    const rt = runtimeOf(ctx);
    if (!rt) throw badRequest('this cluster has no container runtime');
    const offered = (request.headers.get('sec-websocket-protocol') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const forwarder = podForwarder(rt, pod);
    if (offered.some((p) => p.startsWith(SPDY_TUNNEL_PREFIX))) return tunnelledSpdy(offered, forwarder);
    return channels(offered, query, forwarder);
  } catch (e) {
    if (e instanceof StatusError) return statusResponse(e);
    throw e;
  }
}

/** SPDY/3.1 inside WebSocket binary messages (the apiserver's TunnelingHandler). */
function tunnelledSpdy(offered: string[], forwarder: Forwarder): Response {
  const spdy = offered.filter((p) => p.startsWith(SPDY_TUNNEL_PREFIX) && p.endsWith('.k8s.io')).map((p) => p.slice(SPDY_TUNNEL_PREFIX.length));
  if (!spdy.length) return plain(400, 'unable to upgrade: no tunneling spdy protocols provided');
  // The kubelet's httpstream.Handshake.
  if (!spdy.includes(PORT_FORWARD_PROTOCOL)) return plain(403, `unable to upgrade: unable to negotiate protocol: client supports [${spdy.join(' ')}], server accepts [${PORT_FORWARD_PROTOCOL}]`);
  let session: SpdyPortForwardSession | undefined;
  let stopIdle = () => {};
  const { client, server } = acceptSocket(
    (data) => session?.receive(typeof data === 'string' ? new TextEncoder().encode(data) : data),
    () => {
      stopIdle();
      session?.shutdown();
    },
  );
  session = new SpdyPortForwardSession(
    (bytes) => {
      try {
        server.send(bytes);
      } catch {
        session?.shutdown();
      }
    },
    () => {
      stopIdle();
      closeSocket(server);
    },
    forwarder,
  );
  stopIdle = idleLimit(session, () => session?.goAway());
  return new Response(null, { status: 101, webSocket: client, headers: { 'Sec-WebSocket-Protocol': SPDY_TUNNEL_PREFIX + PORT_FORWARD_PROTOCOL } });
}

/** The kubelet's WebSocket channel protocol (two channels per `?ports=` port). */
function channels(offered: string[], query: URLSearchParams, forwarder: Forwarder): Response {
  const ports = queryPorts(query);
  if (typeof ports === 'string') return plain(400, ports);
  // wsstream's handshake: the first protocol the client offers that the server supports, or none.
  const protocol = offered.length ? offered.find((p) => PORT_FORWARD_CHANNEL_PROTOCOLS.includes(p)) : '';
  if (protocol === undefined) {
    return plain(400, `unable to upgrade websocket connection: requested protocol(s) are not supported: [${offered.join(' ')}]; supports [ ${PORT_FORWARD_CHANNEL_PROTOCOLS.join(' ')}]`);
  }
  let session: ChannelPortForwardSession | undefined;
  let stopIdle = () => {};
  const { client, server } = acceptSocket(
    (data) => session?.receive(data),
    () => {
      stopIdle();
      session?.shutdown();
    },
  );
  session = new ChannelPortForwardSession(
    (msg) => {
      try {
        server.send(msg);
      } catch {
        session?.shutdown();
      }
    },
    () => {
      stopIdle();
      closeSocket(server);
    },
    ports,
    protocol.includes('base64'),
    forwarder,
  );
  stopIdle = idleLimit(session, () => {
    session?.shutdown();
    closeSocket(server);
  });
  // Announce the ports once the 101 is on its way.
  setTimeout(() => session?.start(), 0);
  return new Response(null, { status: 101, webSocket: client, headers: protocol ? { 'Sec-WebSocket-Protocol': protocol } : {} });
}
