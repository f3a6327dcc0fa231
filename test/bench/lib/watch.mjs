// Watch delivery: a ConfigMap create, then the time until a watcher of that kind reads its event.
import { summary } from './stats.mjs';

/** `n` creates in namespace `ns` (which must exist), each timed from its start to its event. */
export async function measureWatch(c, { n = 200, ns = 'b100' } = {}) {
  const pending = new Map();
  const close = await c.stream(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=0&timeoutSeconds=300`, (line) => {
    const ev = JSON.parse(line);
    pending.get(ev.object.metadata.name)?.();
  });
  const times = [];
  const c0 = c.cpu();
  for (let i = 0; i < n; i++) {
    const name = `w${i}`;
    const t0 = process.hrtime.bigint();
    const seen = new Promise((r) => pending.set(name, r));
    const r = await c.call('POST', `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });
    if (r.status !== 201) throw new Error(`watch: ${r.status} ${r.body.slice(0, 200)}`);
    await seen;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cpu = (c.cpu() - c0) / n;
  close();
  return summary('watch delivery (write → event)', times, { floor: 'rpc', target: 2, cpu });
}
