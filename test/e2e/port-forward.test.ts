import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import { availableMinors, kubectl, kubectlBinary, until } from './kubectl';
import { hasChromium, launchChromium } from './browser';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { freePort } from '../../scripts/lib/dev-server.mjs';

const ns = 'pf-e2e';
const k = (...args: string[]) => kubectl(args);

const apps = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - { name: nginx, image: "nginx:1.27", ports: [{ name: http, containerPort: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: wp }
spec:
  containers:
  - { name: wordpress, image: "wordpress:4.9-apache", env: [{ name: WORDPRESS_DB_HOST, value: 127.0.0.1 }] }
  - { name: mysql, image: "mysql:5.7", env: [{ name: MYSQL_ROOT_PASSWORD, value: pw }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: site }
spec:
  replicas: 1
  selector: { matchLabels: { app: site } }
  template:
    metadata: { labels: { app: site } }
    spec:
      containers:
      - { name: nginx, image: "nginx:1.27", ports: [{ name: http, containerPort: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: site }
spec:
  selector: { app: site }
  ports: [{ name: web, port: 8000, targetPort: http }]
`;

interface Forward {
  proc: ChildProcess;
  out: () => string;
  exited: () => boolean;
}

const running: ChildProcess[] = [];

/** Starts `kubectl port-forward ARGS` and waits until it prints that it forwards (or exits). */
async function portForward(args: string[], opts: { minor?: number; env?: Record<string, string>; kubeconfig?: string } = {}): Promise<Forward> {
  const proc = spawn(kubectlBinary(opts.minor), ['--kubeconfig', opts.kubeconfig ?? inject('kubeconfig'), 'port-forward', '-n', ns, ...args], {
    env: { ...process.env, KUBECTL_KUBERC: 'false', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(proc);
  let text = '';
  let exited = false;
  proc.stdout!.on('data', (b) => (text += b));
  proc.stderr!.on('data', (b) => (text += b));
  proc.on('exit', () => (exited = true));
  const f = { proc, out: () => text, exited: () => exited };
  await until(() => /Forwarding from/.test(text) || exited, 30_000);
  return f;
}

function stop(f?: Forward): void {
  if (f && !f.exited()) f.proc.kill();
}

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: string }> {
  const r = await fetch(url, { redirect: 'manual', ...init });
  return { status: r.status, headers: r.headers, body: await r.text() };
}

describe('kubectl port-forward', () => {
  beforeAll(() => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: apps }).code).toBe(0);
    expect(k('wait', '--for=condition=Ready', 'pod/web', 'pod/wp', '-n', ns, '--timeout=90s').code).toBe(0);
    expect(k('rollout', 'status', 'deploy/site', '-n', ns, '--timeout=90s').code).toBe(0);
  });

  afterAll(() => {
    for (const p of running) if (p.exitCode === null) p.kill();
    k('delete', 'namespace', ns, '--wait=false');
  });

  it("forwards a pod's numeric port: curl sees nginx's page, connection after connection", async () => {
    const port = await freePort();
    let f: Forward | undefined;
    try {
      f = await portForward(['pod/web', `${port}:80`], { minor: 33 });
      expect(f.out()).toContain(`Forwarding from 127.0.0.1:${port} -> 80`);
      for (let i = 0; i < 3; i++) {
        const r = await get(`http://127.0.0.1:${port}/`);
        expect(r.status).toBe(200);
        expect(r.headers.get('server')).toMatch(/^nginx\//);
        expect(r.body).toContain('<title>Welcome to nginx!</title>');
      }
      expect((await get(`http://127.0.0.1:${port}/missing`)).body).toContain('404 Not Found');
      expect(f.out()).toContain(`Handling connection for ${port}`);
      expect(f.exited()).toBe(false);
    } finally {
      stop(f);
    }
  });

  it('serves a file written into the pod by exec, and keeps one connection alive', async () => {
    expect(k('exec', 'web', '-n', ns, '--', 'sh', '-c', 'echo forwarded-by-kubeplay > /usr/share/nginx/html/pf.txt').code).toBe(0);
    const port = await freePort();
    let f: Forward | undefined;
    try {
      f = await portForward(['pod/web', `${port}:80`]);
      const r = spawnCurl([`http://127.0.0.1:${port}/pf.txt`, `http://127.0.0.1:${port}/pf.txt`]);
      const out = await r;
      expect(out.match(/forwarded-by-kubeplay/g)).toHaveLength(2);
      // curl reused the connection: one "Handling connection" for two requests.
      expect(out).toMatch(/Re-using existing connection|Reusing existing/);
    } finally {
      stop(f);
    }
  });

  it('forwards deploy/x and svc/x (named service port) on several ports at once, on 0.0.0.0', async () => {
    const [a, b, c] = [await freePort(), await freePort(), await freePort()];
    let svc: Forward | undefined;
    let dep: Forward | undefined;
    try {
      svc = await portForward(['svc/site', `${a}:web`, `${b}:8000`, '--address', '0.0.0.0']);
      dep = await portForward(['deploy/site', `${c}:80`]);
      expect(svc.out()).toContain(`Forwarding from 0.0.0.0:${a} -> 80`);
      expect(svc.out()).toContain(`Forwarding from 0.0.0.0:${b} -> 80`);
      for (const p of [a, b, c]) expect((await get(`http://127.0.0.1:${p}/`)).body).toContain('Welcome to nginx!');
    } finally {
      stop(svc);
      stop(dep);
    }
  });

  it("shows WordPress's redirect to its installer, and the install page", async () => {
    const port = await freePort();
    let f: Forward | undefined;
    try {
      f = await portForward(['pod/wp', `${port}:80`]);
      const r = await get(`http://127.0.0.1:${port}/`);
      expect(r.status).toBe(302);
      expect(r.headers.get('location')).toBe(`http://127.0.0.1:${port}/wp-admin/install.php`);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(await page.text()).toContain('WordPress &rsaquo; Installation');
    } finally {
      stop(f);
    }
  });

  it.skipIf(!hasChromium)('a browser follows WordPress to its install page through `--address 0.0.0.0`, as the course does', async () => {
    const port = await freePort();
    let f: Forward | undefined;
    const chromium = await launchChromium();
    try {
      f = await portForward(['--address', '0.0.0.0', 'wp', `${port}:80`]);
      const page = await chromium.context.newPage();
      const res = await page.goto(`http://127.0.0.1:${port}/`);
      expect(res?.status()).toBe(200);
      expect(page.url()).toBe(`http://127.0.0.1:${port}/wp-admin/install.php`);
      expect(await page.title()).toBe('WordPress › Installation');
    } finally {
      await chromium.close();
      stop(f);
    }
  });

  it('a port nothing listens on: kubectl prints the kubelet\'s connection refused and loses the pod', async () => {
    const port = await freePort();
    let f: Forward | undefined;
    try {
      f = await portForward(['pod/web', `${port}:81`]);
      await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      expect(await until(() => f!.exited(), 20_000)).toBe(true);
      expect(f.out()).toMatch(new RegExp(`an error occurred forwarding ${port} -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\\\"/var/run/netns/cni-[0-9a-f-]+\\\\": failed to connect to localhost:81 inside namespace \\\\"[0-9a-f]{64}\\\\", IPv4: dial tcp4 127.0.0.1:81: connect: connection refused`));
      expect(f.out()).toContain('error: lost connection to pod');
    } finally {
      stop(f);
    }
  });

  for (const minor of availableMinors([30]).filter((m) => m === 30)) {
    it('kubectl 1.30 forwards with KUBECTL_PORT_FORWARD_WEBSOCKETS=true, and is told why without it', async () => {
      const port = await freePort();
      let f: Forward | undefined;
      try {
        f = await portForward(['pod/web', `${port}:80`], { minor, env: { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'true' } });
        expect((await get(`http://127.0.0.1:${port}/`)).body).toContain('Welcome to nginx!');
      } finally {
        stop(f);
      }
      const refused = await portForward(['pod/web', `${await freePort()}:80`], { minor });
      expect(await until(() => refused.exited(), 20_000)).toBe(true);
      expect(refused.out()).toContain('error: error upgrading connection: Upgrade request required: kubeplay serves port-forward over WebSocket only: use kubectl 1.31 or later, or kubectl 1.30 with KUBECTL_PORT_FORWARD_WEBSOCKETS=true');
    });
  }

  for (const minor of availableMinors([29]).filter((m) => m === 29)) {
    it('kubectl 1.29 (SPDY only) gets a Status naming the kubectl to use', async () => {
      const f = await portForward(['pod/web', `${await freePort()}:80`], { minor });
      expect(await until(() => f.exited(), 20_000)).toBe(true);
      expect(f.proc.exitCode).not.toBe(0);
      expect(f.out()).toContain('use kubectl 1.31 or later, or kubectl 1.30 with KUBECTL_PORT_FORWARD_WEBSOCKETS=true');
    });
  }

  it('needs create on pods/portforward: edit may, a get-only Role may not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-e2e-'));
    const tokenConfig = (sa: string) => {
      const file = join(dir, `${sa}.kubeconfig`);
      writeFileSync(file, k('config', 'view', '--minify', '--raw', '--flatten').stdout);
      kubectl(['config', 'set-credentials', sa, `--token=${k('create', 'token', sa, '-n', ns).stdout.trim()}`], { kubeconfig: file });
      kubectl(['config', 'set-context', '--current', `--user=${sa}`], { kubeconfig: file });
      return file;
    };
    k('create', 'serviceaccount', 'editor', '-n', ns);
    k('create', 'rolebinding', 'editor', '--clusterrole=edit', `--serviceaccount=${ns}:editor`, '-n', ns);
    k('create', 'serviceaccount', 'getter', '-n', ns);
    k('create', 'role', 'pf-get', '--verb=get', '--resource=pods,pods/portforward', '-n', ns);
    k('create', 'rolebinding', 'getter', '--role=pf-get', `--serviceaccount=${ns}:getter`, '-n', ns);
    const port = await freePort();
    let f: Forward | undefined;
    try {
      f = await portForward(['pod/web', `${port}:80`], { kubeconfig: tokenConfig('editor') });
      expect((await get(`http://127.0.0.1:${port}/`)).body).toContain('Welcome to nginx!');
    } finally {
      stop(f);
    }
    const refused = await portForward(['pod/web', `${await freePort()}:80`], { kubeconfig: tokenConfig('getter') });
    expect(await until(() => refused.exited(), 20_000)).toBe(true);
    expect(refused.out()).toContain(`pods "web" is forbidden: User "system:serviceaccount:${ns}:getter" cannot create resource "pods/portforward" in API group "" in the namespace "${ns}"`);
  });

  it("@kubernetes/client-node's PortForward forwards local connections over the channel protocol, and reports a refused port", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject('kubeconfig'));
    const forward = new PortForward(kc);
    const errors: string[] = [];
    const target = { port: 80 };
    const server = createServer((socket) => {
      const err = { write: (b: Buffer) => errors.push(b.toString()) } as unknown as NodeJS.WritableStream;
      void forward.portForward(ns, 'web', [target.port], socket, err, socket);
    });
    try {
      const port = await freePort();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      const r = await get(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
      expect(r.status).toBe(200);
      expect(r.body).toContain('<title>Welcome to nginx!</title>');
      // client-node leaves the local socket open when the WebSocket closes: send, do not wait.
      target.port = 81;
      const probe = connect(port, '127.0.0.1', () => probe.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      probe.on('error', () => undefined);
      expect(await until(() => errors.join('').includes('connection refused'), 20_000)).toBe(true);
      probe.destroy();
      expect(errors.join('')).toMatch(/error forwarding port 81 to pod [0-9a-f]{64}, uid : /);
    } finally {
      server.close();
    }
  });
});

/** curl -v of `urls` in one invocation (so it may reuse its connection); stdout and stderr. */
function spawnCurl(urls: string[]): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn('curl', ['-sv', ...urls], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.on('exit', () => resolve(out));
  });
}
