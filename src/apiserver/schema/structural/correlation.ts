/**
 * Correlation of a new value with the old one on update (k8s.io/apiserver's CorrelatedObject):
 * an object's member with the old object's member of the same name, a map list's item with the
 * old item of the same keys. Nothing else correlates: items of atomic lists and sets, whose
 * positions mean nothing. Validation ratcheting and CEL transition rules (oldSelf) use it.
 */
import { isObject, itemsSchema, jsonEqual, type JSONSchemaProps } from './types';

/** The old value correlated with a new one (absent: nothing to compare with). */
export interface Old {
  value: unknown;
}

/** The old member `k` of a correlated object. */
export function oldMember(old: Old | undefined, k: string): Old | undefined {
  if (!old || !isObject(old.value) || !Object.prototype.hasOwnProperty.call(old.value, k)) return undefined;
  return { value: old.value[k] };
}

/** The old item correlated with `item` of a list of schema `s` (map lists only). */
export function oldItem(s: JSONSchemaProps, old: Old | undefined, item: unknown): Old | undefined {
  if (!old || !Array.isArray(old.value) || s['x-kubernetes-list-type'] !== 'map' || !isObject(item)) return undefined;
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const items = itemsSchema(s);
  const keyOf = (x: Record<string, unknown>, k: string) => (x[k] !== undefined ? x[k] : items?.properties?.[k]?.default);
  const found = old.value.find((o) => isObject(o) && keys.every((k) => jsonEqual(keyOf(o, k), keyOf(item, k))));
  return found === undefined ? undefined : { value: found };
}

/** Whether the new value is unchanged from its correlated old value. */
export function unchanged(value: unknown, old: Old | undefined): boolean {
  return !!old && jsonEqual(value, old.value);
}
