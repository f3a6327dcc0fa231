// The student's dashboard at work, in real Chromium: a Deployment's pods appearing live after
// `kubectl scale`, a pod's logs following, `hostname` in a terminal, a ConfigMap edited in the
// page and read back with kubectl. Each test asserts on what the page shows.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasChromium, SCREENSHOTS } from './browser';
import { Dashboard } from './dashboard-page';
import { kubectl, until } from './kubectl';

const ns = 'dash-e2e';
const k = (...args: string[]) => kubectl(args);
const dash = new Dashboard();
const shot = (name: string) => join(SCREENSHOTS, name);

const fixtures = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
  greeting: hello
---
apiVersion: v1
kind: Pod
metadata:
  name: ticker
  labels: { app: ticker }
spec:
  containers:
  - name: main
    image: busybox
    # One line a second of real time (the tests' fast profile runs a thousand times quicker).
    command: ["sh", "-c", "echo ticker-started; while true; do echo tick; sleep 1000; done"]
    resources:
      requests: { cpu: 100m, memory: 64Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
  - port: 80
`;

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  k('delete', 'namespace', ns, '--ignore-not-found', '--wait=true');
  expect(k('create', 'namespace', ns).code).toBe(0);
  expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: fixtures }).code).toBe(0);
  expect(k('create', 'deployment', 'web', '--image=nginx', '--replicas=1', '-n', ns).code).toBe(0);
  expect(k('set', 'resources', 'deployment/web', '-n', ns, '--requests=cpu=250m,memory=128Mi').code).toBe(0);
  expect(k('rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s').code).toBe(0);
  expect(k('wait', '--for=condition=Ready', 'pod/ticker', '-n', ns, '--timeout=60s').code).toBe(0);
  await dash.start();
});
afterAll(async () => {
  await dash.stop();
  k('delete', 'namespace', ns, '--ignore-not-found', '--wait=false');
});
afterEach(() => {
  expect(dash.takeErrors()).toEqual([]);
});

const webPods = () => k('get', 'pods', '-n', ns, '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].metadata.name}').stdout.trim().split(/\s+/).filter(Boolean).sort();

describe.skipIf(!hasChromium)('the student dashboard, live', () => {
  it("shows a Deployment's new pods in its tree after kubectl scale, without a reload", async () => {
    const page = await dash.open(`/ns/${ns}/workloads`);
    const deploy = page.locator('.tree-row[data-kind="Deployment"][data-name="web"]');
    await deploy.waitFor();
    // Deployment → its ReplicaSet (revision 2 after `set resources`) → one pod.
    const rs = page.locator('.tree-row[data-kind="ReplicaSet"]', { hasText: 'rev 2' });
    await rs.waitFor();
    const podRows = () => page.locator('[role="group"] .tree-row[data-kind="Pod"][data-name^="web-"]');
    await expect.poll(async () => (await podRows().allInnerTexts()).filter((t) => t.includes('Running')).length).toBe(1);
    const loaded = await page.evaluate(() => performance.getEntriesByType('navigation').length);

    expect(k('scale', 'deployment/web', '--replicas=3', '-n', ns).code).toBe(0);
    expect(await until(() => webPods().length === 3)).toBe(true);
    await expect.poll(async () => (await podRows().evaluateAll((rows) => rows.filter((r) => r.textContent!.includes('Running')).map((r) => r.getAttribute('data-name')))).sort(), { timeout: 30_000 }).toEqual(webPods());
    expect(await deploy.textContent()).toContain('3/3 ready');
    // Still the same document: the pods came in over the watches.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loaded);
    await page.screenshot({ path: shot('student-workloads.png') });
    // The same pods on the nodes' drawing, with what they request.
    await page.getByRole('link', { name: 'Nodes' }).click();
    for (const p of webPods()) await page.locator('.node .chip', { hasText: p }).waitFor();
    await page.screenshot({ path: shot('student-nodes.png') });
    await page.close();
  });

  it('is driven from the keyboard: rows with j/k, branches with ←/→, Enter to open, g n for nodes, ? for help', async () => {
    const page = await dash.open(`/ns/${ns}/workloads`);
    await page.locator('.tree-row[data-kind="Pod"][data-name^="web-"]').first().waitFor();
    await page.locator('#main').focus();
    await page.keyboard.press('j');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.name);
    expect(await focused()).toBe('web');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('.tree-row[data-kind="Pod"][data-name^="web-"]').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.tree-row[data-kind="Pod"][data-name^="web-"]').count()).toBe(3);
    await page.keyboard.press('j');
    expect(await focused()).toMatch(/^web-[a-z0-9]+$/);
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => location.hash === `#/ns/${n}/deployments/web`, ns);
    expect(await page.locator('.scale output').textContent()).toBe('3');
    await page.locator('.section', { hasText: 'ReplicaSets' }).waitFor();
    await page.screenshot({ path: shot('student-deployment.png'), fullPage: true });
    await page.keyboard.press('g');
    await page.keyboard.press('n');
    await page.waitForFunction(() => location.hash === '#/nodes');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    expect(await page.getByRole('dialog').textContent()).toContain('g n');
    await page.close();
  });

  it('filters the pods with / and opens a node from its pod', async () => {
    const page = await dash.open(`/ns/${ns}/pods`);
    await page.locator('tr[data-pod="ticker"]').waitFor();
    await page.locator('#main').focus();
    await page.keyboard.press('/');
    await page.keyboard.type('app=ticker');
    await expect.poll(() => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pod')))).toEqual(['ticker']);
    await page.getByRole('searchbox').fill('');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(4);
    await page.screenshot({ path: shot('student-pods.png') });
    const node = k('get', 'pod', 'ticker', '-n', ns, '-o', 'jsonpath={.spec.nodeName}').stdout;
    await page.locator('tr[data-pod="ticker"]').getByRole('link', { name: 'ticker' }).click();
    await page.getByRole('link', { name: node, exact: true }).click();
    await page.waitForFunction((n) => location.hash === `#/cluster/nodes/${n}`, node);
    await page.locator('.section', { hasText: 'Allocated' }).waitFor();
    await expect.poll(() => page.locator('tr[data-pod="ticker"]').count()).toBe(1);
    await page.screenshot({ path: shot('student-node.png'), fullPage: true });
    await page.close();
  });

  it("follows a pod's logs as the container prints", async () => {
    const page = await dash.open(`/ns/${ns}/pods/ticker/logs`);
    const view = page.getByLabel('logs of main');
    await expect.poll(() => view.textContent()).toContain('ticker-started\ntick\n');
    const before = (await view.textContent())!.split('\n').length;
    // The stream stays open and new lines arrive.
    await expect.poll(async () => (await view.textContent())!.split('\n').length, { timeout: 20_000 }).toBeGreaterThan(before);
    expect(await page.locator('.stream-state').textContent()).toContain('following');
    await page.screenshot({ path: shot('student-logs.png') });
    await page.close();
  });

  it("runs hostname in the pod's terminal and shows the pod's name", async () => {
    const pod = webPods()[0];
    const page = await dash.open(`/ns/${ns}/pods/${pod}/terminal`);
    await page.locator('.stream-state', { hasText: 'connected' }).waitFor();
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('hostname\r');
    const lines = () => page.locator('.xterm-rows > div').allInnerTexts();
    await expect.poll(async () => (await lines()).map((l) => l.trim())).toContain(pod);
    await page.keyboard.type('echo $((6*7))\r');
    await expect.poll(async () => (await lines()).map((l) => l.trim())).toContain('42');
    await page.screenshot({ path: shot('student-terminal.png') });
    await page.close();
  });

  it("edits a ConfigMap's YAML in the page (PUT, then a forced server-side apply) and kubectl sees each change", async () => {
    const page = await dash.open(`/ns/${ns}/configmaps/settings/yaml`);
    await page.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByLabel('YAML editor');
    const text = await editor.inputValue();
    expect(text).toContain('color: blue');
    await editor.fill(text.replace('color: blue', 'color: green'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(k('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.data.color}').stdout).toBe('green');
    // The page's YAML follows the object (the watch), then an apply as kubeplay-dashboard.
    await expect.poll(() => page.getByLabel('YAML', { exact: true }).textContent()).toContain('color: green');
    await page.getByRole('button', { name: 'Edit' }).click();
    await editor.fill((await editor.inputValue()).replace('color: green', 'color: red'));
    await page.getByRole('button', { name: 'Apply (server-side)' }).click();
    // The field belongs to the page's own edit (an Update): applying it is a conflict, as upstream.
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('conflict with "kubeplay-dashboard-edit"');
    expect(k('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.data.color}').stdout).toBe('green');
    await page.getByRole('button', { name: /Force apply/ }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
    expect(k('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.data.color}').stdout).toBe('red');
    expect(k('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.metadata.managedFields[*].manager}').stdout).toContain('kubeplay-dashboard');
    await page.screenshot({ path: shot('student-yaml.png') });
    await page.close();
  });

  it('shows a Service with its endpoints, and a pod described, in dark mode at tablet width', async () => {
    const page = await dash.open(`/ns/${ns}/services`, { dark: true, viewport: { width: 820, height: 1100 } });
    const svc = page.locator('[data-service="web"]');
    await expect.poll(async () => (await svc.locator('.endpoints li').allInnerTexts()).length, { timeout: 30_000 }).toBe(3);
    for (const p of webPods()) expect(await svc.textContent()).toContain(p);
    await page.screenshot({ path: shot('student-services-dark-tablet.png') });
    await page.goto(`${page.url().split('#')[0]}#/ns/${ns}/pods/ticker`);
    await page.locator('.container', { hasText: 'busybox' }).waitFor();
    expect(await page.locator('.describe').textContent()).toContain('Running since');
    await page.screenshot({ path: shot('student-pod-dark-tablet.png'), fullPage: true });
    await page.getByRole('link', { name: 'Events' }).first().click();
    await page.locator('.table.events tbody tr').first().waitFor();
    expect(await page.locator('.table.events').textContent()).toContain('ScalingReplicaSet');
    await page.screenshot({ path: shot('student-events-dark-tablet.png') });
    await page.close();
  });

  it('draws StatefulSets, DaemonSets and a CronJob with its Jobs, each with its pods', async () => {
    const kinds = 'dash-e2e-kinds';
    k('delete', 'namespace', kinds, '--ignore-not-found', '--wait=true');
    expect(k('create', 'namespace', kinds).code).toBe(0);
    const manifests = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  replicas: 2
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: redis }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: agent, image: busybox, command: ["sleep", "3600"] }] }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: backup }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: backup, image: busybox, command: ["echo", "saved"] }]
`;
    expect(kubectl(['apply', '-n', kinds, '-f', '-'], { input: manifests }).code).toBe(0);
    expect(k('create', 'job', 'backup-manual', '--from=cronjob/backup', '-n', kinds).code).toBe(0);
    const page = await dash.open(`/ns/${kinds}/workloads`);
    const row = (kind: string, name: string) => page.locator(`.tree-row[data-kind="${kind}"][data-name="${name}"]`);
    for (const n of ['db-0', 'db-1']) await row('Pod', n).waitFor();
    expect(await row('StatefulSet', 'db').textContent()).toMatch(/\d\/2 ready/);
    // One agent pod per node that accepts it (the workers; the control plane is tainted).
    const workers = k('get', 'nodes', '-l', '!node-role.kubernetes.io/control-plane', '-o', 'name').stdout.trim().split('\n').length;
    await expect.poll(() => page.locator('[role="group"] .tree-row[data-kind="Pod"][data-name^="agent-"]').count()).toBe(workers);
    await row('Job', 'backup-manual').waitFor();
    // The Job sits under its CronJob, and its pod completes.
    expect(await page.locator('[role="treeitem"][data-name="backup"] + [role="group"] [data-name="backup-manual"]').count()).toBe(1);
    await row('Job', 'backup-manual').filter({ hasText: 'Complete' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: shot('student-workloads-kinds.png') });
    await page.close();
    k('delete', 'namespace', kinds, '--wait=false');
  });
});
