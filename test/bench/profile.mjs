// Where the time of a request goes: a CPU profile of workerd (the Worker and the cluster's
// Durable Object share its isolate) through wrangler dev's inspector, while one client makes
// the same request again and again. Prints, per scenario, the functions with the most time
// (inclusive: the function and what it calls; self: the function alone), as a share of the
// samples taken while the requests ran.
//
//   node test/bench/profile.mjs [create,patch,get,list,table,watch] [--top 40] [--n 300]
import WebSocket from 'ws';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMapConsumer } from 'source-map-js';
import { freePort } from '../../scripts/lib/dev-server.mjs';
import { buildOpenApi, startBenchServer } from './lib/server.mjs';
import { namespace, pod, SMP, TABLE } from './lib/objects.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const scenarios = (process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'create,patch,get,list,table,watch').split(',');
const TOP = Number(arg('top', 30));
const root = new URL('../..', import.meta.url).pathname;
const N = Number(arg('n', 300));

buildOpenApi();
const inspectorPort = await freePort();
const c = await startBenchServer({ name: 'profile', nodes: 12, args: ['--inspector-port', String(inspectorPort)] });

/** The DevTools session of the Worker's isolate. */
async function devtools() {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  let id = 0;
  const waiting = new Map();
  ws.on('message', (m) => {
    const msg = JSON.parse(m);
    if (msg.id && waiting.has(msg.id)) waiting.get(msg.id)(msg);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      waiting.set(i, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result)));
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  return { send, close: () => ws.close() };
}

const maps = new Map();
/** `file:line` of a bundled script position, in the sources when the bundle's source map says. */
function position(url, line, column) {
  if (!url) return '';
  if (!maps.has(url)) {
    let consumer;
    try {
      // workerd names the bundle as wrangler dev wrote it (.wrangler/tmp/dev-…/index.js), without a path.
      const tmp = join(root, '.wrangler', 'tmp');
      const path = url.startsWith('file://') ? fileURLToPath(url) : url.startsWith('/') ? url
        : readdirSync(tmp).map((d) => join(tmp, d, url)).filter((f) => existsSync(f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? url;
      if (existsSync(`${path}.map`)) consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
    } catch {
      consumer = undefined;
    }
    maps.set(url, consumer);
  }
  const orig = maps.get(url)?.originalPositionFor({ line: line + 1, column });
  if (orig?.source) return `${orig.source.replace(/^.*?(src|node_modules)\//, '$1/')}:${orig.line}`;
  return `${url.split('/').pop()}:${line + 1}`;
}

/** Inclusive and self sample counts per function (name and script position). */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const k of n.children ?? []) parent.set(k, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const at = position(f.url, f.lineNumber, f.columnNumber);
    return `${f.functionName || '(anonymous)'} ${at}`.trim();
  };
  const self = new Map();
  const incl = new Map();
  let total = 0;
  let idle = 0;
  for (const s of profile.samples) {
    const n = byId.get(s);
    const l = label(n);
    if (l === '(idle)' || l === '(program)') {
      idle++;
      continue;
    }
    total++;
    self.set(l, (self.get(l) ?? 0) + 1);
    const seen = new Set();
    for (let id = s; id !== undefined; id = parent.get(id)) {
      const ll = label(byId.get(id));
      if (seen.has(ll)) continue;
      seen.add(ll);
      incl.set(ll, (incl.get(ll) ?? 0) + 1);
    }
  }
  return { total, idle, self, incl };
}

function print(name, { total, idle, self, incl }) {
  const top = (m) => [...m].filter(([l]) => l !== '(root)').sort((a, b) => b[1] - a[1]).slice(0, TOP);
  console.log(`\n== ${name}: ${total} busy samples (${idle} idle/program)`);
  console.log('-- inclusive');
  for (const [l, v] of top(incl)) console.log(`${((v / total) * 100).toFixed(1).padStart(6)}%  ${l}`);
  console.log('-- self');
  for (const [l, v] of top(self)) console.log(`${((v / total) * 100).toFixed(1).padStart(6)}%  ${l}`);
}

await c.call('POST', '/api/v1/namespaces', namespace('prof'));
await c.call('POST', '/api/v1/namespaces', namespace('prof1000'));
for (let i = 0; i < 100; i++) await c.call('POST', '/api/v1/namespaces/prof/pods', pod(`p${i}`, 'prof'));
for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => c.call('POST', '/api/v1/namespaces/prof1000/pods', pod(`p${i + j}`, 'prof1000'))));
await new Promise((r) => setTimeout(r, 3000));

let created = 0;
const runs = {
  create: () => c.call('POST', '/api/v1/namespaces/prof/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${created++}` }, data: { a: 'b' } }),
  createpod: () => c.call('POST', '/api/v1/namespaces/prof/pods', pod(`q${created++}`, 'prof')),
  patch: (i) => c.call('PATCH', `/api/v1/namespaces/prof/pods/p${i % 100}`, { metadata: { labels: { round: String(i) } } }, SMP),
  get: (i) => c.call('GET', `/api/v1/namespaces/prof/pods/p${i % 100}`),
  list: () => c.call('GET', '/api/v1/namespaces/prof1000/pods'),
  table: () => c.call('GET', '/api/v1/namespaces/prof1000/pods?limit=500', undefined, { Accept: TABLE }),
};
const dt = await devtools();
await dt.send('Profiler.enable');
await dt.send('Profiler.setSamplingInterval', { interval: 200 });
for (const s of scenarios) {
  const n = s === 'list' || s === 'table' ? Math.max(20, N / 10) : N;
  if (s === 'watch') {
    const pending = new Map();
    const close = await c.stream('/api/v1/namespaces/prof/configmaps?watch=true&resourceVersion=0', (line) => pending.get(JSON.parse(line).object.metadata.name)?.());
    await dt.send('Profiler.start');
    for (let i = 0; i < n; i++) {
      const seen = new Promise((r) => pending.set(`w${i}`, r));
      await c.call('POST', '/api/v1/namespaces/prof/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w${i}` }, data: { a: 'b' } });
      await seen;
    }
    const { profile } = await dt.send('Profiler.stop');
    close();
    print(`watch (${n} creates, each to its event)`, summarize(profile));
    continue;
  }
  for (let i = 0; i < 10; i++) await runs[s](i);
  await dt.send('Profiler.start');
  for (let i = 0; i < n; i++) await runs[s](i);
  // The controllers' work the writes caused, until the cluster is idle again.
  await new Promise((r) => setTimeout(r, 1000));
  const { profile } = await dt.send('Profiler.stop');
  print(`${s} (${n} requests)`, summarize(profile));
}
dt.close();
await c.stop();
process.exit(0);
