/**
 * Watches over a WebSocket, as kube-apiserver serves them to browsers (k8s.io/apiserver
 * pkg/endpoints/handlers/watch.go: a watch request that asks to be upgraded gets each event as
 * one message). A browser on HTTP/1.1 opens at most six connections to a host, so a dashboard
 * that watches pods, ReplicaSets, Deployments and the rest at once over chunked HTTP would stall;
 * WebSockets do not count against that limit.
 *
 * The Worker does the upgrade itself: the cluster serves the watch as usual (the chunked stream,
 * one JSON event a line) and each line becomes one message — binary frames for `binary.k8s.io`,
 * base64 text for `base64.binary.k8s.io`, text frames when no subprotocol was offered.
 */

const WATCH_PROTOCOLS = ['binary.k8s.io', 'base64.binary.k8s.io'];

/** Whether a WebSocket upgrade is a watch (`?watch=true|1`), not exec/attach/port-forward. */
export function isWatchUpgrade(url: URL): boolean {
  const w = url.searchParams.get('watch');
  return w === 'true' || w === '1';
}

/**
 * Answer a watch upgrade: `serve` gets the request without its upgrade headers. A refusal
 * (401, 403, 404, 410…) is returned as the plain response it is, so the handshake fails.
 */
export async function watchOverWebSocket(request: Request, serve: (plain: Request) => Promise<Response>): Promise<Response> {
  const offered = (request.headers.get('sec-websocket-protocol') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const protocol = WATCH_PROTOCOLS.find((p) => offered.includes(p));
  if (offered.length && !protocol) return new Response(`unable to upgrade: no supported subprotocol among ${offered.join(', ')}`, { status: 400 });
  const headers = new Headers(request.headers);
  for (const h of ['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions']) headers.delete(h);
  const res = await serve(new Request(request.url, { method: 'GET', headers }));
  if (res.status !== 200 || !res.body) return res;
  const pair = new WebSocketPair();
  const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
  server.accept();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const enc = new TextEncoder();
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    void reader.cancel().catch(() => {});
    try {
      server.close(1000, '');
    } catch {
      /* already closed */
    }
  };
  server.addEventListener('close', stop);
  server.addEventListener('error', stop);
  const send = (line: string) => {
    if (!line.trim()) return;
    if (protocol === 'binary.k8s.io') server.send(enc.encode(line));
    else if (protocol === 'base64.binary.k8s.io') server.send(btoa(String.fromCharCode(...enc.encode(line))));
    else server.send(line);
  };
  void (async () => {
    let buf = '';
    try {
      while (open) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          send(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
        }
      }
      send(buf);
    } catch {
      /* the client went away, or the cluster ended the watch */
    }
    stop();
  })();
  return new Response(null, { status: 101, webSocket: client, headers: protocol ? { 'Sec-WebSocket-Protocol': protocol } : {} });
}
