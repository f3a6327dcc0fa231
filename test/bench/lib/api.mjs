// Latency of single-object calls and lists, one request at a time, each measured against its
// floor route in alternating blocks (lib/stats.mjs measureAgainst): get → read floor, create and
// patch → write floor, lists → list floor.
import { measureAgainst } from './stats.mjs';
import { floorCall } from './floor.mjs';
import { namespace, pod, SMP, TABLE } from './objects.mjs';

/** Create, get and patch 100 pods, list 100 and 1,000 (JSON and Table); `n` requests a figure. */
export async function measureApi(c, { n = 400, quick = false } = {}) {
  const opts = (floor, target) => ({ cpu: c.cpu, floor, target });
  const floor = (key) => (i) => floorCall(c, key, i);
  const out = [];
  await c.call('POST', '/api/v1/namespaces', namespace('b100'));
  await c.call('POST', '/api/v1/namespaces', namespace('b1000'));
  out.push(await measureAgainst('create pod', 100, (i) => c.call('POST', '/api/v1/namespaces/b100/pods', pod(`p${i}`, 'b100')), floor('write'), opts('write', 2)));
  out.push(await measureAgainst('get pod', n, (i) => c.call('GET', `/api/v1/namespaces/b100/pods/p${i % 100}`), floor('read'), opts('read', 1.5)));
  out.push(await measureAgainst('patch pod (strategic)', n, (i) => c.call('PATCH', `/api/v1/namespaces/b100/pods/p${i % 100}`, { metadata: { labels: { round: String(i) } } }, SMP), floor('write'), opts('write', 2)));
  out.push(await measureAgainst('list 100 pods (JSON)', Math.min(n, 200), () => c.call('GET', '/api/v1/namespaces/b100/pods'), floor('list'), opts('list')));
  out.push(await measureAgainst('list 100 pods (Table)', Math.min(n, 200), () => c.call('GET', '/api/v1/namespaces/b100/pods?limit=500', undefined, { Accept: TABLE }), floor('list'), opts('list')));
  for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => c.call('POST', '/api/v1/namespaces/b1000/pods', pod(`p${i + j}`, 'b1000'))));
  const lists = quick ? 20 : 60;
  out.push(await measureAgainst('list 1,000 pods (JSON)', lists, () => c.call('GET', '/api/v1/namespaces/b1000/pods'), floor('list'), { ...opts('list', 2), block: 5 }));
  out.push(await measureAgainst('list 1,000 pods (Table)', lists, () => c.call('GET', '/api/v1/namespaces/b1000/pods?limit=500', undefined, { Accept: TABLE }), floor('list'), { ...opts('list', 3), block: 5 }));
  return out;
}
