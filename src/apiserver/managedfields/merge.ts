/**
 * Merging an applied configuration into the live object, and removing fields an applier gave up,
 * as structured-merge-diff's typed.Merge and RemoveItems do: structs and maps merge member by
 * member, keyed lists item by item (by their keys), sets by value, atomic values are replaced.
 */
import { isLeafType, memberType, type FieldType } from './schema';
import { isObject, itemKeys } from './walk';
import { keyElement, valueElement } from './fieldset';
import { jsonEqual } from '../registry/meta';
import { cloneJSON } from '../json-clone';

const clone = cloneJSON;

/** `config` merged over `live` (neither is changed). A null in the config removes the member. */
export function mergeApplied(live: unknown, config: unknown, t: FieldType | undefined): unknown {
  if (config === undefined) return clone(live);
  if (isLeafType(t)) return clone(config);
  const type = t as FieldType;
  if (typeof type === 'object' && ('k' in type || 's' in type)) {
    if (!Array.isArray(config)) return clone(config);
    const out: unknown[] = Array.isArray(live) ? clone(live) : [];
    if ('s' in type) {
      for (const v of config) if (!out.some((x) => jsonEqual(x, v))) out.push(clone(v));
      return out;
    }
    const id = (item: unknown) => keyElement(itemKeys(item, type.k));
    for (const item of config) {
      const i = out.findIndex((x) => id(x) === id(item));
      if (i >= 0) out[i] = mergeApplied(out[i], item, type.e);
      else out.push(clone(item));
    }
    return out;
  }
  if (!isObject(config)) return clone(config);
  const out: Record<string, unknown> = isObject(live) ? clone(live) : {};
  for (const [k, v] of Object.entries(config)) {
    if (v === null) delete out[k];
    else out[k] = mergeApplied(out[k], v, memberType(type, k));
  }
  return out;
}

/**
 * Remove the member at `path` from `obj` (mutated). A struct or map left empty by the removal of
 * its last member is removed too, as upstream's pruned objects show.
 */
export function removePath(obj: unknown, path: readonly string[]): void {
  if (!path.length || obj === undefined || obj === null) return;
  const [el, ...rest] = path;
  const body = el.slice(2);
  if (el.startsWith('f:')) {
    if (!isObject(obj) || !(body in obj)) return;
    if (!rest.length) {
      delete obj[body];
      return;
    }
    removePath(obj[body], rest);
    const child = obj[body];
    if (isObject(child) && Object.keys(child).length === 0) delete obj[body];
    return;
  }
  if (!Array.isArray(obj)) return;
  const index = obj.findIndex((item) => (el.startsWith('k:') ? isObject(item) && keyElement(itemKeys(item, Object.keys(JSON.parse(body)))) === el : valueElement(item) === el));
  if (index < 0) return;
  if (!rest.length) obj.splice(index, 1);
  else removePath(obj[index], rest);
}
