// The student's dashboard in real Chromium: log in (the signed link, a pasted token, a kubeconfig
// file) and see the cluster as kubectl sees it. Assertions are on what the page shows.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { inject } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasChromium, SCREENSHOTS } from './browser';
import { adminApi, Dashboard, studentToken } from './dashboard-page';
import { kubectl } from './kubectl';

const nodeNames = () => kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}']).stdout.trim().split(/\s+/).sort();

const dash = new Dashboard();
const open = (path?: string) => dash.open(path);

beforeAll(async () => {
  if (!hasChromium) return;
  await dash.start();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => dash.stop());
afterEach(() => {
  expect(dash.takeErrors()).toEqual([]);
});

describe.skipIf(!hasChromium)('the student dashboard', () => {
  it('logs in from the signed link and draws every node kubectl lists, with their pods', async () => {
    const page = await open('/nodes');
    // The token left the address bar as soon as it was read.
    await page.waitForFunction(() => location.hash === '#/nodes');
    const names = nodeNames();
    for (const n of names) await page.locator(`[data-node="${n}"]`).waitFor();
    const shown = (await page.locator('.node .card-title').allTextContents()).sort();
    expect(shown).toEqual(names);
    // The control plane carries its static pods, and its role.
    const cp = page.locator('[data-node$="control-plane"]');
    await expect.poll(() => cp.locator('.chip').allTextContents()).toContainEqual(expect.stringContaining('kube-apiserver'));
    expect(await cp.textContent()).toContain('control-plane');
    await page.close();
  });

  it('logs in with a pasted token, and refuses a token that is not one', async () => {
    const page = await open();
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a kubeplay token');
    await page.getByLabel('Token').fill(studentToken());
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Nodes' }).click();
    await page.locator('.node').first().waitFor();
    expect(await page.locator('.node').count()).toBe(nodeNames().length);
    await page.close();
  });

  it('logs in with the kubeconfig file', async () => {
    const page = await open();
    await page.getByLabel('kubeconfig file').setInputFiles(inject('kubeconfig'));
    await page.locator('.cluster-name').waitFor();
    const tenant = /\/clusters\/([^/"\s]+)/.exec(readFileSync(inject('kubeconfig'), 'utf8'))![1];
    expect(await page.locator('.cluster-name').textContent()).toBe(tenant);
    // Dark mode: the system's choice until the toggle, then the user's, kept for the next visit.
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await expect.poll(theme).toBe('dark');
    await page.reload();
    await page.locator('.cluster-name').waitFor();
    expect(await theme()).toBe('dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
    await page.close();
  });

  it('shows a narrowed student (view in one namespace) what RBAC allows, and the refusals as kube-apiserver words them', async () => {
    const name = `dash-rbac-${process.pid}`;
    const made = await adminApi('POST', '/classrooms', { name, students: ['vera'], settings: { profile: 'fast', nodes: { count: 1 }, access: { role: 'view', namespace: 'team' } } });
    expect(made.status).toBe(201);
    const token = /token: (\S+)/.exec(made.body.students[0].kubeconfig)![1];
    try {
      const page = await dash.open('/ns/team/configmaps/kube-root-ca.crt/yaml', { token });
      // Reading in `team` works (view): the ConfigMap every namespace gets.
      await expect.poll(() => page.getByLabel('YAML', { exact: true }).textContent()).toContain('ca.crt');
      // Writing is refused by the cluster, with its Forbidden message.
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/configmaps "kube-root-ca.crt" is forbidden: User "[^"]+" cannot update resource "configmaps" in API group "" in the namespace "team"/);
      // Nodes are cluster-scoped: not for this student.
      await page.getByRole('link', { name: 'Nodes' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/nodes is forbidden: User "[^"]+" cannot list resource "nodes" in API group "" at the cluster scope/);
      await page.close();
    } finally {
      await adminApi('DELETE', `/classrooms/${name}`);
    }
  });
});
