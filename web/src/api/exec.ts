/**
 * `kubectl exec` from the browser: the pod's exec subresource over a WebSocket speaking
 * v5.channel.k8s.io (a channel byte before each frame: 0 stdin, 1 stdout, 2 stderr, 3 the final
 * Status, 4 resize as `{"Width","Height"}`, 255 close), the token as the bearer subprotocol.
 */
import { bearerProtocol, resourcePath, socketUrl, type KubeClient } from './client';
import type { KubeStatus } from './types';

export interface ExecOptions {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  tty?: boolean;
  stdin?: boolean;
}

export interface ExecHandlers {
  /** Bytes from stdout (and stderr: a tty merges them). */
  onOutput(data: Uint8Array, channel: 1 | 2): void;
  /** The session ended: with the Status the server sent (Success or Failure), if any. */
  onExit(status: KubeStatus | undefined, opened: boolean): void;
  onOpen?(): void;
}

const CHANNEL_PROTOCOL = 'v5.channel.k8s.io';

/** An open exec session. */
export class ExecSession {
  private readonly ws: WebSocket;
  private readonly enc = new TextEncoder();

  constructor(client: KubeClient, opts: ExecOptions, handlers: ExecHandlers) {
    const q = new URLSearchParams();
    for (const c of opts.command) q.append('command', c);
    if (opts.container) q.set('container', opts.container);
    q.set('stdout', 'true');
    q.set('stderr', opts.tty ? 'false' : 'true');
    if (opts.stdin) q.set('stdin', 'true');
    if (opts.tty) q.set('tty', 'true');
    const path = `${client.base}${resourcePath({ version: 'v1', resource: 'pods', namespace: opts.namespace, name: opts.pod, subresource: 'exec' })}?${q}`;
    this.ws = new WebSocket(socketUrl(path), [CHANNEL_PROTOCOL, bearerProtocol(client.token)]);
    this.ws.binaryType = 'arraybuffer';
    let opened = false;
    let status: KubeStatus | undefined;
    this.ws.onopen = () => {
      opened = true;
      handlers.onOpen?.();
    };
    this.ws.onmessage = (m) => {
      const bytes = new Uint8Array(m.data as ArrayBuffer);
      if (!bytes.length) return;
      const ch = bytes[0];
      const payload = bytes.subarray(1);
      if (ch === 1 || ch === 2) handlers.onOutput(payload, ch);
      else if (ch === 3 && payload.length) {
        try {
          status = JSON.parse(new TextDecoder().decode(payload));
        } catch {
          status = { kind: 'Status', status: 'Failure', message: new TextDecoder().decode(payload) };
        }
      }
    };
    this.ws.onclose = () => handlers.onExit(status, opened);
  }

  /** Type into the session (stdin). */
  write(data: string | Uint8Array): void {
    this.frame(0, typeof data === 'string' ? this.enc.encode(data) : data);
  }

  /** Tell the tty its size (channel 4), as kubectl does on SIGWINCH. */
  resize(cols: number, rows: number): void {
    this.frame(4, this.enc.encode(JSON.stringify({ Width: cols, Height: rows })));
  }

  /** End stdin (v5 close signal), as a piped kubectl exec does at EOF. */
  closeStdin(): void {
    this.frame(255, new Uint8Array([0]));
  }

  /** Hang up. */
  close(): void {
    this.ws.close();
  }

  private frame(channel: number, payload: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const f = new Uint8Array(payload.length + 1);
    f[0] = channel;
    f.set(payload, 1);
    this.ws.send(f);
  }
}
