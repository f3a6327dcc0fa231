/**
 * List helpers of the strategic merge patch: element kinds, merge-key lookups and the ordering
 * rules of apimachinery strategicpatch (normalizeElementOrder, mergeSortedSlice,
 * validatePatchWithSetOrderList). Our own TypeScript; upstream behaviour mirrored.
 */
import { MSG, PatchError, goTypeName, goValue, isMap } from './errors.js';

export const DIRECTIVE = '$patch';
export const SET_ORDER_PREFIX = '$setElementOrder';

export function badArgType(expected: string, actual: unknown): PatchError {
  return new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}
export const MAP_T = 'map[string]interface {}';
export const SLICE_T = '[]interface {}';

export function noMergeKey(m: unknown, key: string): PatchError {
  return new PatchError(`map: ${goValue(m)} does not contain declared merge key: ${key}`);
}

/** Kind of a JSON value as Go's reflect would see it after decoding. */
export function kindOf(v: unknown): 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil' {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'map';
}

/** sliceElementType: 'map' or 'scalar'; lists of lists and mixed lists are errors. */
export function sliceElementKind(...lists: any[][]): 'map' | 'scalar' {
  let prev: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = kindOf(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw new PatchError(MSG.noListOfLists, 422);
      } else if (prev !== k) {
        throw new PatchError(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (prev === undefined) throw new PatchError('no elements in any of the given slices');
  return prev === 'map' ? 'map' : 'scalar';
}

export function findByKey(list: any[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!isMap(e)) throw new PatchError(`value for key ${i} is not a map`);
    if (key in e && e[key] === value) return i;
  }
  return -1;
}

export function indexIn(list: any[], item: any, mergeKey: string, kind: 'map' | 'scalar'): number {
  const val = (x: any) => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const want = val(item);
  return list.findIndex((x) => val(x) === want);
}

export function validateMergeKeyInLists(mergeKey: string, ...lists: any[][]): void {
  for (const l of lists) {
    for (const item of l) {
      if (!isMap(item)) throw badArgType(MAP_T, item);
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** normalizeSliceOrder: sort `toSort` by position in `order`; `$patch: delete` items go last. */
export function normalizeSliceOrder(toSort: any[], order: any[], mergeKey: string, kind: 'map' | 'scalar'): any[] {
  let toDelete: any[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    toDelete = toSort.filter((v) => v[DIRECTIVE] === 'delete');
    toSort = toSort.filter((v) => v[DIRECTIVE] !== 'delete');
  }
  const pos = (x: any) => {
    const i = indexIn(order, x, mergeKey, kind);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = toSort
    .map((v, i) => ({ v, i, p: pos(v) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.v);
  return [...sorted, ...toDelete];
}

/** mergeSortedSlice: interleave server-only items into the patch items by live-list order. */
export function mergeSortedSlice(left: any[], right: any[], serverOrder: any[], mergeKey: string, kind: 'map' | 'scalar'): any[] {
  const out: any[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(patch: any[], serverOnly: any[], patchOrder: any[], serverOrder: any[], mergeKey: string, kind: 'map' | 'scalar'): any[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/** Splits `list` into items present in `by` (by merge key for maps) and the others. */
export function partition(list: any[], by: any[], mergeKey: string): [any[], any[]] {
  const inP: any[] = [];
  const out: any[] = [];
  if (!mergeKey) {
    const set = new Set(by);
    for (const v of list) (set.has(v) ? inP : out).push(v);
    return [inP, out];
  }
  for (const v of list) {
    if (!isMap(v)) throw badArgType(MAP_T, v);
    if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inP : out).push(v);
  }
  return [inP, out];
}

/** validatePatchWithSetOrderList: the patch list's order must agree with `$setElementOrder`. */
export function validatePatchWithSetOrderList(patchList: any[], order: any[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let nonDelete = patchList;
  if (mergeKey) {
    for (const v of patchList) if (!isMap(v)) throw badArgType(MAP_T, v);
    nonDelete = patchList.filter((v) => v[DIRECTIVE] !== 'delete');
  }
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    const item = nonDelete[p];
    if (isMap(item) && DIRECTIVE in item) {
      p++;
      continue;
    }
    let equal: boolean;
    if (!mergeKey) equal = item === order[s];
    else {
      if (!isMap(order[s])) throw badArgType(MAP_T, order[s]);
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
      if (!(mergeKey in order[s])) throw noMergeKey(order[s], mergeKey);
      equal = item[mergeKey] === order[s][mergeKey];
    }
    if (equal) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new PatchError(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goValue(order)}\n`,
    );
  }
}
