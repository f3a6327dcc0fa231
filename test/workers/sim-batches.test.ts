import { describe, it, expect } from 'vitest';
import { env, runInDurableObject } from 'cloudflare:test';
import { ObjectStore, type Change, type WriteOp } from '../../src/cluster/storage';
import { TimerTable } from '../../src/cluster/timers';
import { WatchHub } from '../../src/cluster/watch-hub';
import { ControllerRuntime } from '../../src/controllers/runtime';
import type { Controller, ControllerContext } from '../../src/controllers/types';
import { scheduler } from '../../src/sim/agents/scheduler';
import { kubeletController } from '../../src/sim/agents/kubelet';
import type { KubeObject } from '../../src/apiserver/types';

const stub = () => env.CLUSTER.get(env.CLUSTER.idFromName(crypto.randomUUID()));
const T0 = Date.parse('2026-03-01T10:00:00Z');

const node = (name: string, i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `node-${name}`, labels: { 'kubernetes.io/hostname': name } },
  spec: { podCIDR: `10.244.${i}.0/24` },
  status: { capacity: { cpu: '8', memory: '16Gi', pods: '110' }, allocatable: { cpu: '8', memory: '16Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: `172.18.0.${i + 2}` }] },
});
const pod = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: new Date(T0).toISOString().replace('.000Z', 'Z') },
  spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', containers: [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '10m' } } }] },
});

/** A cluster of `nodes` nodes with the scheduler and the kubelets on a virtual clock; every commit recorded. */
function harness(state: DurableObjectState, nodes: number, controllers: Controller[] = [scheduler, kubeletController()]) {
  const store = new ObjectStore(state.storage.sql, (fn) => state.storage.transactionSync(fn));
  store.init();
  const timers = new TimerTable(state.storage.sql);
  timers.init();
  const runtime = new ControllerRuntime(timers, controllers);
  let now = T0;
  const commits: Change[][] = [];
  const ctx: ControllerContext = {
    store, hub: new WatchHub(), now: () => new Date(now), kick: () => {}, random: () => 0.5, settings: { profile: 'fast' },
    commit: (ops: WriteOp[]) => {
      const changes = store.commit(ops);
      commits.push(changes);
      runtime.enqueueChanges(changes, ctx);
      return changes;
    },
  };
  ctx.commit(Array.from({ length: nodes }, (_, i) => ({ op: 'put', resource: 'nodes', object: node(`worker-${i + 1}`, i + 1) })));
  /** Run the alarm until nothing is due within a (virtual) minute, advancing the clock to each due time. */
  const settle = () => {
    for (let i = 0; i < 10_000; i++) {
      const next = runtime.runDue(ctx);
      if (next === undefined || next > now + 60_000) return;
      now = Math.max(now, next);
    }
    throw new Error('never settled');
  };
  const advance = (ms: number) => {
    now += ms;
    runtime.runDue(ctx);
  };
  // The scheduler's look at every pending pod after the nodes came is over before the test's pods.
  settle();
  commits.length = 0;
  return { store, ctx, commits, settle, advance };
}

/** What a watch of one pod saw: its phase (with the node and the first container's state) at each write. */
function history(commits: Change[][], name: string): string[] {
  return commits.flat().filter((c) => c.resource === 'pods' && c.name === name).map((c) => {
    const o = c.object;
    const s = o.status?.containerStatuses?.[0]?.state;
    return `${c.type} ${o.spec.nodeName ?? '-'} ${o.status?.phase ?? '-'} ${s ? Object.keys(s)[0] : '-'}`;
  });
}

describe('the simulation in batches', () => {
  it('binds a burst of pods in one pass and starts them in rounds, each pod through the same writes as alone', async () => {
    let solo: string[] = [];
    await runInDurableObject(stub(), (_obj, state) => {
      const alone = harness(state, 1);
      alone.ctx.commit([{ op: 'put', resource: 'pods', object: pod('solo') }]);
      alone.settle();
      solo = history(alone.commits, 'solo').map((h) => h.replace(/worker-\d+/, 'NODE'));
      expect(solo).toEqual(['ADDED - - -', 'MODIFIED NODE - -', 'MODIFIED NODE Pending waiting', 'MODIFIED NODE Running running']);
    });
    await runInDurableObject(stub(), (_obj, state) => {

      const { ctx, commits, settle, store } = harness(state, 3);
      const names = Array.from({ length: 40 }, (_, i) => `p${String(i).padStart(2, '0')}`);
      // One request each, as kubectl makes them.
      for (const n of names) ctx.commit([{ op: 'put', resource: 'pods', object: pod(n) }]);
      const created = commits.length;
      settle();
      const later = commits.slice(created);
      // Every binding of the burst in one commit (one transaction, one watch fan-out), with its Scheduled event.
      const bindings = later.filter((cs) => cs.some((c) => c.resource === 'pods' && c.object.spec.nodeName && !c.old?.spec.nodeName));
      expect(bindings).toHaveLength(1);
      expect(bindings[0].filter((c) => c.resource === 'pods')).toHaveLength(40);
      expect(bindings[0].filter((c) => c.resource === 'events' && c.object.reason === 'Scheduled')).toHaveLength(40);
      // The kubelet's writes of the 40 pods share commits: far fewer commits than pod writes.
      const kubeletCommits = later.slice(later.indexOf(bindings[0]) + 1);
      const podWrites = kubeletCommits.flat().filter((c) => c.resource === 'pods').length;
      expect(podWrites).toBe(80);
      expect(kubeletCommits.length).toBeLessThanOrEqual(8);
      for (const n of names) expect(history(commits, n).map((h) => h.replace(/worker-\d+/, 'NODE'))).toEqual(solo);
      // Pods started in the same round on one node still get distinct addresses.
      const pods = store.list('pods').map((e) => e.obj);
      expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
      const ips = pods.map((p) => p.status.podIP);
      expect(new Set(ips).size).toBe(40);
      for (const p of pods) expect(p.status.podIP.startsWith(`10.244.${p.spec.nodeName.split('-')[1]}.`)).toBe(true);
      // Each event's name carries its own resourceVersion (names in write order, also within a commit).
      for (const c of later.flat().filter((c) => c.resource === 'events')) {
        expect(Number(BigInt(`0x${c.object.metadata.name!.split('.').pop()}`) % 1_000_000n)).toBe(c.rv % 1e6);
      }
    });
  });

  it('gives a batch controller its due keys at once, requeues as it says, and retries them all when it throws', async () => {
    await runInDurableObject(stub(), (_obj, state) => {
      const seen: string[][] = [];
      let fail = false;
      const batcher: Controller = {
        name: 'batcher', watches: ['configmaps'],
        keysFor: (c) => [c.name],
        reconcile: () => { throw new Error('reconcile is not used when reconcileBatch exists'); },
        reconcileBatch(keys) {
          seen.push([...keys].sort());
          if (fail) throw new Error('boom');
          return { ops: [], requeue: new Map(keys.filter((k) => k === 'again' && seen.length === 1).map((k) => [k, 5_000])) };
        },
        resync: () => [],
      };
      const { ctx, settle, advance } = harness(state, 0, [batcher]);
      const cm = (name: string): WriteOp => ({ op: 'put', resource: 'configmaps', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } } });
      ctx.commit([cm('a'), cm('b'), cm('again')]);
      settle();
      // One call for the three keys, then `again` alone after its 5 s.
      expect(seen).toEqual([['a', 'again', 'b'], ['again']]);
      seen.length = 0;
      fail = true;
      ctx.commit([cm('x'), cm('y')]);
      // A failing batch comes back, all its keys, a second later (and again while it fails).
      advance(0);
      expect(seen).toEqual([['x', 'y']]);
      advance(999);
      expect(seen).toHaveLength(1);
      advance(1);
      expect(seen).toEqual([['x', 'y'], ['x', 'y']]);
    });
  });
});
