// Latency of single-object calls and lists, one request at a time, each with its floor route:
// get → read floor, create and patch → write floor, lists → list floor.
import { measure } from './stats.mjs';
import { namespace, pod, SMP, TABLE } from './objects.mjs';

/** Create, get and patch 100 pods, list 100 and 1,000 (JSON and Table); `n` requests a figure. */
export async function measureApi(c, { n = 400, quick = false } = {}) {
  const cpu = c.cpu;
  const out = [];
  await c.call('POST', '/api/v1/namespaces', namespace('b100'));
  await c.call('POST', '/api/v1/namespaces', namespace('b1000'));
  out.push(await measure('create pod', 100, (i) => c.call('POST', '/api/v1/namespaces/b100/pods', pod(`p${i}`, 'b100')), { cpu, floor: 'write', target: 2 }));
  out.push(await measure('get pod', n, (i) => c.call('GET', `/api/v1/namespaces/b100/pods/p${i % 100}`), { cpu, floor: 'read', target: 1.5 }));
  out.push(await measure('patch pod (strategic)', n, (i) => c.call('PATCH', `/api/v1/namespaces/b100/pods/p${i % 100}`, { metadata: { labels: { round: String(i) } } }, SMP), { cpu, floor: 'write', target: 2 }));
  out.push(await measure('list 100 pods (JSON)', Math.min(n, 200), () => c.call('GET', '/api/v1/namespaces/b100/pods'), { cpu, floor: 'list' }));
  out.push(await measure('list 100 pods (Table)', Math.min(n, 200), () => c.call('GET', '/api/v1/namespaces/b100/pods?limit=500', undefined, { Accept: TABLE }), { cpu, floor: 'list' }));
  for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => c.call('POST', '/api/v1/namespaces/b1000/pods', pod(`p${i + j}`, 'b1000'))));
  out.push(await measure('list 1,000 pods (JSON)', quick ? 20 : 60, () => c.call('GET', '/api/v1/namespaces/b1000/pods'), { cpu, floor: 'list', target: 2 }));
  out.push(await measure('list 1,000 pods (Table)', quick ? 20 : 60, () => c.call('GET', '/api/v1/namespaces/b1000/pods?limit=500', undefined, { Accept: TABLE }), { cpu, floor: 'list', target: 3 }));
  return out;
}
