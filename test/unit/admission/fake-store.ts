/** A minimal in-memory store for admission and controller tests (get, list, byIndex, currentRV). */
import type { KubeObject } from '../../../src/apiserver/types';
import { INDEXES } from '../../../src/cluster/storage';

export function fakeContext(objects: Record<string, KubeObject[]>, now = new Date('2026-01-01T00:00:00Z')): any {
  const store = {
    get: (resource: string, ns: string, name: string) => (objects[resource] ?? []).find((o) => (o.metadata.namespace ?? '') === ns && o.metadata.name === name),
    list: (resource: string, ns?: string) => (objects[resource] ?? []).filter((o) => ns === undefined || o.metadata.namespace === ns).map((obj) => ({ obj, text: JSON.stringify(obj) })),
    byIndex: (resource: string, index: string, value: string) => (objects[resource] ?? []).filter((o) => INDEXES[resource]?.[index]?.(o) === value).map((obj) => ({ obj, text: JSON.stringify(obj) })),
    currentRV: () => 1,
  };
  return { store, now: () => now, random: () => 0, settings: { profile: 'fast' } };
}
