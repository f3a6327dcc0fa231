// Pod start-up (fast profile) and workloads: pods to Running, a 100-replica Deployment to
// Available and a rolling update of it.
import { namespace, pod, SMP, until } from './objects.mjs';

/** Create `n` pods in a new namespace `ns`, 25 at a time; ms until the list shows them all Running. */
export async function startup(c, ns, n) {
  await c.call('POST', '/api/v1/namespaces', namespace(ns));
  const t0 = performance.now();
  for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => c.call('POST', `/api/v1/namespaces/${ns}/pods`, pod(`s${i + j}`, ns))));
  for (;;) {
    const list = JSON.parse((await c.call('GET', `/api/v1/namespaces/${ns}/pods`)).body);
    if (list.items.filter((p) => p.status?.phase === 'Running').length === n) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

/** Pods to Running: 1, 100 and (unless quick) 1,000; then their namespaces deleted. */
export async function measureStartup(c, { quick = false } = {}) {
  const start1 = await startup(c, 'start1', 1);
  const start100 = await startup(c, 'start100', 100);
  const start1000 = quick ? undefined : await startup(c, 'start1000', 1000);
  for (const ns of ['start1', 'start100', ...(start1000 === undefined ? [] : ['start1000'])]) await c.call('DELETE', `/api/v1/namespaces/${ns}`);
  await until(c, '/api/v1/pods', (l) => !l.items.some((p) => p.metadata.namespace.startsWith('start')));
  return { start1, start100, start1000 };
}

const deployment = (image) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' },
  spec: {
    replicas: 100, selector: { matchLabels: { app: 'big' } },
    template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '1m', memory: '8Mi' } } }] } },
  },
});
const settled = (image) => (d) => d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === 100
  && d.status?.availableReplicas === 100 && (d.status?.replicas ?? 0) === 100 && d.spec.template.spec.containers[0].image === image;

/** A 100-replica Deployment to Available, then a rolling update of it (ms each); then deleted. */
export async function measureWorkloads(c) {
  await c.call('POST', '/api/v1/namespaces', namespace('wl'));
  let t = performance.now();
  await c.call('POST', '/apis/apps/v1/namespaces/wl/deployments', deployment('nginx:1.25'));
  await until(c, '/apis/apps/v1/namespaces/wl/deployments/big', settled('nginx:1.25'));
  const deployAvailable = performance.now() - t;
  t = performance.now();
  await c.call('PATCH', '/apis/apps/v1/namespaces/wl/deployments/big', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } }, SMP);
  await until(c, '/apis/apps/v1/namespaces/wl/deployments/big', settled('nginx:1.26'));
  const rollout = performance.now() - t;
  await c.call('DELETE', '/api/v1/namespaces/wl');
  await until(c, '/api/v1/namespaces/wl/pods', (l) => l.items.length === 0);
  return { deployAvailable, rollout };
}
