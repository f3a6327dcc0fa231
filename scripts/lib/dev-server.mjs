// Starts the Worker under `wrangler dev` over https with the local CA, an embedded D1 and the
// local signing key, and waits until it answers. Used by `npm start` and the end-to-end tests.
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalSecrets } from './local-ca.mjs';
import { ISSUER } from './tokens.mjs';

const root = new URL('../..', import.meta.url).pathname;
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

/** A dotenv value: multi-line text double-quoted with \n escapes, JSON single-quoted as is. */
const dotenv = (v) => (v.includes('\n') ? `"${v.replace(/\n/g, '\\n')}"` : `'${v}'`);

/**
 * Generate (once) the CA, server certificate and signing key under `stateDir`, write the
 * Worker's local variables, apply the D1 migrations, then start wrangler dev on `port`.
 * `timingProfile` is the default for new clusters (`realistic` or `fast`); `vars` are more Worker
 * variables (a benchmark's BENCH_ECHO); `args` more arguments of wrangler dev (a profiler's
 * `--inspector-port`). Resolves when `/healthz`
 * answers; returns { child, url, secrets, stop }.
 */
export async function startDevServer({ port, stateDir, persistTo, log = 'pipe', quiet = false, timingProfile = 'realistic', vars = {}, args: extraArgs = [] }) {
  const secrets = await ensureLocalSecrets(stateDir);
  const varsFile = join(stateDir, 'dev.vars');
  writeFileSync(varsFile, `JWKS=${dotenv(secrets.jwks)}\nSIGNING_JWK=${dotenv(JSON.stringify(secrets.signingJwk))}\nCA_PEM=${dotenv(secrets.caPem)}\nISSUER=${dotenv(ISSUER)}\nTIMING_PROFILE=${dotenv(timingProfile)}\n${Object.entries(vars).map(([k, v]) => `${k}=${dotenv(v)}\n`).join('')}`, { mode: 0o600 });
  // wrangler.toml's [assets] folder must exist even when the dashboard was not built (benches).
  mkdirSync(join(root, 'web', 'dist'), { recursive: true });
  const common = ['--persist-to', persistTo];
  const mig = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...common], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  if (mig.status !== 0) throw new Error(`applying D1 migrations failed:\n${mig.stdout}\n${mig.stderr}`);
  const args = [
    'dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--local-protocol', 'https',
    '--https-key-path', secrets.paths.serverKey,
    '--https-cert-path', secrets.paths.serverCert,
    '--env-file', varsFile,
    '--show-interactive-dev-session=false',
    '--log-level', quiet ? 'error' : 'info',
    // The devtools port is 9229 unless told: a second dev server on the machine (a test run
    // beside `npm start`, a benchmark) would fail with "Address already in use".
    ...(extraArgs.includes('--inspector-port') ? [] : ['--inspector-port', String(await freePort())]),
    ...common,
    ...extraArgs,
  ];
  const child = spawn(wrangler, args, { cwd: root, stdio: ['ignore', log, log], env: { ...process.env, NODE_EXTRA_CA_CERTS: secrets.paths.caCert, WRANGLER_SEND_METRICS: 'false' }, detached: false });
  // A pipe nobody reads fills up, and wrangler then blocks writing its log: every request hangs.
  // Keep reading it, with the last 64 KiB at hand for a failure's message.
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk).slice(-65_536);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const url = `https://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let lastErr;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}${tail ? `:\n${tail}` : ''}`);
    try {
      if ((await healthz(`${url}/healthz`, secrets.caPem)) === 200) break;
    } catch (e) {
      lastErr = e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGTERM');
    throw new Error(`wrangler dev did not answer within 120 s: ${lastErr}${tail ? `\n${tail}` : ''}`);
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { child, url, secrets, stop, output: () => tail };
}

/** A TCP port on 127.0.0.1 that is free now (the OS picks it), for a dev server of its own. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** GET a URL over https trusting the local CA; resolves with the status code. */
export function healthz(url, ca) {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}
