import { Agent, request } from 'node:https';

/**
 * Plain HTTPS calls to a test server (the CA given), for the e2e files that drive the API as a
 * program would — many clients at once, their answers counted — rather than through kubectl.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * `idleMs`: a kept-alive connection unused this long is closed by the client, before the server
 * closes it (a request sent on a connection the server is closing fails with "socket hang up").
 */
export function rawClient(ca: string, maxSockets = 64, idleMs?: number) {
  const agent = new Agent({ keepAlive: true, maxSockets, ca, ...(idleMs ? { timeout: idleMs } : {}) });
  const call = (url: string, opts: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
      const req = request(url, { method: opts.method ?? 'GET', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      if (opts.body !== undefined) req.write(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
      req.end();
    });
  return { call, close: () => agent.destroy() };
}

/** The bearer token of a kubeconfig's text (quoted or not). */
export function kubeconfigToken(text: string): string {
  return /token: "?([^"\s]+)"?/.exec(text)![1];
}

/**
 * Read-modify-write clients of one ConfigMap racing each other as client-go's RetryOnConflict
 * does: GET, change, PUT with the resourceVersion read; a 409 starts again, a 429 waits its
 * Retry-After. Each of `writers` makes `rounds` updates; every code answered is counted.
 */
export async function raceWriters(call: ReturnType<typeof rawClient>['call'], url: string, token: string, writers: number, rounds: number) {
  const codes: Record<string, number> = {};
  const count = (k: string) => (codes[k] = (codes[k] ?? 0) + 1);
  const acknowledged: { writer: number; round: number; rv: number }[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let round = 0; round < rounds; round++) {
        for (;;) {
          const got = await call(url, { token });
          count(`GET ${got.status}`);
          if (got.status === 429) {
            await new Promise((r) => setTimeout(r, 1000 * Number(got.headers['retry-after'] ?? 1)));
            continue;
          }
          if (got.status !== 200) throw new Error(`GET ${got.status}: ${got.body.slice(0, 300)}`);
          const cm = JSON.parse(got.body);
          cm.data = { ...cm.data, [`w${w}`]: String(round), n: String(Number(cm.data?.n ?? 0) + 1) };
          const put = await call(url, { method: 'PUT', token, body: cm });
          count(`PUT ${put.status}`);
          if (put.status === 200) {
            acknowledged.push({ writer: w, round, rv: Number(JSON.parse(put.body).metadata.resourceVersion) });
            break;
          }
          if (put.status === 429) await new Promise((r) => setTimeout(r, 1000 * Number(put.headers['retry-after'] ?? 1)));
          else if (put.status !== 409) throw new Error(`PUT ${put.status}: ${put.body.slice(0, 300)}`);
        }
      }
    }),
  );
  return { codes, acknowledged };
}
