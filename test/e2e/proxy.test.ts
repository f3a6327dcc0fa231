import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { kubectl, kubectlBinary } from './kubectl';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { freePort } from '../../scripts/lib/dev-server.mjs';

const ns = 'proxy-e2e';
const k = (...args: string[]) => kubectl(args);

const apps = `apiVersion: apps/v1
kind: Deployment
metadata: { name: hello }
spec:
  replicas: 3
  selector: { matchLabels: { app: hello } }
  template:
    metadata: { labels: { app: hello } }
    spec:
      containers:
      - { name: hello, image: "gcr.io/google-samples/hello-app:1.0", ports: [{ containerPort: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: hello }
spec:
  selector: { app: hello }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: nobody }
spec:
  selector: { app: nobody }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Pod
metadata: { name: wp, labels: { app: wp } }
spec:
  containers:
  - { name: wordpress, image: wordpress, ports: [{ containerPort: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - { name: nginx, image: nginx }
`;

const raw = (path: string, ...more: string[]) => k('get', '--raw', path, ...more);

describe('the API proxy', () => {
  let proxy: ChildProcess | undefined;
  let proxyUrl = '';

  beforeAll(async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: apps }).code).toBe(0);
    expect(k('rollout', 'status', 'deploy/hello', '-n', ns, '--timeout=60s').code).toBe(0);
    expect(k('wait', '--for=condition=Ready', 'pod/wp', 'pod/web', '-n', ns, '--timeout=60s').code).toBe(0);
    const port = await freePort();
    proxy = spawn(kubectlBinary(), ['--kubeconfig', inject('kubeconfig'), 'proxy', `--port=${port}`], { stdio: 'ignore', env: { ...process.env, KUBECTL_KUBERC: 'false' } });
    proxyUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${proxyUrl}/version`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(() => {
    proxy?.kill();
    k('delete', 'namespace', ns, '--wait=false');
  });

  it('reaches a Service port through kubectl get --raw, round robin over its pods', () => {
    const names = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const r = raw(`/api/v1/namespaces/${ns}/services/hello:80/proxy/`);
      expect(r.stdout).toMatch(/^Hello, world!\nVersion: 1\.0\.0\nHostname: hello-[a-z0-9]+-[a-z0-9]{5}$/m);
      names.add(/Hostname: (\S+)/.exec(r.stdout)![1]);
    }
    expect(names.size).toBe(3);
    // By port name, and with the scheme spelled out.
    expect(raw(`/api/v1/namespaces/${ns}/services/hello:http/proxy/`).stdout).toMatch(/Hello, world!/);
    expect(raw(`/api/v1/namespaces/${ns}/services/http:hello:http/proxy/`).stdout).toMatch(/Hello, world!/);
  });

  it('reaches a pod on its declared port, and follows the app redirect kept under the proxy', () => {
    expect(raw(`/api/v1/namespaces/${ns}/pods/web/proxy/`).stdout).toMatch(/<title>Welcome to nginx!<\/title>/);
    // WordPress redirects / to its installer: the Location is rewritten, so the client lands on it.
    expect(raw(`/api/v1/namespaces/${ns}/pods/wp/proxy/`).stdout).toMatch(/<title>WordPress &rsaquo; Installation<\/title>/);
    expect(raw(`/api/v1/namespaces/${ns}/pods/wp:80/proxy/wp-admin/install.php`).stdout).toMatch(/WordPress/);
  });

  it('answers the Status upstream answers when nothing can be reached', () => {
    expect(raw(`/api/v1/namespaces/${ns}/services/nobody:80/proxy/`).stderr).toMatch(/Error from server \(ServiceUnavailable\): no endpoints available for service "nobody"/);
    expect(raw(`/api/v1/namespaces/${ns}/services/hello:8080/proxy/`).stderr).toMatch(/Error from server \(ServiceUnavailable\): no service port 8080 found for service "hello"/);
    expect(raw(`/api/v1/namespaces/${ns}/pods/web:81/proxy/`).stderr).toMatch(/Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp [0-9.]+:81: connect: connection refused/);
    expect(raw(`/api/v1/namespaces/${ns}/pods/ghost/proxy/`).stderr).toMatch(/Error from server \(NotFound\): pods "ghost" not found/);
    expect(raw(`/api/v1/namespaces/${ns}/services/ftp:hello:80/proxy/`).stderr).toMatch(/Error from server \(BadRequest\): invalid service request "ftp:hello:80"/);
  });

  it("reaches the node's kubelet", () => {
    expect(raw('/api/v1/nodes/worker-1/proxy/healthz').stdout).toBe('ok');
    const pods = JSON.parse(raw('/api/v1/nodes/worker-1/proxy/pods').stdout);
    expect(pods.kind).toBe('PodList');
    expect(pods.items.every((p: any) => p.spec.nodeName === 'worker-1')).toBe(true);
    const summary = JSON.parse(raw('/api/v1/nodes/worker-1/proxy/stats/summary').stdout);
    expect(summary.node.nodeName).toBe('worker-1');
    expect(summary.node.memory.workingSetBytes).toBeGreaterThan(0);
    expect(JSON.parse(raw('/api/v1/nodes/worker-1/proxy/configz').stdout).kubeletconfig.clusterDNS).toEqual(['10.96.0.10']);
    expect(raw('/api/v1/nodes/worker-1/proxy/metrics/resource').stdout).toMatch(/^node_memory_working_set_bytes \d+/m);
  });

  it('serves kubectl proxy: the page, its redirects and every method', async () => {
    const base = `${proxyUrl}/api/v1/namespaces/${ns}`;
    const page = await fetch(`${base}/services/hello:80/proxy/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Hostname: hello-/);
    // No trailing slash: redirected to proxy/ as upstream does.
    const bare = await fetch(`${base}/pods/web/proxy`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(new URL(bare.headers.get('location')!, `${base}/pods/web/proxy`).pathname).toBe(`/api/v1/namespaces/${ns}/pods/web/proxy/`);
    const wp = await fetch(`${base}/pods/wp/proxy/`, { redirect: 'manual' });
    expect(wp.status).toBe(302);
    expect(wp.headers.get('location')).toBe(`/api/v1/namespaces/${ns}/pods/wp/proxy/wp-admin/install.php`);
    const followed = await fetch(`${base}/pods/wp/proxy/`);
    expect(followed.url).toBe(`${base}/pods/wp/proxy/wp-admin/install.php`);
    expect(await followed.text()).toMatch(/WordPress &rsaquo; Installation/);
    const post = await fetch(`${base}/pods/wp/proxy/wp-admin/install.php?step=1`, { method: 'POST', body: 'language=en_US' });
    expect(post.status).toBe(200);
    const missing = await fetch(`${base}/pods/web/proxy/nowhere.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/<center>nginx\/[0-9.]+<\/center>/);
  });

  it('authorizes pods/proxy and services/proxy with the verb of the method', () => {
    expect(k('create', 'rolebinding', 'viewer', '--clusterrole=view', '--user=viewer', '-n', ns).code).toBe(0);
    expect(k('create', 'rolebinding', 'editor', '--clusterrole=edit', '--user=editor', '-n', ns).code).toBe(0);
    expect(raw(`/api/v1/namespaces/${ns}/services/hello:80/proxy/`, '--as=viewer').stderr).toMatch(
      /Error from server \(Forbidden\): services "hello:80" is forbidden: User "viewer" cannot get resource "services\/proxy" in API group "" in the namespace "proxy-e2e"/,
    );
    expect(k('auth', 'can-i', 'create', 'pods/proxy', '-n', ns, '--as=viewer').stdout.trim()).toBe('no');
    expect(k('auth', 'can-i', 'create', 'pods/proxy', '-n', ns, '--as=editor').stdout.trim()).toBe('yes');
    expect(raw(`/api/v1/namespaces/${ns}/services/hello:80/proxy/`, '--as=editor').stdout).toMatch(/Hello, world!/);
  });

  it('prints cluster-info URLs that answer', () => {
    const plain = k('cluster-info').stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const url = /CoreDNS is running at (\S+)/.exec(plain)![1];
    const path = new URL(url).pathname.replace(/^\/clusters\/[^/]+/, '');
    // CoreDNS speaks DNS, not HTTP: the proxy says so as a Status, as on a real cluster.
    expect(raw(path).stderr).toMatch(/Error from server \(ServiceUnavailable\): error trying to reach service/);
  });
});
