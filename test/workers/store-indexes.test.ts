import { describe, it, expect } from 'vitest';
import { env, runInDurableObject } from 'cloudflare:test';
import { ObjectStore } from '../../src/cluster/storage';
import type { KubeObject } from '../../src/apiserver/types';

const stub = () => env.CLUSTER.get(env.CLUSTER.idFromName(crypto.randomUUID()));
const pod = (namespace: string, name: string, nodeName?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `${namespace}-${name}` }, spec: nodeName ? { nodeName } : {} });
const event = (name: string, uid: string): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { uid } });
const names = (xs: readonly { obj: KubeObject }[]) => xs.map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);

describe('ObjectStore lists and indexes', () => {
  it('lists one namespace or all, sorted by namespace then name, through creates, updates and deletes', async () => {
    await runInDurableObject(stub(), (_obj, state) => {
      const store = new ObjectStore(state.storage.sql, (fn) => state.storage.transactionSync(fn));
      store.init();
      for (const [ns, n] of [['b', 'p2'], ['a', 'p9'], ['b', 'p1'], ['c', 'x'], ['a', 'p10'], ['b', 'p3']]) store.commit([{ op: 'put', resource: 'pods', object: pod(ns, n) }]);
      store.commit([{ op: 'delete', resource: 'pods', object: pod('b', 'p2') }, { op: 'put', resource: 'pods', object: pod('a', 'p9', 'w1') }]);
      store.commit([{ op: 'delete', resource: 'pods', object: pod('c', 'x') }]);
      const all = ['a/p10', 'a/p9', 'b/p1', 'b/p3'];
      expect(names(store.list('pods'))).toEqual(all);
      expect(names(store.list('pods', ''))).toEqual(all);
      expect(names(store.list('pods', 'b'))).toEqual(['b/p1', 'b/p3']);
      expect(store.list('pods', 'c')).toEqual([]);
      expect(store.get('pods', 'a', 'p9')?.spec.nodeName).toBe('w1');
      // The same answers from storage alone (a restarted object reads its rows again).
      const again = new ObjectStore(state.storage.sql, (fn) => state.storage.transactionSync(fn));
      again.init();
      expect(names(again.list('pods'))).toEqual(all);
      expect(names(again.list('pods', 'a'))).toEqual(['a/p10', 'a/p9']);
    });
  });

  it('finds objects by index value, following changes of the indexed field', async () => {
    await runInDurableObject(stub(), (_obj, state) => {
      const store = new ObjectStore(state.storage.sql, (fn) => state.storage.transactionSync(fn));
      store.init();
      store.commit([{ op: 'put', resource: 'pods', object: pod('a', 'one', 'w1') }, { op: 'put', resource: 'pods', object: pod('b', 'two', 'w1') }, { op: 'put', resource: 'pods', object: pod('a', 'three') }]);
      expect(names(store.byIndex('pods', 'nodeName', 'w1'))).toEqual(['a/one', 'b/two']);
      store.commit([{ op: 'put', resource: 'pods', object: pod('a', 'one', 'w2') }, { op: 'put', resource: 'pods', object: pod('a', 'three', 'w2') }]);
      expect(names(store.byIndex('pods', 'nodeName', 'w1'))).toEqual(['b/two']);
      expect(names(store.byIndex('pods', 'nodeName', 'w2'))).toEqual(['a/one', 'a/three']);
      store.commit([{ op: 'delete', resource: 'pods', object: pod('b', 'two') }]);
      expect(store.byIndex('pods', 'nodeName', 'w1')).toEqual([]);
      store.commit([{ op: 'put', resource: 'events', object: event('e1', 'u1') }, { op: 'put', resource: 'events', object: event('e2', 'u2') }, { op: 'put', resource: 'events', object: event('e3', 'u1') }]);
      expect(names(store.byIndex('events', 'involvedObject', 'u1'))).toEqual(['default/e1', 'default/e3']);
      const again = new ObjectStore(state.storage.sql, (fn) => state.storage.transactionSync(fn));
      again.init();
      expect(names(again.byIndex('pods', 'nodeName', 'w2'))).toEqual(['a/one', 'a/three']);
      expect(() => again.byIndex('configmaps', 'nodeName', 'w1')).toThrow(/no index/);
    });
  });
});
