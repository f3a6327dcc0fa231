/**
 * The Kubernetes channel protocol over a WebSocket (upstream apimachinery
 * util/httpstream/wsstream and util/remotecommand): every binary message starts with its channel
 * byte — 0 stdin, 1 stdout, 2 stderr, 3 error (a metav1.Status from v4 on), 4 resize — and v5
 * adds the close signal (255, channel) a client sends when its stdin ends.
 */

/** Subprotocols we speak, most preferred first. */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

/** The first protocol of ours the client offers (in our preference order), if any. */
export function pickProtocol(offered: string | null, ours = CHANNEL_PROTOCOLS): string | undefined {
  const list = (offered ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return ours.find((p) => list.includes(p));
}

/** Channel numbers. */
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

/** One side of a channel stream: send on a channel, receive decoded frames. */
export class ChannelSocket {
  private readonly enc = new TextEncoder();
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly protocol: string,
  ) {}

  /** Sends bytes (or text) on a channel; no-op once closed. */
  send(channel: number, data: string | Uint8Array): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? this.enc.encode(data) : data;
    const frame = new Uint8Array(bytes.length + 1);
    frame[0] = channel;
    frame.set(bytes, 1);
    try {
      this.ws.send(frame);
    } catch {
      this.closed = true;
    }
  }

  /** Closes the WebSocket normally. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(1000, '');
    } catch {
      /* already gone */
    }
  }
}

/** Decodes a received message into channel and payload (undefined for empty frames). */
export function decodeFrame(data: ArrayBuffer | string): { channel: number; payload: Uint8Array } | undefined {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  if (!bytes.length) return undefined;
  return { channel: bytes[0], payload: bytes.subarray(1) };
}
