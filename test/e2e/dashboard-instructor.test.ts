// The instructor's dashboard in real Chromium: log in with the admin token, see a classroom of 30
// students live, reset one (its objects gone, its kubeconfig still working), read a student's
// kubectl commands in the audit timeline, open a student's cluster read-only. Assertions are on
// what the page shows (and on what kubectl shows after an action).
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { inject } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, SCREENSHOTS } from './browser';
import { kubectl, until } from './kubectl';

const CLASS = `dash-class-${process.pid}`;
const STUDENTS = Array.from({ length: 30 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const cli = join(new URL('../..', import.meta.url).pathname, 'src', 'cli', 'index.mjs');
let dir = '';
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
const pageErrors: string[] = [];

const kc = (student: string) => join(dir, 'kubeconfigs', `${student}.kubeconfig`);
const as = (student: string, ...args: string[]) => kubectl(args, { kubeconfig: kc(student) });

beforeAll(async () => {
  if (!hasChromium) return;
  dir = mkdtempSync(join(tmpdir(), 'kubeplay-dash-class-'));
  writeFileSync(join(dir, 'ca.crt'), inject('caPem'));
  const r = spawnSync(process.execPath, [cli, 'classroom', 'create', CLASS, '--students', STUDENTS.join(','), '--profile', 'fast', '--nodes', '2', '--out', join(dir, 'kubeconfigs'), '--server', inject('serverUrl'), '--token', inject('adminToken'), '--ca', join(dir, 'ca.crt')], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`classroom create failed: ${r.stdout}${r.stderr}`);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

/** A page logged in as the instructor through the signed link, at `route`. */
async function open(route: string, opts: { dark?: boolean; width?: number } = {}): Promise<Page> {
  const page = await browser!.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${e.message}\n${e.stack}`));
  if (opts.dark) await page.emulateMedia({ colorScheme: 'dark' });
  if (opts.width) await page.setViewportSize({ width: opts.width, height: 900 });
  await page.goto(`${inject('serverUrl')}/#token=${inject('adminToken')}&${route}`);
  return page;
}

const row = (page: Page, student: string) => page.locator(`tr[data-student="${student}"]`);
const cell = async (page: Page, student: string, col: string) => ((await row(page, student).locator(`[data-col="${col}"]`).textContent()) ?? '').trim();

describe.skipIf(!hasChromium)('the instructor dashboard', () => {
  it('logs in with the admin token and lists the classroom with its 30 students, live', async () => {
    const page = await browser!.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${inject('serverUrl')}/`);
    await page.getByLabel('Token').fill(inject('adminToken'));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator(`tr[data-classroom="${CLASS}"]`).waitFor();
    expect(await page.locator(`tr[data-classroom="${CLASS}"] td`).first().textContent()).toBe('30');
    await page.getByRole('link', { name: CLASS }).click();
    await row(page, 's30').waitFor();
    const shown = await page.locator('tr[data-student] th a').allTextContents();
    expect(shown).toEqual(STUDENTS);
    // Live: a student's deployment shows up in the roster without a reload.
    expect(as('s01', 'create', 'deployment', 'web', '--image=nginx', '--replicas=3').code).toBe(0);
    await expect.poll(() => cell(page, 's01', 'running'), { timeout: 60_000 }).toBe('3');
    expect(await cell(page, 's01', 'state')).toBe('Active');
    expect(Number(await cell(page, 's01', 'objects'))).toBeGreaterThan(0);
    expect(await cell(page, 's02', 'activity')).toBe('never');
    // A pod that cannot start counts as failing, and the row says so.
    expect(as('s02', 'run', 'broken', '--image=busybox', '--', 'sh', '-c', 'exit 3').code).toBe(0);
    await expect.poll(() => cell(page, 's02', 'failing'), { timeout: 60_000 }).toBe('1');
    expect(await row(page, 's02').getAttribute('class')).toContain('row-bad');
    expect(await page.locator('.stat.bad .stat-value').textContent()).toBe('1');
    await page.screenshot({ path: join(SCREENSHOTS, 'instructor-roster.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'instructor-roster-dark-tablet.png') });
    await page.close();
  });

  it('shows a student\'s kubectl commands in the audit timeline, newest first, with their results', async () => {
    expect(as('s03', 'create', 'deployment', 'shop', '--image=nginx').code).toBe(0);
    expect(as('s03', 'scale', 'deployment', 'shop', '--replicas=2').code).toBe(0);
    expect(as('s03', 'get', 'configmap', 'missing').code).not.toBe(0);
    const page = await open(`/classrooms/${CLASS}/students/s03`);
    const entries = page.locator('.entry[data-command^="kubectl"]');
    await expect.poll(() => page.locator('.entry .command').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining(['kubectl scale']));
    const commands = await page.locator('.entry .command').allTextContents();
    // Newest first: the failed get, the scale, the create.
    expect(commands.slice(0, 3)).toEqual(['kubectl get', 'kubectl scale', 'kubectl create deployment']);
    const get = entries.nth(0);
    expect(await get.locator('.entry-head .badge').textContent()).toBe('404');
    expect(await get.locator('.request').first().textContent()).toMatch(/^get configmaps\/missing -n default\s*404$/);
    const scale = entries.nth(1);
    expect(await scale.locator('.request').allTextContents()).toContainEqual(expect.stringMatching(/^patch deployments\.apps\/shop scale -n default\s*200$/));
    const create = entries.nth(2);
    expect(await create.locator('.request').allTextContents()).toContainEqual(expect.stringMatching(/^create deployments\.apps\/shop -n default\s*201$/));
    // A new command appears without a reload; "Changes only" hides the reads.
    expect(as('s03', 'label', 'deployment', 'shop', 'tier=web').code).toBe(0);
    await expect.poll(() => page.locator('.entry .command').first().textContent(), { timeout: 30_000 }).toBe('kubectl label');
    await page.getByLabel('Changes only').check();
    expect(await page.locator('.entry .command').allTextContents()).not.toContain('kubectl get');
    await page.getByLabel('Changes only').uncheck();
    await page.screenshot({ path: join(SCREENSHOTS, 'instructor-timeline.png') });
    // Keyboard: j moves between entries.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-command'))).toBe('kubectl get');
    await page.close();
  });

  it('resets a student\'s cluster after a confirmation: its objects gone, its kubeconfig still working', async () => {
    expect(as('s04', 'create', 'deployment', 'doomed', '--image=nginx', '--replicas=2').code).toBe(0);
    expect(as('s04', 'create', 'configmap', 'notes', '--from-literal=a=b').code).toBe(0);
    const page = await open(`/classrooms/${CLASS}`);
    await expect.poll(() => cell(page, 's04', 'running'), { timeout: 60_000 }).toBe('2');
    const before = Number(await cell(page, 's04', 'objects'));
    const dialog = page.getByRole('dialog');
    expect(await dialog.isVisible()).toBe(false);
    await row(page, 's04').getByRole('button', { name: 'Reset…' }).click();
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Reset s04\'s cluster?');
    // Cancel leaves it alone; Escape too.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(as('s04', 'get', 'configmap', 'notes', '-o', 'name').stdout.trim()).toBe('configmap/notes');
    await row(page, 's04').getByRole('button', { name: 'Reset…' }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'instructor-reset-confirm.png') });
    await dialog.getByRole('button', { name: 'Reset s04' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('s04\'s cluster was reset.');
    await expect.poll(() => cell(page, 's04', 'running'), { timeout: 30_000 }).toBe('0');
    expect(Number(await cell(page, 's04', 'objects'))).toBeLessThan(before);
    // The same kubeconfig reaches a fresh cluster.
    const cm = as('s04', 'get', 'configmap', 'notes');
    expect(cm.code).not.toBe(0);
    expect(cm.out).toMatch(/NotFound|not found/);
    expect(as('s04', 'get', 'deployments').out).toMatch(/No resources found/);
    expect(as('s04', 'get', 'namespace', 'default', '-o', 'name').stdout.trim()).toBe('namespace/default');
    expect(await cell(page, 's01', 'running')).toBe('3');
    await page.close();
  });

  it('opens a student\'s cluster read-only: their pods on their nodes, with the ClusterRole view', async () => {
    const page = await open(`/classrooms/${CLASS}`);
    await row(page, 's01').getByRole('link', { name: 'Open' }).click();
    await page.locator('.readonly-banner').waitFor();
    await page.getByRole('link', { name: 'Nodes' }).click();
    const nodes = as('s01', 'get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}').stdout.trim().split(/\s+/).sort();
    for (const n of nodes) await page.locator(`[data-node="${n}"]`).waitFor();
    const pods = as('s01', 'get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}').stdout.trim().split(/\s+/).sort();
    expect(pods).toHaveLength(3);
    await expect.poll(async () => (await page.locator('.chip').allTextContents()).filter((t) => t.includes('web-')).map((t) => t.replace(/^default\//, '')).sort()).toEqual(pods);
    expect(await page.locator('.crumbs').textContent()).toContain('read-only');
    await page.screenshot({ path: join(SCREENSHOTS, 'instructor-readonly-nodes.png') });
    // The student's workloads, and a pod without a terminal or an edit: the view role reads only.
    await page.getByRole('link', { name: 'Workloads' }).click();
    await page.locator('[data-kind="Deployment"][data-name="web"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'instructor-readonly-workloads.png') });
    await page.locator('[data-kind="Pod"] a.tree-name').first().click();
    await page.getByRole('tab', { name: 'Logs' }).waitFor();
    expect(await page.getByRole('tab').allTextContents()).not.toContain('Terminal');
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page.locator('.yaml .toolbar').waitFor();
    expect(await page.locator('.yaml .toolbar').textContent()).toContain('resourceVersion');
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    // The reads were the instructor's, under the view token: the student's timeline hides them until asked.
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.locator('.entry').first().waitFor();
    await page.getByLabel('Show instructors\' reads').check();
    await expect.poll(() => page.locator('.entry .who').allTextContents(), { timeout: 30_000 }).toContainEqual('as instructor:instructor');
    await page.close();
  });
});
