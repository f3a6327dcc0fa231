// An idle cluster costs nothing: once its pods run and its controllers have settled, no alarm
// stays armed, so none fires (the alarm counter in stats() stays where it is).
import { describe, it, expect } from 'vitest';
import { env, runInDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import type { ClusterObject } from '../../src/cluster/cluster-object';
import type { UserInfo } from '../../src/apiserver/registry/context';

const admin: UserInfo = { username: 'student:test', groups: ['system:masters', 'system:authenticated'] };
const BASE = 'https://kubeplay.test/clusters/idle';

describe('an idle cluster', () => {
  it('settles with a running Deployment and then arms no alarm', async () => {
    const s = env.CLUSTER.get(env.CLUSTER.idFromName(`idle-${crypto.randomUUID()}`)) as DurableObjectStub<ClusterObject>;
    await s.configure({ profile: 'fast' });
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
    };
    const res = await s.serve(new Request(`${BASE}/apis/apps/v1/namespaces/default/deployments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(deployment) }), '/apis/apps/v1/namespaces/default/deployments', BASE, admin);
    expect(res.status).toBe(201);
    // Run the alarm until nothing is due (bounded: a cluster that never settles fails here).
    // Work waiting is read from the object's own timer table and outbox, not from getAlarm():
    // while an alarm of the pool's own runs (awaiting D1), the stored alarm reads null.
    const pending = () =>
      runInDurableObject(s, (o) => {
        const x = o as unknown as { timers: { next(): number | undefined }; tenancy: { outbox: { nextDue(): number | undefined } } };
        return x.timers.next() !== undefined || x.tenancy.outbox.nextDue() !== undefined;
      });
    const settle = async () => {
      let rounds = 0;
      for (; rounds < 200; rounds++) {
        if (!(await pending())) break;
        await runInDurableObject(s, (_o, state) => state.storage.setAlarm(Date.now()));
        await runDurableObjectAlarm(s);
      }
      return rounds;
    };
    expect(await settle()).toBeLessThan(200);
    const pods = await (await s.serve(new Request(`${BASE}/api/v1/namespaces/default/pods`), '/api/v1/namespaces/default/pods', BASE, admin)).json<any>();
    expect(pods.items.filter((p: any) => p.status?.phase === 'Running')).toHaveLength(2);
    // That read left an audit record for D1: the outbox flush is the last alarm.
    expect(await settle()).toBeLessThan(200);
    const before = (await s.stats()).alarms;
    expect(before).toBeGreaterThan(0);
    expect(await runInDurableObject(s, (_o, state) => state.storage.getAlarm())).toBeNull();
    // Nothing is armed, so running the alarm handler is refused and the counter stays.
    expect(await runDurableObjectAlarm(s)).toBe(false);
    expect((await s.stats()).alarms).toBe(before);
  });
});

describe('a lost alarm', () => {
  it('is set again at the next request or commit once it is long overdue, so the controllers go on', async () => {
    const s = env.CLUSTER.get(env.CLUSTER.idFromName(`lost-${crypto.randomUUID()}`)) as DurableObjectStub<ClusterObject>;
    await s.configure({ profile: 'fast' });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const create = await s.serve(new Request(`${BASE}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pod) }), '/api/v1/namespaces/default/pods', BASE, admin);
    expect(create.status).toBe(201);
    // The runtime forgets the alarm while the object believes one is set (a minute ago); in one
    // turn of the object, so that no alarm of the runtime's runs in between.
    const rearmed = await runInDurableObject(s, async (o, state) => {
      const obj = o as unknown as { alarmAt: number | null; arm(): void; timers: { schedule(key: string, due: number): void } };
      await state.storage.deleteAlarm();
      obj.alarmAt = Date.now() - 60_000;
      obj.timers.schedule('garbage-collector|all', Date.now()); // work is due
      obj.arm(); // what every request and commit does
      return state.storage.getAlarm();
    });
    expect(rearmed).not.toBeNull();
  });

  it('is set again by the watchdog when no request comes (a student only watching)', async () => {
    const s = env.CLUSTER.get(env.CLUSTER.idFromName(`lost-${crypto.randomUUID()}`)) as DurableObjectStub<ClusterObject>;
    await s.configure({ profile: 'fast' });
    await s.serve(new Request(`${BASE}/api/v1/namespaces`), '/api/v1/namespaces', BASE, admin);
    const rearmed = await runInDurableObject(s, async (o, state) => {
      const obj = o as unknown as { alarmAt: number | null; arm(): void; onWatchdog(): void; watchdog: unknown; timers: { schedule(key: string, due: number): void } };
      obj.timers.schedule('garbage-collector|all', Date.now());
      obj.arm();
      expect(obj.watchdog).toBeDefined(); // an alarm is expected: the watchdog looks after it
      await state.storage.deleteAlarm();
      obj.alarmAt = Date.now() - 60_000;
      obj.onWatchdog(); // what its timer does, 5 s after the alarm was due
      return state.storage.getAlarm();
    });
    expect(rearmed).not.toBeNull();
  });
});

describe('waking up', () => {
  type Woken = { start(): Promise<void>; timers: { next(): number | undefined }; env: Record<string, unknown> };

  it('on the same code arms nothing; on new code every controller resyncs once', async () => {
    expect(typeof env.CF_VERSION_METADATA?.id).toBe('string');
    const s = env.CLUSTER.get(env.CLUSTER.idFromName(`wake-${crypto.randomUUID()}`)) as DurableObjectStub<ClusterObject>;
    await s.configure({ profile: 'fast' });
    await s.serve(new Request(`${BASE}/api/v1/namespaces`), '/api/v1/namespaces', BASE, admin);
    // Settle: run whatever is due until nothing is.
    const due = () => runInDurableObject(s, (o) => (o as unknown as Woken).timers.next());
    for (let i = 0; i < 200 && (await due()) !== undefined; i++) {
      await runInDurableObject(s, (_o, state) => state.storage.setAlarm(Date.now()));
      await runDurableObjectAlarm(s);
    }
    expect(await due()).toBeUndefined();
    // What a new instance does after eviction (a stats read waking an idle cluster), same version.
    expect(await runInDurableObject(s, async (o) => { await (o as unknown as Woken).start(); return (o as unknown as Woken).timers.next(); })).toBeUndefined();
    // A deploy: a new Worker version. Every controller looks at everything once, now.
    const next = await runInDurableObject(s, async (o) => {
      const w = o as unknown as Woken;
      w.env = { ...w.env, CF_VERSION_METADATA: { id: 'next-version', tag: '', timestamp: new Date().toISOString() } };
      await w.start();
      return w.timers.next();
    });
    expect(next).toBeLessThanOrEqual(Date.now());
    // And only once: the next wake on that version arms nothing new after settling.
    for (let i = 0; i < 200 && (await due()) !== undefined; i++) {
      await runInDurableObject(s, (_o, state) => state.storage.setAlarm(Date.now()));
      await runDurableObjectAlarm(s);
    }
    expect(await runInDurableObject(s, async (o) => { await (o as unknown as Woken).start(); return (o as unknown as Woken).timers.next(); })).toBeUndefined();
  });
});
