import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { kubectl, until } from './kubectl';

const k = (...args: string[]) => kubectl(args);
const chart = fileURLToPath(new URL('../fixtures/charts/widgets', import.meta.url));
const CRD = 'widgets.charts.kubeplay.test';

/** helm 4 against the test cluster. */
function helm(ns: string, ...args: string[]) {
  const r = spawnSync(inject('helm'), ['--kubeconfig', inject('kubeconfig'), '-n', ns, ...args], { encoding: 'utf8', timeout: 150_000 });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('custom resources with helm and @kubernetes/client-node', () => {
  it('helm installs a chart that ships a CRD in crds/, then the custom resource of its templates', () => {
    k('create', 'namespace', 'crd-helm');
    const r = helm('crd-helm', 'install', 'shop', chart, '--wait', '--timeout', '60s');
    expect(r.out).toMatch(/STATUS: deployed/);
    expect(r.code).toBe(0);
    expect(k('get', 'crd', CRD, '-o', 'jsonpath={.status.conditions[?(@.type=="Established")].status}').stdout).toBe('True');
    expect(k('get', 'wdg', '-n', 'crd-helm').stdout).toMatch(/^NAME\s+SIZE\s+COLOR\nshop-widget\s+3\s+blue\n$/);
    // helm 4 applies server-side: its manager owns the widget's fields.
    expect(k('get', 'widget', 'shop-widget', '-n', 'crd-helm', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].operation}').stdout).toContain('Apply');
  });

  it('helm upgrades the custom resource and uninstalls it, leaving the CRD (as helm does with crds/)', () => {
    const up = helm('crd-helm', 'upgrade', 'shop', chart, '--set', 'size=5', '--wait', '--timeout', '60s');
    expect(up.out).toMatch(/Release "shop" has been upgraded/);
    expect(k('get', 'wdg', 'shop-widget', '-n', 'crd-helm', '-o', 'jsonpath={.spec.size} {.metadata.generation}').stdout).toBe('5 2');
    expect(helm('crd-helm', 'uninstall', 'shop', '--wait').out).toMatch(/release "shop" uninstalled/);
    expect(k('get', 'wdg', '-n', 'crd-helm').out).toContain('No resources found in crd-helm namespace.');
    expect(k('get', 'crd', CRD).code).toBe(0);
  });

  it('CustomObjectsApi creates, lists and watches custom resources', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject('kubeconfig'));
    const api = kc.makeApiClient(CustomObjectsApi);
    const ns = 'crd-helm';
    const group = 'charts.kubeplay.test';
    const body = (name: string, size: number) => ({ apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name }, spec: { size } });
    const created = await api.createNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets', body: body('from-node', 2) });
    // The schema's default fills the color.
    expect(created.spec).toEqual({ size: 2, color: 'grey' });
    const list = await api.listNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets' });
    expect(list.kind).toBe('WidgetList');
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['from-node']);

    const events: string[] = [];
    let abort: AbortController | undefined;
    abort = await new Watch(kc).watch(`/apis/${group}/v1/namespaces/${ns}/widgets`, { resourceVersion: list.metadata.resourceVersion }, (type, obj) => events.push(`${type} ${obj.metadata.name} ${obj.spec.size}`), () => {});
    try {
      await api.patchNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets', name: 'from-node', body: [{ op: 'replace', path: '/spec/size', value: 4 }] });
      await api.createNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets', body: body('second', 1) });
      await api.deleteNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets', name: 'from-node' });
      expect(await until(() => events.length >= 3, 20_000)).toBe(true);
      expect(events).toEqual(['MODIFIED from-node 4', 'ADDED second 1', 'DELETED from-node 4']);
    } finally {
      abort?.abort();
    }
    // Invalid objects are refused with the schema's message.
    await expect(api.createNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets', body: body('tiny', 0) })).rejects.toThrow(/spec.size in body should be greater than or equal to 1/);
    k('delete', 'crd', CRD);
    expect(await until(() => k('get', 'crd', CRD).code !== 0, 20_000)).toBe(true);
  });
});
