import { describe, it, expect } from 'vitest';
import { env, runInDurableObject } from 'cloudflare:test';
import { ObjectStore } from '../../src/cluster/storage';
import type { KubeObject } from '../../src/apiserver/types';

const cm = (namespace: string, name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `${namespace}-${name}` }, data });
const names = (xs: readonly { obj: KubeObject }[]) => xs.map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);

/** A fresh store on a Durable Object's SQLite storage of its own. */
async function withStore(fn: (store: ObjectStore, fresh: () => ObjectStore) => void, textChars?: number) {
  const stub = env.CLUSTER.get(env.CLUSTER.idFromName(crypto.randomUUID()));
  await runInDurableObject(stub, (_obj, state) => {
    const make = () => {
      const s = new ObjectStore(state.storage.sql, (f) => state.storage.transactionSync(f), { textChars });
      s.init();
      return s;
    };
    state.storage.sql.exec('DROP TABLE IF EXISTS objects');
    state.storage.sql.exec('DROP TABLE IF EXISTS changes');
    state.storage.sql.exec('DROP TABLE IF EXISTS meta');
    fn(make(), make);
  });
}

describe('the object store', () => {
  it('keeps its sorted lists in step with every write: creates, replaces and deletes, per namespace and for all', async () => {
    await withStore((store, fresh) => {
      store.commit([{ op: 'put', resource: 'configmaps', object: cm('b', 'y') }, { op: 'put', resource: 'configmaps', object: cm('a', 'x') }]);
      expect(names(store.list('configmaps'))).toEqual(['a/x', 'b/y']);
      expect(names(store.list('configmaps', 'b'))).toEqual(['b/y']);
      store.commit([{ op: 'put', resource: 'configmaps', object: cm('b', 'a') }]);
      expect(names(store.list('configmaps', 'b'))).toEqual(['b/a', 'b/y']);
      expect(names(store.list('configmaps'))).toEqual(['a/x', 'b/a', 'b/y']);
      expect(names(store.list('configmaps', 'a'))).toEqual(['a/x']);
      store.commit([{ op: 'put', resource: 'configmaps', object: cm('a', 'x', { k: 'v' }) }]);
      expect(store.list('configmaps', 'a')[0].obj.data).toEqual({ k: 'v' });
      store.commit([{ op: 'delete', resource: 'configmaps', object: cm('b', 'y') }]);
      expect(names(store.list('configmaps'))).toEqual(['a/x', 'b/a']);
      expect(names(store.list('configmaps', 'b'))).toEqual(['b/a']);
      // A write to another resource leaves these lists as they are, and a new store reads the same.
      store.commit([{ op: 'put', resource: 'secrets', object: { ...cm('a', 's'), kind: 'Secret' } }]);
      expect(names(store.list('configmaps'))).toEqual(names(fresh().list('configmaps')));
    });
  });

  it('forgets its lists on a wipe', async () => {
    await withStore((store) => {
      store.commit([{ op: 'put', resource: 'configmaps', object: cm('a', 'x') }]);
      expect(store.list('configmaps')).toHaveLength(1);
      store.wipe();
      expect(store.list('configmaps')).toEqual([]);
      expect(store.list('configmaps', 'a')).toEqual([]);
    });
  });

  it("hands out the stored text of its own objects only, so a write's answer is the stored bytes", async () => {
    await withStore((store) => {
      const [change] = store.commit([{ op: 'put', resource: 'configmaps', object: cm('a', 'x', { k: 'v' }) }]);
      const text = store.textOf('configmaps', change.object)!;
      expect(JSON.parse(text)).toEqual(change.object);
      expect(JSON.parse(text).metadata.resourceVersion).toBe(String(change.rv));
      expect(store.textOf('configmaps', store.get('configmaps', 'a', 'x')!)).toBe(text);
      expect(store.textOf('configmaps', structuredClone(change.object))).toBeUndefined();
      store.commit([{ op: 'put', resource: 'configmaps', object: cm('a', 'x', { k: 'w' }) }]);
      expect(store.textOf('configmaps', change.object)).toBeUndefined();
    });
  });

  it('keeps texts within its budget and makes a given-up text again, the same bytes as the stored row', async () => {
    await withStore((store, fresh) => {
      const big = (i: number) => cm('a', `x${i}`, { v: String(i).padStart(400, '0') });
      store.commit(Array.from({ length: 20 }, (_, i) => ({ op: 'put' as const, resource: 'configmaps', object: big(i) })));
      const held = store.textsHeld();
      // Each text is ~550 characters: a budget of 2,000 holds three of them, the newest.
      expect(held.texts).toBe(3);
      expect(held.chars).toBeLessThanOrEqual(2000);
      const rows = new Map(fresh().list('configmaps').map((e) => [e.obj.metadata.name, e.text]));
      for (const e of store.list('configmaps')) expect(e.text).toBe(rows.get(e.obj.metadata.name));
      const x0 = store.get('configmaps', 'a', 'x0')!;
      expect(store.textOf('configmaps', x0)).toBe(rows.get('x0'));
      expect(store.textsHeld().chars).toBeLessThanOrEqual(2000);
      // Replacing and deleting give up the old texts.
      store.commit([{ op: 'delete', resource: 'configmaps', object: big(19) }, { op: 'delete', resource: 'configmaps', object: big(0) }]);
      expect(store.list('configmaps')).toHaveLength(18);
      expect(store.textsHeld().texts).toBeLessThanOrEqual(3);
    }, 2000);
  });
});
