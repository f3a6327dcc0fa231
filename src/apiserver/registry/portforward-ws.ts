/**
 * Port-forward over the plain WebSocket channel protocol, as the kubelet serves it
 * (pkg/kubelet/cri/streaming/portforward/websocket.go) and @kubernetes/client-node's
 * PortForward speaks it: `?ports=80[&ports=…]`, two channels per port — data (2i) and error
 * (2i+1) — whose first message carries the port as 2 bytes little-endian; each port is one
 * connection into the pod, dialled when the socket opens. Subprotocols `v4.channel.k8s.io`
 * (binary, the first byte of a message is its channel), `v4.base64.channel.k8s.io` (text: the
 * channel as a digit, then base64) or none (binary). The socket closes once every port's
 * connection has ended.
 */
import type { Forwarder } from './portforward-spdy';
import type { PodSocket } from '../../sim/runtime/pod-socket';

/** Subprotocols of this transport, the kubelet's (wsstream negotiates in the client's order). */
export const PORT_FORWARD_CHANNEL_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

/** Largest payload of one message we send. */
const MAX_MESSAGE = 256 * 1024;

interface Pair {
  port: number;
  socket?: PodSocket;
  done: boolean;
}

function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One channel-protocol port-forward session over an accepted WebSocket. */
export class ChannelPortForwardSession {
  private readonly pairs: Pair[];
  private closed = false;
  /** When data last moved (ms since epoch), for the caller's idle limit. */
  lastActivity = Date.now();

  /** `send` writes one message (bytes, or text for base64); `close` ends the socket. */
  constructor(
    private readonly send: (msg: Uint8Array | string) => void,
    private readonly close: () => void,
    ports: number[],
    private readonly base64: boolean,
    private readonly forwarder: Forwarder,
  ) {
    this.pairs = ports.map((port) => ({ port, done: false }));
  }

  /** Announces each port on its two channels and dials them all. */
  start(): void {
    this.pairs.forEach((p, i) => {
      const port = new Uint8Array([p.port & 0xff, p.port >> 8]);
      this.write(2 * i, port);
      this.write(2 * i + 1, port);
    });
    this.pairs.forEach((p, i) => {
      const result = this.forwarder.dial(p.port, {
        data: (b) => {
          if (!p.done) this.write(2 * i, b);
        },
        end: () => this.finish(p),
        reset: () => this.finish(p),
      });
      if (typeof result === 'string') {
        this.write(2 * i + 1, new TextEncoder().encode(result));
        this.finish(p);
      } else if (!p.done) p.socket = result;
    });
  }

  /** A message from the client: bytes for a data channel go to that port's connection. */
  receive(msg: Uint8Array | string): void {
    let channel: number;
    let payload: Uint8Array;
    if (typeof msg === 'string') {
      if (!msg.length) return;
      channel = msg.charCodeAt(0) - 48;
      try {
        payload = this.base64 ? fromBase64(msg.slice(1)) : new TextEncoder().encode(msg.slice(1));
      } catch {
        return;
      }
    } else {
      if (!msg.length) return;
      channel = msg[0];
      payload = msg.subarray(1);
    }
    const p = this.pairs[channel / 2];
    if (!p || channel % 2 !== 0 || p.done || !payload.length) return;
    this.lastActivity = Date.now();
    p.socket?.write(payload);
  }

  /** The client closed the socket: each connection's client side ends. */
  shutdown(): void {
    this.closed = true;
    for (const p of this.pairs) {
      p.done = true;
      p.socket?.end();
    }
  }

  private finish(p: Pair): void {
    p.done = true;
    if (this.pairs.every((x) => x.done) && !this.closed) {
      this.closed = true;
      this.close();
    }
  }

  private write(channel: number, data: Uint8Array): void {
    if (this.closed) return;
    if (data.length > 2) this.lastActivity = Date.now();
    for (let at = 0; at === 0 || at < data.length; at += MAX_MESSAGE) {
      const part = data.subarray(at, at + MAX_MESSAGE);
      if (this.base64) this.send(String.fromCharCode(48 + channel) + toBase64(part));
      else {
        const msg = new Uint8Array(part.length + 1);
        msg[0] = channel;
        msg.set(part, 1);
        this.send(msg);
      }
    }
  }
}
