import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, SCREENSHOTS } from './browser';
import { kubectl, until } from './kubectl';
import { appsManifest, credentials } from './apps-fixtures';

const ns = 'browser-apps';
const NODE_PORT = 31902;
const HOST = 'hello.browser.test';
const k = (...args: string[]) => kubectl(args);

/** `npx kubeplay open ADDRESS` as a student runs it: the signed link it prints. */
function openLink(address: string, kubeconfig: string): string {
  const r = spawnSync(process.execPath, ['src/cli/index.mjs', 'open', address, '--kubeconfig', kubeconfig], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

const hostname = async (page: Page) => /Hostname: (\S+)/.exec((await page.textContent('body')) ?? '')?.[1];

describe.skipIf(!hasChromium)("a student's apps in Chromium", () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let root = '';
  let tenant = '';
  const lbIP = (name: string) => k('get', 'svc', name, '-n', ns, '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}').stdout;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: appsManifest(NODE_PORT, HOST) }).code).toBe(0);
    expect(k('rollout', 'status', 'deploy/hello', '-n', ns, '--timeout=60s').code).toBe(0);
    expect(k('wait', '--for=condition=Ready', 'pod/wp', '-n', ns, '--timeout=60s').code).toBe(0);
    expect(await until(() => /^172\.18\.255\./.test(lbIP('hello-lb')) && /^172\.18\.255\./.test(lbIP('wp')))).toBe(true);
    tenant = credentials(inject('kubeconfig')).tenant;
    root = `https://${tenant}.apps.localhost:${new URL(inject('serverUrl')).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    k('delete', 'namespace', ns, '--wait=false');
  });

  it('opens the NodePort Service from the signed link, round robin over the replicas', async () => {
    const nodeIP = k('get', 'node', 'worker-1', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}').stdout;
    const page = await browser.context.newPage();
    const res = await page.goto(openLink(`${nodeIP}:${NODE_PORT}/`, inject('kubeconfig')));
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${root}/${nodeIP}:${NODE_PORT}/`);
    expect(await page.textContent('body')).toMatch(/Hello, world!\s+Version: 1\.0\.0\s+Hostname: hello-/);
    expect(res?.headers()['x-kubeplay-pod']).toBe(`${ns}/${await hostname(page)}`);
    await shot(page, 'app-nodeport');
    const seen = new Set([await hostname(page)]);
    for (let i = 0; i < 2; i++) {
      await page.reload();
      seen.add(await hostname(page));
    }
    expect(seen.size).toBe(3);
    const pods = k('get', 'pods', '-n', ns, '-l', 'app=hello', '-o', 'jsonpath={.items[*].metadata.name}').stdout.split(' ');
    expect([...seen].sort()).toEqual(pods.sort());
    await page.close();
  });

  it('opens the LoadBalancer Service at its EXTERNAL-IP, signed in by the cookie', async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(`${root}/${lbIP('hello-lb')}/`);
    expect(res?.status()).toBe(200);
    expect(await page.textContent('body')).toMatch(/Hostname: hello-/);
    await shot(page, 'app-loadbalancer');
    // WordPress redirects to its installer at its own host: the browser stays under the app URL.
    const wp = await page.goto(`${root}/${lbIP('wp')}/`);
    expect(wp?.status()).toBe(200);
    expect(page.url()).toBe(`${root}/${lbIP('wp')}/wp-admin/install.php`);
    expect(await page.title()).toBe('WordPress › Installation');
    await shot(page, 'app-wordpress');
    await page.close();
  });

  it('opens the Ingress by its host, and lists what is reachable', async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(`${root}/${HOST}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['server']).toBe('nginx');
    expect(await page.textContent('body')).toMatch(/Hostname: hello-/);
    await shot(page, 'app-ingress');
    const missing = await page.goto(`${root}/nowhere.browser.test/`);
    expect(missing?.status()).toBe(404);
    expect(await page.textContent('body')).toMatch(/404 Not Found\s+nginx/);
    await page.goto(`${root}/_kubeplay/`);
    expect(await page.locator(`a[href="${root}/${HOST}/"]`).count()).toBe(1);
    await shot(page, 'app-index');
    await page.close();
  });

  it("refuses another student's credentials", async () => {
    const other = await launchChromium();
    try {
      const page = await other.context.newPage();
      // Signed in to their own cluster's apps…
      const own = await page.goto(openLink('/', inject('otherKubeconfig')));
      expect(own?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('Your cluster from outside');
      // …they cannot reach this student's app: their cookie is not this host's.
      const refused = await page.goto(`${root}/${lbIP('hello-lb')}/`);
      expect(refused?.status()).toBe(401);
      expect(await page.textContent('h1')).toBe('Sign in to reach this app');
      await shot(page, 'app-refused-401');
      // Nor with their token, nor with their link's ticket at this host.
      await other.context.setExtraHTTPHeaders({ Authorization: `Bearer ${credentials(inject('otherKubeconfig')).token}` });
      const forbidden = await page.goto(`${root}/${lbIP('hello-lb')}/`);
      expect(forbidden?.status()).toBe(403);
      expect(await page.textContent('h1')).toBe('Not your cluster');
      await shot(page, 'app-refused-403');
      await other.context.setExtraHTTPHeaders({});
      const ticket = new URL(openLink('/', inject('otherKubeconfig'))).searchParams.get('ticket')!;
      const stolen = await page.goto(`${root}/_kubeplay/login?ticket=${encodeURIComponent(ticket)}&to=/`);
      expect(stolen?.status()).toBe(401);
    } finally {
      await other.close();
    }
  });
});
