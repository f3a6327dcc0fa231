// Single-object calls under background churn: a second connection writes `rate` ConfigMap
// patches a second (paced, not back to back) while one client gets, patches and creates; the
// figure is those calls' p99 (target ≤ 50 ms at 20 writes/s).
import { measureAgainst } from './stats.mjs';
import { floorCall } from './floor.mjs';
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
  const inFlight = new Set();
  const t0 = performance.now();
  const background = (async () => {
    for (let i = 0; running; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!running) break;
      // Not awaited: the pace stays `rate` even when a write is slow.
      const w = bg.call('PATCH', `/api/v1/namespaces/churn/configmaps/bg${i % 20}`, { data: { n: String(i) } }, SMP).then((r) => {
        if (r.status < 300) written++;
      }, () => undefined);
      inFlight.add(w);
      void w.finally(() => inFlight.delete(w));
    }
  })();
  const out = [];
  out.push(await measureAgainst(`get pod (${rate} writes/s churn)`, n, () => c.call('GET', '/api/v1/namespaces/churn/pods/target'), (i) => floorCall(c, 'read', i), { floor: 'read', p99Limit: 50 }));
  out.push(await measureAgainst(`patch pod (${rate} writes/s churn)`, n, (i) => c.call('PATCH', '/api/v1/namespaces/churn/pods/target', { metadata: { labels: { round: String(i) } } }, SMP), (i) => floorCall(c, 'write', i), { floor: 'write', p99Limit: 50 }));
  out.push(await measureAgainst(`create configmap (${rate} writes/s churn)`, n, (i) => c.call('POST', '/api/v1/namespaces/churn/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` }, data: { a: 'b' } }), (i) => floorCall(c, 'write', i), { floor: 'write', p99Limit: 50 }));
  running = false;
  await background;
  await Promise.all(inFlight);
  const secs = (performance.now() - t0) / 1000;
  bg.agent.destroy();
  for (const r of out) r.churn = written / secs;
  return out;
}
