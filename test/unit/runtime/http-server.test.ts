import { describe, expect, it } from 'vitest';
import { HttpServerConnection, type SocketSink } from '../../../src/sim/runtime/http-server';
import { dialPod } from '../../../src/sim/runtime/pod-socket';
import { MemoryFileStore } from '../../../src/sim/runtime/files';
import type { PodAnswer, RuntimeCtx } from '../../../src/sim/runtime/container';
import type { HttpRequest } from '../../../src/sim/runtime/web';

const te = new TextEncoder();
const td = new TextDecoder();

/** A sink that records what the server wrote and how it ended. */
function recorder() {
  const r = { out: '', ended: false, reset: false };
  const sink: SocketSink = { data: (b) => (r.out += td.decode(b)), end: () => (r.ended = true), reset: () => (r.reset = true) };
  return { r, sink };
}

/** A server that answers the method and path it was asked, and counts requests. */
function echoServer(answer?: (req: HttpRequest) => PodAnswer) {
  const seen: HttpRequest[] = [];
  const serve = (req: HttpRequest): PodAnswer => {
    seen.push(req);
    return answer?.(req) ?? { ok: true, container: 'c', status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain']], body: `${req.method} ${req.path} @${req.host}` };
  };
  return { seen, serve };
}

const responses = (out: string) => out.split(/(?=HTTP\/1\.1 )/);

describe('HTTP/1.1 over a byte stream', () => {
  it('answers a request with a status line, Content-Length and keep-alive', () => {
    const { r, sink } = recorder();
    const { serve } = echoServer();
    new HttpServerConnection(sink, serve, 'localhost:80').write(te.encode('GET /a HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl\r\n\r\n'));
    expect(r.out).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 22\r\nConnection: keep-alive\r\n\r\nGET /a @127.0.0.1:8080');
    expect(r.ended).toBe(false);
  });

  it('parses requests split at every byte and answers pipelined ones in order', () => {
    const { r, sink } = recorder();
    const { serve, seen } = echoServer();
    const conn = new HttpServerConnection(sink, serve, 'localhost:80');
    const wire = 'GET /one HTTP/1.1\r\nHost: h\r\n\r\nGET /two HTTP/1.1\nHost: h\n\nGET /three HTTP/1.1\r\nHost: h\r\n\r\n';
    for (const b of te.encode(wire)) conn.write(new Uint8Array([b]));
    expect(seen.map((s) => s.path)).toEqual(['/one', '/two', '/three']);
    expect(responses(r.out).map((x) => x.split('\r\n\r\n')[1])).toEqual(['GET /one @h', 'GET /two @h', 'GET /three @h']);
  });

  it('skips Content-Length and chunked bodies before the next request', () => {
    const { sink } = recorder();
    const { serve, seen } = echoServer();
    const conn = new HttpServerConnection(sink, serve, 'localhost:80');
    conn.write(te.encode('POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello=world'));
    conn.write(te.encode('PUT /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n'));
    conn.write(te.encode('GET /after HTTP/1.1\r\nHost: h\r\n\r\n'));
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /form', 'PUT /up', 'GET /after']);
  });

  it('waits for the whole body before answering', () => {
    const { r, sink } = recorder();
    const { serve } = echoServer();
    const conn = new HttpServerConnection(sink, serve, 'localhost:80');
    conn.write(te.encode('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nab'));
    expect(r.out).toBe('');
    conn.write(te.encode('cd'));
    expect(r.out).toContain('200 OK');
  });

  it('closes after Connection: close, and after an HTTP/1.0 request without keep-alive', () => {
    for (const req of ['GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n', 'GET / HTTP/1.0\r\n\r\n']) {
      const { r, sink } = recorder();
      const { serve, seen } = echoServer();
      const conn = new HttpServerConnection(sink, serve, 'localhost:80');
      conn.write(te.encode(req + 'GET /ignored HTTP/1.1\r\nHost: h\r\n\r\n'));
      expect(seen).toHaveLength(1);
      expect(r.out).toContain('Connection: close\r\n');
      expect(r.ended).toBe(true);
    }
    const { r, sink } = recorder();
    new HttpServerConnection(sink, echoServer().serve, 'localhost:80').write(te.encode('GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'));
    expect(r.out).toContain('Connection: keep-alive');
    expect(r.out).toContain('@localhost:80');
  });

  it('sends no body for HEAD but the length it would have', () => {
    const { r, sink } = recorder();
    new HttpServerConnection(sink, echoServer().serve, 'localhost:80').write(te.encode('HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n'));
    expect(r.out).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: keep-alive\r\n\r\n');
  });

  it('ends when the client has sent everything and every answer is out', () => {
    const { r, sink } = recorder();
    const conn = new HttpServerConnection(sink, echoServer().serve, 'localhost:80');
    conn.write(te.encode('GET / HTTP/1.1\r\nHost: h\r\n\r\n'));
    conn.end();
    expect(r.out).toContain('200 OK');
    expect(r.ended).toBe(true);
  });

  it('answers a malformed request 400 and closes', () => {
    const { r, sink } = recorder();
    new HttpServerConnection(sink, echoServer().serve, 'localhost:80').write(te.encode('\x16\x03\x01\x02\x00garbage\r\n\r\n'));
    expect(r.out).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(r.ended).toBe(true);
  });

  it('resets the connection when the server does not speak HTTP', () => {
    const { r, sink } = recorder();
    new HttpServerConnection(sink, echoServer(() => ({ ok: false, error: 'reset' })).serve, 'localhost:6379').write(te.encode('GET / HTTP/1.1\r\nHost: h\r\n\r\n'));
    expect(r).toEqual({ out: '', ended: false, reset: true });
  });

  it('holds answers until the container is ready', async () => {
    const { r, sink } = recorder();
    let go!: () => void;
    const ready = new Promise<void>((res) => (go = res));
    const conn = new HttpServerConnection(sink, echoServer().serve, 'localhost:80', ready);
    conn.write(te.encode('GET / HTTP/1.1\r\nHost: h\r\n\r\n'));
    conn.end();
    expect(r.out).toBe('');
    go();
    await ready;
    expect(r.out).toContain('200 OK');
    expect(r.ended).toBe(true);
  });
});

describe('dialPod', () => {
  const pod = (image: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: { nodeName: 'n1', containers: [{ name: 'web', image }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'web', restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:00Z' } } }] },
  });
  const runtime = (p: object): RuntimeCtx => ({
    store: { get: (r: string, ns: string, n: string) => (r === 'pods' && ns === 'default' && n === 'web' ? p : undefined), list: () => [] } as never,
    files: new MemoryFileStore(),
    now: () => new Date('2025-01-06T12:00:00Z'),
    random: () => 0.5,
  });

  it('refuses a port nothing listens on', () => {
    const p = pod('nginx:1.27');
    expect(dialPod(runtime(p), p as never, 81, recorder().sink)).toBeUndefined();
  });

  it('resets a connection to a server that does not speak HTTP, before any request', async () => {
    const p = pod('redis:7');
    const { r, sink } = recorder();
    expect(dialPod(runtime(p), p as never, 6379, sink)).toBeDefined();
    await new Promise((res) => setTimeout(res, 0));
    expect(r).toEqual({ out: '', ended: false, reset: true });
  });

  it("serves nginx's welcome page over the byte stream", async () => {
    const p = pod('nginx:1.27');
    const { r, sink } = recorder();
    const sock = dialPod(runtime(p), p as never, 80, sink)!;
    sock.write(te.encode('GET / HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n'));
    await new Promise((res) => setTimeout(res, 0));
    expect(r.out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.out).toMatch(/Server: nginx\/1\.27/);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    expect(r.ended).toBe(true);
  });
});
