// `node test/bench/port-forward.mjs [--quick]`: kubectl port-forward through `wrangler dev`.
// Measures the throughput of a large HTTP body (a 1 MiB file written into nginx's html
// directory by exec, fetched over one keep-alive connection through the tunnel) and first-byte
// latency (a new local connection, which opens two SPDY streams; and a request on a kept-alive
// one), each as a ratio to a plain WebSocket echo through the same Worker (`/_bench/echo`,
// routed only because this benchmark's dev server sets BENCH_ECHO) measured in the same run:
// the echo's round-trip throughput of the same bytes, and its round trip of one small message.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
import { kubeconfig, signTenantToken } from '../../scripts/lib/tokens.mjs';

const quick = process.argv.includes('--quick');
const BODIES = quick ? 8 : 32;
const LATENCY_N = quick ? 30 : 100;
const SIZE = (1 << 20) - 1024; // the simulated filesystem keeps files up to 1 MiB
const MIB = 1 << 20;

const dir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-pf-'));
const server = await startDevServer({ port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast', vars: { BENCH_ECHO: '1' } });
const tenant = 'bench-pf';
const token = await signTenantToken(server.secrets.signingJwk, { tenant, user: 'student:bench', groups: ['system:masters'] });
const kc = join(dir, 'kubeconfig');
writeFileSync(kc, kubeconfig({ server: `${server.url}/clusters/${tenant}`, caPem: server.secrets.caPem, token, tenant, user: tenant }));

/** kubectl 1.33 if it sits beside the default kubectl (port-forward over WebSocket), else kubectl. */
function kubectlBin() {
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  const pinned = which && join(dirname(realpathSync(which)), 'kubectl.1.33');
  return pinned && existsSync(pinned) ? pinned : 'kubectl';
}
const KUBECTL = kubectlBin();
const k = (args, input) => {
  const r = spawnSync(KUBECTL, ['--kubeconfig', kc, ...args], { encoding: 'utf8', input, env: { ...process.env, KUBECTL_KUBERC: 'false' }, maxBuffer: 8 * MIB });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

let forward;
try {
  k(['run', 'web', '--image=nginx:1.27']);
  k(['wait', '--for=condition=Ready', 'pod/web', '--timeout=120s']);
  const body = 'kubeplay port-forward benchmark '.repeat(Math.ceil(SIZE / 32)).slice(0, SIZE);
  k(['exec', '-i', 'web', '--', 'sh', '-c', 'cat > /usr/share/nginx/html/big.txt'], body);
  k(['exec', 'web', '--', 'sh', '-c', 'echo ok > /usr/share/nginx/html/small.txt']);

  const local = await freePort();
  forward = spawn(KUBECTL, ['--kubeconfig', kc, 'port-forward', 'pod/web', `${local}:80`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  await new Promise((resolve, reject) => {
    forward.stdout.on('data', (b) => String(b).includes('Forwarding from') && resolve());
    forward.on('exit', (code) => reject(new Error(`port-forward exited (${code})`)));
  });

  // Throughput through the tunnel: BODIES × ~1 MiB over one keep-alive connection.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const fetchBody = (path) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      let first;
      let n = 0;
      const req = request({ host: '127.0.0.1', port: local, path, agent }, (res) => {
        res.on('data', (c) => {
          first ??= performance.now() - t0;
          n += c.length;
        });
        res.on('end', () => resolve({ bytes: n, ms: performance.now() - t0, first }));
      });
      req.on('error', reject);
      req.end();
    });
  const warm = await fetchBody('/big.txt');
  if (warm.bytes !== SIZE) throw new Error(`big.txt is ${warm.bytes} bytes, not ${SIZE}`);
  let t0 = performance.now();
  for (let i = 0; i < BODIES; i++) await fetchBody('/big.txt');
  const pfMiBs = (BODIES * SIZE) / MIB / ((performance.now() - t0) / 1000);

  // First byte on a kept-alive connection, then on a new local connection each time.
  const keptAlive = [];
  for (let i = 0; i < LATENCY_N; i++) keptAlive.push((await fetchBody('/small.txt')).first);
  const fresh = [];
  for (let i = 0; i < LATENCY_N; i++) {
    fresh.push(
      await new Promise((resolve, reject) => {
        const start = performance.now();
        const s = connect(local, '127.0.0.1', () => s.write('GET /small.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
        s.once('data', () => {
          resolve(performance.now() - start);
          s.destroy();
        });
        s.on('error', reject);
      }),
    );
  }

  // The baseline: a WebSocket echo through the same Worker.
  const ws = new WebSocket(`${server.url.replace('https:', 'wss:')}/_bench/echo`, { ca: server.secrets.caPem });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let waiting;
  let got = 0;
  ws.on('message', (m) => {
    got += m.length;
    waiting?.();
  });
  const echo = async (bytes, chunk) => {
    got = 0;
    const start = performance.now();
    const done = new Promise((resolve) => (waiting = () => got >= bytes && resolve()));
    for (let at = 0; at < bytes; at += chunk) ws.send(Buffer.alloc(Math.min(chunk, bytes - at), 120));
    await done;
    return performance.now() - start;
  };
  await echo(SIZE, 64 << 10);
  t0 = performance.now();
  for (let i = 0; i < BODIES; i++) await echo(SIZE, 64 << 10);
  const echoMiBs = (BODIES * SIZE) / MIB / ((performance.now() - t0) / 1000);
  const echoRtt = [];
  for (let i = 0; i < LATENCY_N; i++) echoRtt.push(await echo(16, 16));
  ws.close();

  const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = (x) => x.toFixed(2);
  console.log(`\nport-forward through wrangler dev (${KUBECTL.replace(/^.*\//, '')}, ${BODIES} × ${(SIZE / MIB).toFixed(3)} MiB, ${LATENCY_N} samples)`);
  console.log(`throughput            ${f(pfMiBs).padStart(8)} MiB/s   echo ${f(echoMiBs).padStart(8)} MiB/s   ratio ${f(pfMiBs / echoMiBs)}`);
  console.log(`first byte, new conn  ${f(p50(fresh)).padStart(8)} ms p50   echo ${f(p50(echoRtt)).padStart(8)} ms p50   ratio ${f(p50(fresh) / p50(echoRtt))}`);
  console.log(`first byte, kept-alive${f(p50(keptAlive)).padStart(8)} ms p50   echo ${f(p50(echoRtt)).padStart(8)} ms p50   ratio ${f(p50(keptAlive) / p50(echoRtt))}`);
} finally {
  forward?.kill();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
