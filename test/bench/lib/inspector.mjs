// The Worker's isolate through the devtools protocol that `wrangler dev --inspector-port` serves:
// its JS heap (after a full collection) and CPU profiles, for the benchmarks.
import { get } from 'node:http';
import WebSocket from 'ws';

/** GET a JSON document over plain http. */
function getJson(url) {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()));
        } catch (e) {
          reject(e);
        }
      });
    }).on('error', reject);
  });
}

/**
 * Connect to the isolate behind `http://127.0.0.1:<port>`: returns { send(method, params),
 * on(event, fn), heapUsed(), startProfile(), stopProfile(), close() }. `send` resolves with the command's result.
 */
export async function connectInspector(port) {
  let targets = [];
  for (let i = 0; i < 50 && !targets.length; i++) {
    targets = await getJson(`http://127.0.0.1:${port}/json`).catch(() => []);
    if (!targets.length) await new Promise((r) => setTimeout(r, 200));
  }
  if (!targets.length) throw new Error(`no devtools target on port ${port}`);
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  const listeners = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.method) for (const fn of listeners.get(msg.method) ?? []) fn(msg.params);
    const p = msg.id !== undefined && pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
    else p.resolve(msg.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, { resolve, reject, method });
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return {
    send,
    /** Call `fn(params)` for every event `method` the isolate sends (after the domain is enabled). */
    on(method, fn) {
      listeners.set(method, [...(listeners.get(method) ?? []), fn]);
    },
    /**
     * Bytes of JS heap in use (V8's usedSize, garbage not yet collected included). A full
     * collection is asked for first; workerd does not answer that command, so it is given a
     * moment rather than awaited.
     */
    async heapUsed() {
      send('HeapProfiler.collectGarbage').catch(() => {});
      await new Promise((r) => setTimeout(r, 500));
      const r = await send('Runtime.getHeapUsage');
      return r.usedSize;
    },
    /**
     * Bytes of live JS heap: the size after the full collection a heap snapshot makes first
     * (the snapshot itself is read and dropped). Unlike heapUsed, no garbage is counted; it
     * costs the isolate a second or so at 100 MB, so it is for a few samples, not a series.
     */
    async liveHeap() {
      await send('HeapProfiler.enable');
      const drop = () => {};
      listeners.set('HeapProfiler.addHeapSnapshotChunk', [drop]);
      await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      listeners.delete('HeapProfiler.addHeapSnapshotChunk');
      const r = await send('Runtime.getHeapUsage');
      return r.usedSize;
    },
    async startProfile(intervalUs = 200) {
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: intervalUs });
      await send('Profiler.start');
    },
    /** Stop the profile; returns its functions by self and total time (ms), largest first. */
    async stopProfile() {
      const { profile } = await send('Profiler.stop');
      return summarize(profile);
    },
    close() {
      ws.close();
    },
  };
}

/** Self and inclusive time per function of a V8 CPU profile. */
export function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const total = new Map();
  for (const [nodeId, ms] of dt) {
    const n = byId.get(nodeId);
    self.set(label(n), (self.get(label(n)) ?? 0) + ms);
    const seen = new Set();
    for (let cur = nodeId; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), total: sorted(total), ms: [...dt.values()].reduce((a, b) => a + b, 0) };
}
