/**
 * Strategic merge patch (Content-Type application/strategic-merge-patch+json), applied the way
 * kube-apiserver applies it: apimachinery pkg/util/strategicpatch StrategicMergeMapPatch with
 * MergeParallelList and IgnoreUnmatchedNulls set. Our own TypeScript; behaviour mirrored:
 *  - maps merge recursively, `null` deletes a key;
 *  - lists whose field is tagged `patchStrategy:"merge"` merge element-wise: maps by their
 *    `patchMergeKey`, primitives as a set; other lists are replaced whole;
 *  - `$patch: replace | delete` on a map, `$patch: delete | replace` as a list element,
 *    `$deleteFromPrimitiveList/<field>`, `$retainKeys`, `$setElementOrder/<field>`;
 *  - list order: `$setElementOrder` > order in the patch > order in the live list.
 * Errors carry upstream's wording and the HTTP status kube-apiserver answers with (see errors.ts).
 * The field tags come from ./merge-keys.ts.
 */
import { hasMergeInfo, mergeInfoFor, type PatchMeta } from './merge-keys.js';
import { MSG, PatchError, cloneJSON, goValue, isMap } from './errors.js';
import {
  DIRECTIVE, SET_ORDER_PREFIX, SLICE_T, badArgType, findByKey, kindOf, noMergeKey, normalizeElementOrder, partition,
  sliceElementKind, validatePatchWithSetOrderList,
} from './list-order.js';

export { PatchError } from './errors.js';
export { jsonMergePatch, applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
export { hasMergeInfo };

type JMap = Record<string, any>;
type Lookup = (path: string[]) => PatchMeta | undefined;

const RETAIN_KEYS = '$retainKeys';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';

/**
 * Applies `patch` to `original` for an object of kind (group, kind) and returns the result.
 * Neither input is mutated. Throws PatchError (message as upstream's, `status` as kube-apiserver's).
 * Fields the merge-key table does not know are handled as untagged (maps merge, lists replace).
 */
export function strategicMergePatch(original: any, patch: any, group: string, kind: string): any {
  if (!isMap(patch)) throw new PatchError(MSG.badJSONDoc, 400);
  const orig = isMap(original) ? cloneJSON(original) : {};
  const m = new Merger(mergeInfoFor(group, kind));
  return m.mergeMap(orig, cloneJSON(patch), []);
}


function badPatchType(t: unknown, m: unknown): PatchError {
  return new PatchError(`unknown patch type: ${goValue(t)} in map: ${goValue(m)}`);
}


/** The strategy other than retainKeys (extractRetainKeysPatchStrategy). */
function mainStrategy(meta: PatchMeta | undefined): string {
  const s = meta?.strategy ?? [];
  return s.find((x) => x !== 'retainKeys') ?? '';
}

/** `$prefix/field` → field; upstream's extractKey. */
function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_PRIMITIVE_PREFIX) throw new PatchError(MSG.badPrimitiveList, 400);
    throw new PatchError(MSG.badSetElementOrder, 400);
  }
  return s.slice(i + 1);
}

function isDirectiveKey(k: string): boolean {
  return k === RETAIN_KEYS || k.startsWith(`${SET_ORDER_PREFIX}/`) || k.startsWith(`${DELETE_PRIMITIVE_PREFIX}/`);
}

/**
 * removeDirectives: drops maps carrying `$patch` (and, since we store JSON rather than decode into
 * Go structs that would drop them, the other `$…` directive keys). Returns [value, keep].
 */
function removeDirectives(v: any): [any, boolean] {
  if (isMap(v)) {
    if (DIRECTIVE in v) return [undefined, false];
    for (const k of Object.keys(v)) {
      if (isDirectiveKey(k)) {
        delete v[k];
        continue;
      }
      const [nv, keep] = removeDirectives(v[k]);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: any[] = [];
    for (const e of v) {
      const [nv, keep] = removeDirectives(e);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [v, true];
}

/** discardNullValuesFromPatch: nulls inside an added value mean nothing. */
function discardNulls(v: any): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) v.forEach(discardNulls);
}

/** The patch value as it lands in the result when it is taken whole. */
function takeWhole(v: any): [any, boolean] {
  discardNulls(v);
  return removeDirectives(v);
}









class Merger {
  constructor(private readonly lookup: Lookup) {}

  mergeMap(original: JMap | null, patch: JMap, path: string[]): JMap {
    if (DIRECTIVE in patch) {
      const d = patch[DIRECTIVE];
      if (d === 'replace') {
        delete patch[DIRECTIVE];
        return takeWhole(patch)[0];
      }
      if (d === 'delete') return {};
      throw badPatchType(d, patch);
    }
    const orig: JMap = original ?? {};
    this.applyRetainKeys(orig, patch);
    this.mergeOrderedLists(orig, patch, path);

    for (const k of Object.keys(patch)) {
      const pv = patch[k];
      let key = k;
      let isDeleteList = false;
      if (k.startsWith(DELETE_PRIMITIVE_PREFIX)) {
        key = extractKey(k, DELETE_PRIMITIVE_PREFIX);
        isDeleteList = true;
      }
      if (pv === null) {
        delete orig[key];
        continue;
      }
      if (!(key in orig) || kindOf(orig[key]) !== kindOf(pv)) {
        if (!isDeleteList) {
          const [v, keep] = takeWhole(pv);
          if (keep) orig[key] = v;
          else delete orig[key];
        }
        continue;
      }
      const childPath = [...path, key];
      const meta = this.lookup(childPath);
      const strategy = mainStrategy(meta);
      switch (kindOf(pv)) {
        case 'map':
          orig[key] = strategy === 'replace' ? takeWhole(pv)[0] : this.mergeMap(orig[key], pv, childPath);
          break;
        case 'slice':
          orig[key] = this.mergeSliceHandler(orig[key], pv, childPath, strategy, meta?.key ?? '', isDeleteList);
          break;
        default:
          orig[key] = pv;
      }
    }
    return orig;
  }

  /** applyRetainKeysDirective: clear keys of `original` missing from the `$retainKeys` list. */
  private applyRetainKeys(original: JMap, patch: JMap): void {
    if (!(RETAIN_KEYS in patch)) return;
    const list = patch[RETAIN_KEYS];
    delete patch[RETAIN_KEYS];
    if (!Array.isArray(list)) throw new PatchError(MSG.badRetainKeys, 400);
    const keep = new Set(list);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || k.startsWith(DELETE_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) continue;
      if (!keep.has(k)) throw new PatchError(MSG.badRetainKeys, 400);
    }
    for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
  }

  /** mergePatchIntoOriginal: merge each list that has a `$setElementOrder/<field>` and order it. */
  private mergeOrderedLists(original: JMap, patch: JMap, path: string[]): void {
    for (const k of Object.keys(patch)) {
      if (!k.startsWith(SET_ORDER_PREFIX)) continue;
      const order = patch[k];
      delete patch[k];
      if (!Array.isArray(order)) throw badArgType(SLICE_T, order);
      const field = extractKey(k, SET_ORDER_PREFIX);
      const foundOrig = field in original;
      const foundPatch = field in patch;
      const origList = original[field];
      const patchList = patch[field];
      if (foundOrig && !Array.isArray(origList)) throw badArgType(SLICE_T, origList);
      if (foundPatch && !Array.isArray(patchList)) throw badArgType(SLICE_T, patchList);
      const childPath = [...path, field];
      const meta = this.lookup(childPath);
      const mergeKey = meta?.key ?? '';
      validatePatchWithSetOrderList(foundPatch ? patchList : [], order, mergeKey);

      let merged: any[];
      if (foundOrig && !foundPatch) merged = origList;
      else if (!foundOrig && foundPatch) merged = removeDirectives(patchList)[0];
      else if (foundOrig && foundPatch) {
        // Element maps may be merged in place; keep the live order as it was for sorting.
        const liveOrder = [...origList];
        merged = this.mergeSliceHandler(origList, patchList, childPath, mainStrategy(meta), mergeKey, false);
        original[field] = liveOrder;
      } else continue;

      const [inOrder, serverOnly] = partition(merged, order, mergeKey);
      const kind = sliceElementKind(foundOrig ? origList : [], foundPatch ? patchList : []);
      original[field] = normalizeElementOrder(inOrder, serverOnly, order, foundOrig ? original[field] : [], mergeKey, kind);
      delete patch[field];
    }
  }

  private mergeSliceHandler(original: any, patch: any, path: string[], strategy: string, mergeKey: string, isDeleteList: boolean): any[] {
    if (!Array.isArray(original)) throw badArgType(SLICE_T, original);
    if (!Array.isArray(patch)) throw badArgType(SLICE_T, patch);
    if (strategy === 'merge' || isDeleteList) return this.mergeSlice(original, patch, path, mergeKey, isDeleteList);
    return takeWhole(patch)[0];
  }

  private mergeSlice(original: any[], patch: any[], path: string[], mergeKey: string, isDeleteList: boolean): any[] {
    if (original.length === 0 && patch.length === 0) return original;
    const kind = sliceElementKind(original, patch);
    let merged: any[];
    if (kind !== 'map') {
      if (isDeleteList) {
        const del = new Set(patch);
        return original.filter((v) => !del.has(v));
      }
      merged = [];
      for (const v of [...original, ...patch]) if (!merged.includes(v)) merged.push(v);
    } else {
      if (!mergeKey) throw new PatchError('cannot merge lists without merge key for struct');
      [original, patch] = this.applySpecialElements(original, patch, mergeKey);
      merged = [...original];
      for (const v of patch) {
        if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
        const i = findByKey(merged, mergeKey, v[mergeKey]);
        if (i >= 0) merged[i] = this.mergeMap(merged[i], v, [...path, '[]']);
        else merged.push(takeWhole(v)[0]);
      }
    }
    const [inPatch, serverOnly] = partition(merged, patch, mergeKey);
    return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
  }

  /** mergeSliceWithSpecialElements: `$patch: delete|replace` elements of a merging list. */
  private applySpecialElements(original: any[], patch: any[], mergeKey: string): [any[], any[]] {
    const plain: any[] = [];
    let replace = false;
    let orig = original;
    for (const v of patch) {
      if (!(DIRECTIVE in v)) {
        plain.push(v);
        continue;
      }
      const d = v[DIRECTIVE];
      if (d === 'delete') {
        if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
        orig = orig.filter((e) => findByKey([e], mergeKey, v[mergeKey]) < 0);
      } else if (d === 'replace') {
        replace = true;
      } else if (d === 'merge') {
        throw new PatchError('merging lists cannot yet be specified in the patch');
      } else {
        throw badPatchType(d, v);
      }
    }
    if (replace) return [plain.map((v) => takeWhole(v)[0]), []];
    return [orig, plain];
  }
}

