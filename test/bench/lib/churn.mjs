// Single-object calls under background churn: a second connection writes `rate` ConfigMap
// patches a second (paced, not back to back) while one client gets, patches and creates; the
// figure is those calls' p99 (target ≤ 50 ms at 20 writes/s).
import { measure } from './stats.mjs';
import { client } from './server.mjs';
import { namespace, pod, SMP } from './objects.mjs';

/** `n` of each call (get, patch, create) under `rate` background writes/s. */
export async function measureChurn(c, { n = 200, rate = 20 } = {}) {
  await c.call('POST', '/api/v1/namespaces', namespace('churn'));
  await c.call('POST', '/api/v1/namespaces/churn/pods', pod('target', 'churn'));
  for (let i = 0; i < 20; i++) await c.call('POST', '/api/v1/namespaces/churn/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bg${i}` }, data: { n: '0' } });
  const bg = client({ url: c.url, base: c.base, token: c.token, ca: c.ca, maxSockets: 4 });
  let running = true;
  let written = 0;
  const t0 = performance.now();
  const background = (async () => {
    for (let i = 0; running; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!running) break;
      // Not awaited: the pace stays `rate` even when a write is slow.
      void bg.call('PATCH', `/api/v1/namespaces/churn/configmaps/bg${i % 20}`, { data: { n: String(i) } }, SMP).then(() => written++);
    }
  })();
  const out = [];
  out.push(await measure(`get pod (${rate} writes/s churn)`, n, () => c.call('GET', '/api/v1/namespaces/churn/pods/target'), { floor: 'read', p99Limit: 50 }));
  out.push(await measure(`patch pod (${rate} writes/s churn)`, n, (i) => c.call('PATCH', '/api/v1/namespaces/churn/pods/target', { metadata: { labels: { round: String(i) } } }, SMP), { floor: 'write', p99Limit: 50 }));
  out.push(await measure(`create configmap (${rate} writes/s churn)`, n, (i) => c.call('POST', '/api/v1/namespaces/churn/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` }, data: { a: 'b' } }), { floor: 'write', p99Limit: 50 }));
  running = false;
  await background;
  const secs = (performance.now() - t0) / 1000;
  bg.agent.destroy();
  for (const r of out) r.churn = written / secs;
  return out;
}
