// The CLI's client of the admin API: where the server is, which token and CA to use, and JSON
// requests over https (node:https, so that a private CA can be trusted).
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The local dev server's state folders to look in: the current directory's, then the package's. */
function stateDirs() {
  const pkg = new URL('../../.kubeplay', import.meta.url).pathname;
  return [join(process.cwd(), '.kubeplay'), pkg];
}

function readFirst(name) {
  for (const dir of stateDirs()) {
    const f = join(dir, name);
    if (existsSync(f)) return readFileSync(f, 'utf8');
  }
  return undefined;
}

/**
 * The connection settings from flags, environment and the local dev server's files:
 * --server (KUBEPLAY_SERVER, default https://127.0.0.1:$PORT or 8443), --token (KUBEPLAY_TOKEN,
 * default .kubeplay/admin-token), --ca FILE (KUBEPLAY_CA, default .kubeplay/ca.crt when the
 * server is the local one).
 */
export function connection(flags) {
  const server = String(flags.server ?? process.env.KUBEPLAY_SERVER ?? `https://127.0.0.1:${process.env.PORT ?? 8443}`).replace(/\/+$/, '');
  const token = String(flags.token ?? process.env.KUBEPLAY_TOKEN ?? readFirst('admin-token') ?? '').trim();
  if (!token) throw new Error('no admin token: run `npm start` (it writes .kubeplay/admin-token), or pass --token');
  const caFile = flags.ca ?? process.env.KUBEPLAY_CA;
  const explicit = flags.server !== undefined || process.env.KUBEPLAY_SERVER !== undefined;
  const ca = caFile ? readFileSync(String(caFile), 'utf8') : explicit && !/^https:\/\/(127\.0\.0\.1|localhost)[:/]/.test(server) ? undefined : readFirst('ca.crt');
  return { server, token, ca, insecure: flags['insecure-skip-tls-verify'] === true };
}

/** An admin API error: the server's message and HTTP status. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Call `/admin/v1{path}` with a JSON body; resolves with the parsed JSON answer, rejects with an
 * ApiError carrying the server's message.
 */
export function api(conn, method, path, body) {
  const url = new URL(`${conn.server}/admin/v1${path}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: conn.ca,
        rejectUnauthorized: !conn.insecure,
        headers: { Authorization: `Bearer ${conn.token}`, Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}) },
        timeout: 300_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          if (res.statusCode >= 200 && res.statusCode < 300) return resolve(json);
          reject(new ApiError(res.statusCode, json?.message ?? `${res.statusCode} ${text.slice(0, 200)}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${conn.server} within 300 s`)));
    req.on('error', (e) => reject(new Error(`cannot reach ${conn.server}: ${e.message}`)));
    if (payload) req.write(payload);
    req.end();
  });
}
