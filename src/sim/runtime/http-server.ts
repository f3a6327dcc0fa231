/**
 * The HTTP/1.1 server side of one TCP connection into a simulated container, over a byte
 * stream (a port-forward stream carries raw TCP bytes). Requests are parsed incrementally —
 * request line, headers, a Content-Length or chunked body — and answered in order, so
 * keep-alive and pipelining work; `Connection: close` (or HTTP/1.0 without keep-alive) ends the
 * connection after its answer, as nginx and Apache do (RFC 9112 section 9.3). The answer itself
 * comes from `serve` (requestPod: the image's own server).
 */
import type { HttpRequest } from './web';
import type { PodAnswer } from './container';

/** Where the server's side of the connection goes. */
export interface SocketSink {
  /** Bytes the server writes. */
  data(bytes: Uint8Array): void;
  /** The server closed the connection (after its last answer). */
  end(): void;
  /** The connection was reset (the server does not speak HTTP, or went away). */
  reset(): void;
}

/** The client's side of a connection into a pod's port. */
export interface PodSocket {
  /** Bytes from the client. */
  write(bytes: Uint8Array): void;
  /** The client sent everything it will send (half close). */
  end(): void;
  /** The client abandoned the connection; nothing more is written to the sink. */
  abort(): void;
}

/** Longest request head (request line and headers) accepted, as nginx's default buffers. */
export const MAX_HEAD_BYTES = 32 << 10;

const encoder = new TextEncoder();

/** Bytes as Latin-1 text (HTTP heads are octets; Workers' TextDecoder knows only UTF-8 well). */
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** Index of the blank line ending a head (CRLF CRLF, or the bare LF LF parsers tolerate). */
function headEnd(b: Uint8Array): { at: number; len: number } | undefined {
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 10) continue;
    if (b[i + 1] === 10) return { at: i, len: 2 };
    if (b[i + 1] === 13 && b[i + 2] === 10) return { at: i, len: 3 };
  }
  return undefined;
}

interface ParsedHead {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
}

function parseHead(text: string): ParsedHead | undefined {
  const lines = text.replace(/\r$/, '').split(/\r?\n/);
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(1\.[01])$/.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const i = line.indexOf(':');
    if (i <= 0 || /\s/.test(line.slice(0, i))) return undefined;
    headers.push([line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()]);
  }
  return { method: m[1], target: m[2], version: m[3], headers };
}

/** One HTTP connection: feed it the client's bytes, it writes answers to `sink`. */
export class HttpServerConnection implements PodSocket {
  private buf = new Uint8Array(0);
  private done = false;
  private clientEnded = false;
  private ready = false;
  /** The request whose body is being read, and how (bytes left, or chunked state). */
  private pending?: { head: ParsedHead; left: number; chunked: boolean; chunkLeft: number; trailer: boolean };

  /**
   * `serve` answers one request; `host` is the Host to assume when a request has none; `ready`
   * (optional) is awaited before the first answer (the container's start-up writes).
   */
  constructor(
    private readonly sink: SocketSink,
    private readonly serve: (req: HttpRequest) => PodAnswer,
    private readonly host: string,
    ready?: Promise<unknown>,
  ) {
    if (!ready) this.ready = true;
    else
      ready.then(
        () => {
          this.ready = true;
          this.pump();
        },
        () => this.fail(),
      );
  }

  write(bytes: Uint8Array): void {
    if (this.done) return;
    const next = new Uint8Array(this.buf.length + bytes.length);
    next.set(this.buf);
    next.set(bytes, this.buf.length);
    this.buf = next;
    this.pump();
  }

  end(): void {
    this.clientEnded = true;
    this.pump();
  }

  abort(): void {
    this.done = true;
  }

  private fail(): void {
    if (this.done) return;
    this.done = true;
    this.sink.reset();
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.sink.end();
  }

  /** Answers every complete request in the buffer, in order. */
  private pump(): void {
    while (!this.done && this.ready) {
      if (!this.pending) {
        const end = headEnd(this.buf);
        if (!end) {
          if (this.buf.length > MAX_HEAD_BYTES) return this.badRequest();
          break;
        }
        const head = parseHead(latin1(this.buf.subarray(0, end.at)));
        this.buf = this.buf.subarray(end.at + end.len);
        if (!head) return this.badRequest();
        const te = header(head, 'transfer-encoding');
        const cl = header(head, 'content-length');
        if (cl !== undefined && !/^\d+$/.test(cl)) return this.badRequest();
        this.pending = { head, left: te ? 0 : Number(cl ?? 0), chunked: !!te && /chunked/i.test(te), chunkLeft: -1, trailer: false };
      }
      if (!this.readBody()) break;
      const head = this.pending!.head;
      this.pending = undefined;
      this.answer(head);
    }
    if (!this.done && this.clientEnded && this.ready) this.close();
  }

  /** Consumes the pending request's body from the buffer; true once it is complete. */
  private readBody(): boolean {
    const p = this.pending!;
    if (!p.chunked) {
      const k = Math.min(p.left, this.buf.length);
      this.buf = this.buf.subarray(k);
      p.left -= k;
      return p.left === 0;
    }
    // Chunked (RFC 9112 section 7.1): size line, data, CRLF … a zero size, trailers, blank line.
    for (;;) {
      if (p.chunkLeft > 0) {
        const k = Math.min(p.chunkLeft, this.buf.length);
        this.buf = this.buf.subarray(k);
        p.chunkLeft -= k;
        if (p.chunkLeft > 0) return false;
        p.chunkLeft = -2; // the CRLF after the data
      }
      const nl = this.buf.indexOf(10);
      if (nl < 0) return false;
      const line = latin1(this.buf.subarray(0, nl)).replace(/\r$/, '');
      this.buf = this.buf.subarray(nl + 1);
      if (p.trailer) {
        if (!line) return true;
        continue;
      }
      if (p.chunkLeft === -2) {
        p.chunkLeft = -1;
        continue;
      }
      const size = parseInt(line.split(';')[0], 16);
      if (Number.isNaN(size)) {
        this.badRequest();
        return false;
      }
      if (size === 0) p.trailer = true;
      else p.chunkLeft = size;
    }
  }

  private answer(head: ParsedHead): void {
    const host = header(head, 'host') ?? this.host;
    const a = this.serve({ method: head.method, path: head.target, host });
    if (!a.ok) return this.fail();
    const conn = (header(head, 'connection') ?? '').toLowerCase();
    const keepAlive = head.version === '1.1' ? !/\bclose\b/.test(conn) : /\bkeep-alive\b/.test(conn);
    const body = encoder.encode(a.body);
    const lines = [`HTTP/1.1 ${a.status} ${a.reason}`];
    const headers = a.headers.filter(([n]) => !/^(connection|keep-alive|transfer-encoding)$/i.test(n));
    if (!headers.some(([n]) => n.toLowerCase() === 'content-length')) headers.push(['Content-Length', String(body.length)]);
    headers.push(['Connection', keepAlive ? 'keep-alive' : 'close']);
    for (const [n, v] of headers) lines.push(`${n}: ${v}`);
    const headBytes = encoder.encode(`${lines.join('\r\n')}\r\n\r\n`);
    const withBody = head.method !== 'HEAD' && a.status >= 200 && a.status !== 204 && a.status !== 304;
    const out = new Uint8Array(headBytes.length + (withBody ? body.length : 0));
    out.set(headBytes);
    if (withBody) out.set(body, headBytes.length);
    this.sink.data(out);
    if (!keepAlive) this.close();
  }

  /** A head that does not parse: 400 and close, as nginx answers. */
  private badRequest(): void {
    if (this.done) return;
    this.sink.data(encoder.encode('HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    this.close();
  }
}

function header(head: ParsedHead, name: string): string | undefined {
  return head.headers.find(([n]) => n === name)?.[1];
}
