/**
 * A WebSocket that sends back every message it gets: the baseline of the port-forward benchmark
 * (test/bench/port-forward.mjs), the same Worker and transport without the cluster. The route
 * exists only when the Worker variable BENCH_ECHO is "1", which only that benchmark's dev server
 * sets; everywhere else `/_bench/echo` is a 404.
 */

/** Accepts the upgrade and echoes each message in order (Blobs are read, then sent). */
export function benchEcho(request: Request): Response {
  if ((request.headers.get('upgrade') ?? '').toLowerCase() !== 'websocket') return new Response('WebSocket upgrade required', { status: 426 });
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  let chain = Promise.resolve();
  server.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as ArrayBuffer | string | Blob;
    chain = chain.then(async () => server.send(data instanceof Blob ? await data.arrayBuffer() : data)).catch(() => undefined);
  });
  server.addEventListener('close', () => {
    try {
      server.close(1000, '');
    } catch {
      /* already closed */
    }
  });
  return new Response(null, { status: 101, webSocket: client });
}
