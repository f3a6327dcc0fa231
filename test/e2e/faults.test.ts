// Faults under load, against a dev server of its own (its own state folder and port): killed with
// SIGKILL in the middle of a burst of writes and of a rolling update, then started again on the
// same state. Every write a client saw acknowledged is there and whole, resourceVersions go on
// from where they were, the rollout completes, and watches cut by the kill and by the client
// resume from their last resourceVersion with every change seen exactly once, in order.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { request } from 'node:https';
import { rawClient, type Answer } from './raw-api';
import { kubectl, until } from './kubectl';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { kubeconfig, signTenantToken } from '../../scripts/lib/tokens.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kubeplay-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `pid` and every process below it (wrangler's proxy, then its workerd): SIGKILL, no goodbye. */
function killTree(pid: number) {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...spawnSync('pgrep', ['-P', String(tree[i])], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number));
  for (const p of tree) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

interface WatchEvent {
  type: string;
  rv: number;
  name: string;
  value?: string;
}

/** A watch: each event as it arrives, until the connection ends (server gone, timeout, `close()`). */
function watchFrom(url: string, token: string, ca: string, onEvent: (e: WatchEvent) => void) {
  let req: ReturnType<typeof request> | undefined;
  let status = 0;
  const done = new Promise<void>((resolve) => {
    req = request(url, { headers: { Authorization: `Bearer ${token}` }, ca }, (res) => {
      status = res.statusCode ?? 0;
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          const ev = JSON.parse(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (ev.type === 'ERROR') throw new Error(`watch ERROR: ${JSON.stringify(ev.object)}`);
          if (ev.type !== 'BOOKMARK') onEvent({ type: ev.type, rv: Number(ev.object.metadata.resourceVersion), name: ev.object.metadata.name, value: ev.object.data?.a });
        }
      });
      res.on('close', () => resolve());
      res.on('error', () => resolve());
    });
    req.on('error', () => resolve());
    req.end();
  });
  return { done, close: () => req?.destroy(), status: () => status };
}

/** Poll `fn` every 100 ms until it is true or `ms` pass; answers the last result. */
async function poll(fn: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const deployment = (image: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 4, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, minReadySeconds: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

type Op = { op: 'create' | 'patch' | 'delete'; name: string; value?: string; rv?: number };

describe('a dev server killed with SIGKILL under load', () => {
  it('keeps every acknowledged write whole, resumes the rollout, and lets cut watches resume without a gap', { timeout: 540_000 }, async () => {
    const opts = { port: await freePort(), stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' };
    let server = await startDevServer(opts);
    const ca: string = server.secrets.caPem;
    const token: string = await signTenantToken(server.secrets.signingJwk, { tenant: 'faults', user: 'student:faults', groups: ['system:masters'] });
    let base = `${server.url}/clusters/faults`;
    const client = rawClient(ca, 32, 2000);
    const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> => client.call(`${base}${path}`, { method, token, body, headers }).catch((e) => ({ status: 0, headers: {}, body: String(e) }));
    /** A request; a read whose connection failed is sent once more (a write's outcome is the test's to judge). */
    const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> => {
      const r = await send(method, path, body, headers);
      return r.status === 0 && method === 'GET' ? send(method, path, body, headers) : r;
    };
    const json = async (path: string) => JSON.parse((await call('GET', path)).body || '{}');
    const CM = '/api/v1/namespaces/default/configmaps';
    const RS = '/apis/apps/v1/namespaces/default/replicasets';

    /**
     * `n` writers, each creating ConfigMaps of its own whose two keys must agree, patching both
     * keys at once, and deleting every other one. What each was told is kept, and the one
     * request each has in flight when its connection dies.
     */
    const acked: Op[] = [];
    const inflight = new Map<string, Op>();
    const codes: Record<string, number> = {};
    let stop = false;
    const writers = (phase: string, n: number) =>
      Array.from({ length: n }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const name = `${phase}${w}-${i}`;
          const steps: [Op, string, string, unknown, number][] = [
            [{ op: 'create', name, value: `${name}:0` }, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: `${name}:0`, b: `${name}:0` } }, 201],
            [{ op: 'patch', name, value: `${name}:1` }, 'PATCH', `${CM}/${name}`, { data: { a: `${name}:1`, b: `${name}:1` } }, 200],
            ...(i % 2 === 0 ? [[{ op: 'delete', name }, 'DELETE', `${CM}/${name}`, undefined, 200] as [Op, string, string, unknown, number]] : []),
          ];
          for (const [op, method, path, body, ok] of steps) {
            inflight.set(name, op);
            const r = await call(method, path, body, method === 'PATCH' ? { 'Content-Type': 'application/merge-patch+json' } : undefined);
            if (r.status === 0) return; // the connection died with the server: the op stays in flight
            codes[`${op.op} ${r.status}`] = (codes[`${op.op} ${r.status}`] ?? 0) + 1;
            if (r.status < 500) inflight.delete(name); // a 5xx (the proxy of a dying server) may have been applied
            if (r.status !== ok) break; // counted; this object is left as it is
            acked.push({ ...op, rv: op.op === 'delete' ? undefined : Number(JSON.parse(r.body).metadata.resourceVersion) });
            if (stop) return;
          }
        }
      });

    try {
      expect((await call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('nginx:1.25'))).status).toBe(201);
      const available = async (image: string) => {
        const d = await json('/apis/apps/v1/namespaces/default/deployments/web');
        return d.status?.observedGeneration === d.metadata?.generation && d.status?.updatedReplicas === 4 && d.status?.availableReplicas === 4 && d.status?.replicas === 4 && d.spec?.template.spec.containers[0].image === image;
      };
      expect(await poll(() => available('nginx:1.25'), 120_000)).toBe(true);

      // A watch of ConfigMaps from a listed resourceVersion, cut by the kill.
      const seen: WatchEvent[] = [];
      const listRV = Number((await json(CM)).metadata.resourceVersion);
      const first = watchFrom(`${base}${CM}?watch=true&resourceVersion=${listRV}&timeoutSeconds=600`, token, ca, (e) => seen.push(e));

      // The burst and the rolling update; the kill once both are well under way.
      const burst = writers('a', 6);
      const patched = await call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
      expect(patched.status).toBe(200);
      const midRollout = async () => {
        const sets = (await json(RS)).items ?? [];
        return acked.length >= 30 && sets.length === 2 && sets.every((r: { status: { replicas?: number } }) => (r.status.replicas ?? 0) > 0);
      };
      expect(await poll(midRollout, 120_000)).toBe(true);
      killTree(server.child.pid);
      await Promise.all(burst);
      await first.done;
      const beforeKill = acked.length;
      expect(codes['create 201']).toBeGreaterThan(10);
      // Before the kill every answer was a success; at it, only a dying proxy's 5xx, one a writer at most.
      const atKill = Object.entries(codes).filter(([k]) => !/ 2\d\d$/.test(k));
      expect(atKill.every(([k]) => / 5\d\d$/.test(k)) && atKill.reduce((s, [, n]) => s + n, 0) <= 6, JSON.stringify(atKill)).toBe(true);
      for (const k of Object.keys(codes)) delete codes[k];

      server = await startDevServer({ ...opts, port: await freePort() });
      base = `${server.url}/clusters/faults`;

      // Every acknowledged write is there, whole; a write in flight at the kill is there whole or not at all.
      const list = await json(CM);
      const stored = new Map<string, { value: string; b: string; rv: number }>(list.items.map((o: { metadata: { name: string; resourceVersion: string }; data: { a: string; b: string } }) => [o.metadata.name, { value: o.data?.a, b: o.data?.b, rv: Number(o.metadata.resourceVersion) }]));
      const lastAcked = new Map<string, Op>(acked.map((a) => [a.name, a]));
      const pending = new Map(inflight);
      for (const name of new Set([...lastAcked.keys(), ...pending.keys()])) {
        const o = stored.get(name);
        const last = lastAcked.get(name);
        const p = pending.get(name);
        if (!o) {
          expect(!last || last.op === 'delete' || p?.op === 'delete', `${name}: acknowledged ${last?.op} at ${last?.rv}, gone after the restart`).toBe(true);
          continue;
        }
        expect(o.b, `${name} half-applied`).toBe(o.value);
        const asAcked = last && last.op !== 'delete' && o.rv === last.rv && o.value === last.value;
        const asInflight = p && p.op !== 'delete' && o.rv > (last?.rv ?? 0) && o.value === p.value;
        expect(asAcked || asInflight, `${name}: stored ${o.value} at ${o.rv}; acknowledged ${last?.op} ${last?.value} at ${last?.rv}, in flight ${p?.op}`).toBe(true);
      }
      for (const name of stored.keys()) if (/^a\d-\d+$/.test(name)) expect(lastAcked.has(name) || pending.has(name), name).toBe(true);

      // The watch cut by the kill resumes from the last resourceVersion it saw; more writes meanwhile,
      // and this second watch is cut by the client after a few events and resumed the same way.
      inflight.clear();
      stop = false;
      const more = writers('b', 3);
      const resumeFrom = () => Math.max(listRV, ...seen.map((e) => e.rv));
      const second = watchFrom(`${base}${CM}?watch=true&resourceVersion=${resumeFrom()}&timeoutSeconds=600`, token, ca, (e) => seen.push(e));
      const atCut = seen.length;
      expect(await poll(() => seen.length >= atCut + 10 && acked.length >= beforeKill + 10, 60_000)).toBe(true);
      second.close();
      await second.done;
      expect(second.status()).toBe(200);
      const third = watchFrom(`${base}${CM}?watch=true&resourceVersion=${resumeFrom()}&timeoutSeconds=600`, token, ca, (e) => seen.push(e));
      expect(await poll(() => acked.length >= beforeKill + 30, 60_000)).toBe(true);
      stop = true;
      await Promise.all(more);
      const lastRV = Number((await json(CM)).metadata.resourceVersion);
      expect(await poll(() => seen.at(-1)!.rv >= Math.max(...acked.map((a) => a.rv ?? 0)), 30_000)).toBe(true);
      third.close();
      await third.done;
      expect(Object.keys(codes).filter((k) => !/ 2\d\d$/.test(k))).toEqual([]);

      // The server's own history (one uncut watch from the first list) is what the cut watches saw
      // together: every change once, in order; every acknowledged write in it; each stored
      // object's resourceVersion its last event's.
      const history: WatchEvent[] = [];
      const whole = watchFrom(`${base}${CM}?watch=true&resourceVersion=${listRV}&timeoutSeconds=600`, token, ca, (e) => history.push(e));
      expect(await poll(() => (history.at(-1)?.rv ?? 0) >= seen.at(-1)!.rv, 30_000)).toBe(true);
      whole.close();
      await whole.done;
      expect(seen.map((e) => `${e.rv} ${e.type} ${e.name}`)).toEqual(history.map((e) => `${e.rv} ${e.type} ${e.name}`));
      const byRV = new Map(history.map((e) => [e.rv, e]));
      for (const a of acked) {
        if (a.op === 'delete') expect(history.some((e) => e.type === 'DELETED' && e.name === a.name), `${a.name} deleted`).toBe(true);
        else expect(byRV.get(a.rv!), `${a.op} ${a.name} at ${a.rv}`).toMatchObject({ type: a.op === 'create' ? 'ADDED' : 'MODIFIED', name: a.name, value: a.value });
      }
      const final = await json(CM);
      expect(Number(final.metadata.resourceVersion)).toBeGreaterThanOrEqual(lastRV);
      const lastEvent = new Map(history.map((e) => [e.name, e]));
      for (const o of final.items) {
        const e = lastEvent.get(o.metadata.name);
        if (e) expect({ rv: Number(o.metadata.resourceVersion), type: e.type === 'DELETED' ? 'gone' : 'there' }, o.metadata.name).toEqual({ rv: e.rv, type: 'there' });
      }
      for (const [name, e] of lastEvent) if (e.type === 'DELETED') expect(final.items.some((o: { metadata: { name: string } }) => o.metadata.name === name), name).toBe(false);

      // The controllers resume: the rolling update completes, as kubectl reports it, with one
      // ReplicaSet of 4 pods of the new template and the old one scaled to 0, every pod owned.
      const file = join(dir, 'kubeconfig');
      writeFileSync(file, kubeconfig({ server: base, caPem: ca, token, tenant: 'faults', user: 'faults' }));
      const k = (...args: string[]) => kubectl(args, { kubeconfig: file });
      expect(await until(() => /successfully rolled out/.test(k('rollout', 'status', 'deploy/web', '--timeout=15s').stdout), 150_000)).toBe(true);
      expect(await poll(() => available('nginx:1.26'), 30_000)).toBe(true);
      const rs = k('get', 'rs', '-l', 'app=web', '--no-headers').stdout.trim().split('\n');
      expect(rs.map((l) => l.split(/ +/).slice(1, 4).join(' ')).sort()).toEqual(['0 0 0', '4 4 4']);
      const sets = (await json(RS)).items as { metadata: { uid: string }; spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } }[];
      const current = sets.find((r) => r.spec.replicas === 4)!;
      expect(current.spec.template.spec.containers[0].image).toBe('nginx:1.26');
      const podsOf = async () => ((await json('/api/v1/namespaces/default/pods?labelSelector=app%3Dweb')).items ?? []) as { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] }; spec: { containers: { image: string }[] }; status: { phase: string } }[];
      expect(await poll(async () => (await podsOf()).length === 4, 60_000)).toBe(true);
      for (const p of await podsOf()) {
        expect(p.metadata.ownerReferences?.find((o) => o.controller)?.uid).toBe(current.metadata.uid);
        expect([p.spec.containers[0].image, p.status.phase]).toEqual(['nginx:1.26', 'Running']);
      }
    } finally {
      stop = true;
      client.close();
      if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    }
  });
});
