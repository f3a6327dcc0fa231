import { apiVersionOf, storageKey, storageVersionOf, type ResourceDef } from '../../resources/catalog';
import type { ClusterContext } from './context';
import type { KubeObject } from '../types';
import { hpaV1ToV2, hpaV2ToV1 } from '../../resources/horizontalpodautoscaler/convert';
import { readDefaulted } from '../../resources/customresource/schema';

/**
 * Version conversion between a served version and the storage version (the preferred one).
 * Among built-in kinds only autoscaling has two served versions; a custom resource's versions
 * convert with the `None` strategy (only apiVersion changes).
 */
export function needsConversion(def: ResourceDef, version: string): boolean {
  return storageVersionOf(def) !== version;
}

/** A request object of any served version → the storage version. */
export function convertIn(def: ResourceDef, obj: KubeObject): KubeObject {
  const storage = apiVersionOf(def.group, storageVersionOf(def));
  if (!obj.apiVersion || obj.apiVersion === storage) return obj;
  if (def.resource === 'horizontalpodautoscalers' && obj.apiVersion === 'autoscaling/v1') return hpaV1ToV2(obj);
  return { ...obj, apiVersion: storage };
}

/**
 * The answer's body for a stored object in the version the request asked for: the stored JSON
 * text itself when no conversion is needed and `obj` is what the store holds (the object was
 * encoded once, when it was written), else the object to encode.
 */
export function objectOut(ctx: ClusterContext, def: ResourceDef, version: string, obj: KubeObject): { text: string } | { body: KubeObject } {
  const out = convertOut(def, version, obj);
  const text = out === obj ? ctx.store.textOf(storageKey(def), obj) : undefined;
  return text === undefined ? { body: out } : { text };
}

/** A stored object → the version the request asked for (a custom one defaulted as read). */
export function convertOut(def: ResourceDef, version: string, obj: KubeObject): KubeObject {
  if (def.custom) obj = readDefaulted(def, obj);
  if (!needsConversion(def, version)) return obj;
  if (def.resource === 'horizontalpodautoscalers' && version === 'v1') return hpaV2ToV1(obj);
  return { ...obj, apiVersion: apiVersionOf(def.group, version) };
}
