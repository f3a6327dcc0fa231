// Watch delivery: a ConfigMap create, then the time until a watcher of that kind reads its
// event; measured against the RPC floor in alternating blocks (lib/stats.mjs measureAgainst).
import { measureAgainst } from './stats.mjs';
import { floorCall } from './floor.mjs';

/** `n` creates in namespace `ns` (which must exist), each timed from its start to its event. */
export async function measureWatch(c, { n = 200, ns = 'b100' } = {}) {
  const pending = new Map();
  const close = await c.stream(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=0&timeoutSeconds=300`, (line) => {
    const ev = JSON.parse(line);
    pending.get(ev.object.metadata.name)?.();
  });
  const delivered = async (i) => {
    const name = `w${i}`;
    const t0 = process.hrtime.bigint();
    const seen = new Promise((r) => pending.set(name, r));
    const r = await c.call('POST', `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });
    if (r.status === 201) await seen;
    return { ...r, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  };
  const result = await measureAgainst('watch delivery (write → event)', n, delivered, (i) => floorCall(c, 'rpc', i), { cpu: c.cpu, floor: 'rpc', target: 2 });
  close();
  return result;
}
