import { describe, it, expect, afterAll } from 'vitest';
import { inject } from 'vitest';
import { CoreV1Api, KubeConfig, Watch, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { kubectl, until } from './kubectl';

const ns = 'client-node-e2e';
const k = (...args: string[]) => kubectl(args);

const kc = new KubeConfig();
kc.loadFromFile(inject('kubeconfig'));
const api = kc.makeApiClient(CoreV1Api);

describe('@kubernetes/client-node', () => {
  const informer = makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () => api.listNamespacedConfigMap({ namespace: ns }));
  afterAll(() => informer.stop());

  it('lists and watches', async () => {
    k('create', 'namespace', ns);
    await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'listed' }, data: { v: '1' } } });
    const list = await api.listNamespacedConfigMap({ namespace: ns });
    expect(list.items.map((c) => c.metadata?.name)).toContain('listed');
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0);
    const read = await api.readNamespacedConfigMap({ name: 'listed', namespace: ns });
    expect(read.data).toEqual({ v: '1' });
    await api.deleteNamespacedConfigMap({ name: 'listed', namespace: ns });
  });

  it('gives an informer every change exactly once, across a forced reconnect', async () => {
    const seen: string[] = [];
    // Only the test's own ConfigMaps (the namespace also holds kube-root-ca.crt).
    const note = (what: string) => (cm: V1ConfigMap) => {
      if (['a', 'b', 'c'].includes(cm.metadata?.name ?? '')) seen.push(`${what} ${cm.metadata?.name} ${cm.data?.v ?? ''}`.trim());
    };
    informer.on('add', note('add'));
    informer.on('update', note('update'));
    informer.on('delete', note('delete'));
    let reconnects = 0;
    // The documented pattern: an informer whose watch broke is started again by its owner.
    informer.on('error', () => {
      reconnects++;
      setTimeout(() => informer.start(), 100);
    });
    await informer.start();
    k('create', 'configmap', 'a', '-n', ns, '--from-literal=v=1');
    k('patch', 'configmap', 'a', '-n', ns, '-p', '{"data":{"v":"2"}}');
    k('create', 'configmap', 'b', '-n', ns, '--from-literal=v=1');
    expect(await until(() => seen.includes('add b 1'), 20_000)).toBe(true);

    // Break the watch from the client side, then change things while it is down.
    (informer as unknown as { request?: AbortController }).request?.abort();
    k('patch', 'configmap', 'a', '-n', ns, '-p', '{"data":{"v":"3"}}');
    k('delete', 'configmap', 'b', '-n', ns);
    k('create', 'configmap', 'c', '-n', ns, '--from-literal=v=1');
    expect(await until(() => seen.includes('add c 1'), 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));

    expect(reconnects).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual(['add a 1', 'update a 2', 'add b 1', 'update a 3', 'delete b 1', 'add c 1']);
    expect(informer.list(ns).map((c) => c.metadata?.name).filter((n) => n !== 'kube-root-ca.crt').sort()).toEqual(['a', 'c']);
  });

  it('serves watch-list: the current state, then the bookmark that ends the initial events', async () => {
    const events: { type: string; name?: string; rv?: string; end?: string }[] = [];
    const done = new Promise<void>((resolve) => {
      void new Watch(kc).watch(
        `/api/v1/namespaces/${ns}/configmaps`,
        { sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: 'NotOlderThan', timeoutSeconds: 2 },
        (type, obj) => events.push({ type, name: obj.metadata?.name, rv: obj.metadata?.resourceVersion, end: obj.metadata?.annotations?.['k8s.io/initial-events-end'] }),
        () => resolve(),
      );
    });
    await done;
    const end = events.findIndex((e) => e.type === 'BOOKMARK' && e.end === 'true');
    expect(end).toBeGreaterThan(0);
    expect(events.slice(0, end).every((e) => e.type === 'ADDED')).toBe(true);
    expect(events.slice(0, end).map((e) => e.name).sort()).toEqual(['a', 'c', 'kube-root-ca.crt']);
    expect(Number(events[end].rv)).toBeGreaterThanOrEqual(Math.max(...events.slice(0, end).map((e) => Number(e.rv))));
  });
});
