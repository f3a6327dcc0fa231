// The benchmarks' dev server: `wrangler dev` (what `npm start` runs) with the floor routes
// enabled, one classroom cluster made through the admin API, and a client for both.
import { Agent, request } from 'node:https';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, startDevServer } from '../../../scripts/lib/dev-server.mjs';
import { signAdminToken } from '../../../scripts/lib/tokens.mjs';
import { workerdCpu, workerdPids } from './cpu.mjs';

const root = new URL('../../..', import.meta.url).pathname;

/** Build the OpenAPI documents the Worker imports (exits the process when that fails). */
export function buildOpenApi() {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

/**
 * Start a dev server (BENCH_FLOOR on, the fast profile, `vars` added) and make the classroom
 * `name` with one student whose cluster has `nodes` nodes and limits that never throttle a
 * benchmark. Returns a client (see `client`) for that cluster, plus `stop()`.
 */
export async function startBenchServer({ name = 'bench', nodes = 12, vars = {}, port, args = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-'));
  // BENCH_LOG=file keeps the dev server's own log (at info level) for a run that went wrong.
  const log = process.env.BENCH_LOG ? openSync(process.env.BENCH_LOG, 'w') : 'pipe';
  const server = await startDevServer({ port: port ?? (await freePort()), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: !process.env.BENCH_LOG, log, timingProfile: 'fast', vars: { BENCH_FLOOR: '1', ...vars }, args });
  const adminToken = await signAdminToken(server.secrets.signingJwk);
  const admin = client({ url: server.url, base: server.url, token: adminToken, ca: server.secrets.caPem });
  const made = await admin.call('POST', `${server.url}/admin/v1/classrooms`, {
    name, students: ['bench'],
    settings: { profile: 'fast', nodes: { count: nodes }, limits: { objects: 50_000, requestsPerSecond: 100_000, watches: 1000 } },
  });
  if (made.status !== 201) throw new Error(`classroom: ${made.status} ${made.body}`);
  const student = JSON.parse(made.body).students[0];
  const c = client({ url: server.url, base: student.server, token: /token: (\S+)/.exec(student.kubeconfig)[1], ca: server.secrets.caPem });
  const pids = workerdPids(server.child.pid);
  return {
    ...c,
    server,
    adminToken,
    /** CPU ms (user + system) this server's workerd processes have used so far. */
    cpu: () => workerdCpu(pids),
    workerdProcesses: pids.length,
    /** The cluster's alarm count, from the classroom view (live stats of its Durable Object). */
    alarmsFired: async () => JSON.parse((await admin.call('GET', `${server.url}/admin/v1/classrooms/${name}`)).body).students[0].alarms,
    stop: async () => {
      c.agent.destroy();
      admin.agent.destroy();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A keep-alive https client. `call(method, path, body, headers)` resolves with { status, body,
 * ms }; a path is the cluster's (`/api/v1/…`) unless it is a full URL or one of the Worker's own
 * (`/healthz`, `/_bench/…`). `stream(path, onLine)` opens a chunked response and calls `onLine`
 * per line; it resolves with a function that closes it.
 */
export function client({ url, base, token, ca, maxSockets = 16 }) {
  const agent = new Agent({ keepAlive: true, maxSockets, ca });
  const target = (path) => (path.startsWith('https://') ? path : path.startsWith('/healthz') || path.startsWith('/_bench/') ? `${url}${path}` : `${base}${path}`);
  const call = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = request(target(path), { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
      });
      req.on('error', reject);
      if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
      req.end();
    });
  const stream = (path, onLine) =>
    new Promise((resolve, reject) => {
      const req = request(target(path), { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        let buf = '';
        res.on('data', (d) => {
          buf += d;
          let nl;
          while ((nl = buf.indexOf('\n')) >= 0) {
            onLine(buf.slice(0, nl));
            buf = buf.slice(nl + 1);
          }
        });
        resolve(() => req.destroy());
      });
      req.on('error', (e) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
  return { agent, call, stream, base, url, token, ca };
}
