/**
 * JSON patch (RFC 6902, application/json-patch+json) and JSON merge patch (RFC 7386,
 * application/merge-patch+json) as kube-apiserver applies them: with gopkg.in/evanphx/json-patch.v4
 * (endpoints/handlers/patch.go). We resolve every operation ourselves so that v4's quirks and error
 * texts hold — `replace` of a missing object key sets it, negative array indices count from the
 * end, a path without a leading "/" addresses the root — and hand the resolved operation to
 * fast-json-patch to carry out.
 */
import { applyOperation, type Operation } from 'fast-json-patch';
import { PatchError, cloneJSON, isMap, jsonEqual } from './errors.js';

/** kube-apiserver's maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

/** A located parent container and the (decoded) last token of a path. */
interface Target {
  con: Record<string, any> | any[];
  key: string;
  /** JSON pointer of `con`, array indices made absolute. */
  parent: string;
}

function decodeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Go's strconv.Atoi, with its error text. */
function atoi(s: string): number | Error {
  if (/^[+-]?\d+$/.test(s)) {
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n;
    return new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
}

/** v4 findObject: walks every token but the last; undefined when any step is missing. */
function findObject(doc: any, path: string): Target | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let cur: any = doc;
  let parent = '';
  for (const part of split.slice(1, -1)) {
    const token = decodeToken(part);
    const next = getChild(cur, token);
    if (next instanceof Error || next === undefined || next === null) return undefined;
    if (typeof next !== 'object') return undefined;
    parent += `/${Array.isArray(cur) ? String(arrayIndex(token, cur.length)) : encodeToken(token)}`;
    cur = next;
  }
  return { con: cur, key: decodeToken(split[split.length - 1]), parent };
}

/** Resolves an index token against an array of length `len` (negative counts from the end). */
function arrayIndex(key: string, len: number): number | Error {
  const idx = atoi(key);
  if (idx instanceof Error) return idx;
  if (idx < 0) {
    if (idx < -len) return new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    return idx + len;
  }
  if (idx >= len) return new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  return idx;
}

/** container.get: objects never fail (missing → undefined); arrays fail on a bad index. */
function getChild(con: any, key: string): any {
  if (Array.isArray(con)) {
    const i = arrayIndex(key, con.length);
    return i instanceof Error ? i : con[i];
  }
  return Object.prototype.hasOwnProperty.call(con, key) ? con[key] : undefined;
}

/** JSON pointer of a resolved target, indices made absolute, for fast-json-patch. */
function pointer(t: Target, index?: number | '-'): string {
  const last = index !== undefined ? String(index) : encodeToken(t.key);
  return `${t.parent}/${last}`;
}

function run(doc: any, op: Operation): void {
  applyOperation(doc, op, false, true, true);
}

function opPath(op: Record<string, unknown>): string | undefined {
  return typeof op.path === 'string' ? op.path : undefined;
}

function opFrom(op: Record<string, unknown>): string | undefined {
  return typeof op.from === 'string' ? op.from : undefined;
}

function opValue(op: Record<string, unknown>): unknown {
  return op.value === undefined ? null : cloneJSON(op.value);
}

/** v4 container.add; returns an error text or undefined. Carries out the add. */
function addAt(doc: any, t: Target, value: unknown): string | undefined {
  if (Array.isArray(t.con)) {
    if (t.key === '-') {
      run(doc, { op: 'add', path: pointer(t, '-'), value });
      return undefined;
    }
    const idx = atoi(t.key);
    if (idx instanceof Error) return `value was not a proper array index: '${t.key}': ${idx.message}`;
    const size = t.con.length + 1;
    if (idx >= size || idx < -size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
    run(doc, { op: 'add', path: pointer(t, idx < 0 ? idx + size : idx), value });
    return undefined;
  }
  run(doc, { op: 'add', path: pointer(t), value });
  return undefined;
}

/** v4 container.remove; returns an error text or undefined. Carries out the removal. */
function removeAt(doc: any, t: Target): string | undefined {
  if (Array.isArray(t.con)) {
    const i = arrayIndex(t.key, t.con.length);
    if (i instanceof Error) return i.message;
    run(doc, { op: 'remove', path: pointer(t, i) });
    return undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(t.con, t.key)) {
    return `Unable to remove nonexistent key: ${t.key}: ${MISSING}`;
  }
  run(doc, { op: 'remove', path: pointer(t) });
  return undefined;
}

function fail(message: string): never {
  throw new PatchError(message, 422);
}

/** Applies one operation to `doc` (mutated). `holder.doc` lets `replace ""` swap the root. */
function applyOne(holder: { doc: any }, raw: Record<string, unknown>): void {
  const doc = holder.doc;
  const kind = typeof raw.op === 'string' ? raw.op : 'unknown';
  const path = opPath(raw);
  switch (kind) {
    case 'add': {
      if (path === undefined) fail(`add operation failed to decode path: ${MISSING}`);
      const t = findObject(doc, path);
      if (!t) fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      const err = addAt(doc, t, opValue(raw));
      if (err) fail(`error in add for path: '${path}': ${err}`);
      return;
    }
    case 'remove': {
      if (path === undefined) fail(`remove operation failed to decode path: ${MISSING}`);
      const t = findObject(doc, path);
      if (!t) fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      const err = removeAt(doc, t);
      if (err) fail(`error in remove for path: '${path}': ${err}`);
      return;
    }
    case 'replace': {
      if (path === undefined) fail(`replace operation failed to decode path: operation missing path field: ${MISSING}`);
      if (path === '') {
        const v = opValue(raw);
        if (typeof v !== 'object' || v === null) fail('replace operation value must be object or array: %!w(<nil>)');
        holder.doc = v;
        return;
      }
      const t = findObject(doc, path);
      if (!t) fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      if (Array.isArray(t.con)) {
        const i = arrayIndex(t.key, t.con.length);
        if (i instanceof Error) fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
        run(doc, { op: 'replace', path: pointer(t, i), value: opValue(raw) });
      } else {
        // v4: an object's get never fails, so replacing a missing key simply sets it.
        run(doc, { op: 'add', path: pointer(t), value: opValue(raw) });
      }
      return;
    }
    case 'move': {
      const from = opFrom(raw);
      if (from === undefined) fail(`move operation failed to decode from: operation, missing from field: ${MISSING}`);
      const ft = findObject(doc, from);
      if (!ft) fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const val = getChild(ft.con, ft.key);
      if (val instanceof Error) fail(`error in move for path: '${ft.key}': ${val.message}`);
      const rerr = removeAt(doc, ft);
      if (rerr) fail(`error in move for path: '${ft.key}': ${rerr}`);
      if (path === undefined) fail(`move operation failed to decode path: operation missing path field: ${MISSING}`);
      const t = findObject(doc, path);
      if (!t) fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      const err = addAt(doc, t, val ?? null);
      if (err) fail(`error in move for path: '${path}': ${err}`);
      return;
    }
    case 'copy': {
      const from = opFrom(raw);
      if (from === undefined) fail(`copy operation failed to decode from: operation, missing from field: ${MISSING}`);
      const ft = findObject(doc, from);
      if (!ft) fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const val = getChild(ft.con, ft.key);
      if (val instanceof Error) fail(`error in copy for from: '${from}': ${val.message}`);
      if (path === undefined) fail(`copy operation failed to decode path: ${MISSING}`);
      const t = findObject(doc, path);
      if (!t) fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      const err = addAt(doc, t, cloneJSON(val ?? null));
      if (err) fail(`error while adding value during copy: ${err}`);
      return;
    }
    case 'test': {
      if (path === undefined) fail(`test operation failed to decode path: operation missing path field: ${MISSING}`);
      const want = raw.value === undefined ? null : raw.value;
      if (path === '') {
        if (!jsonEqual(doc, want)) fail(`testing value ${path} failed: test failed`);
        return;
      }
      const t = findObject(doc, path);
      if (!t) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      const got = getChild(t.con, t.key);
      if (got instanceof Error) fail(`error in test for path: '${path}': ${got.message}`);
      if (!jsonEqual(got ?? null, want)) fail(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      fail(`Unexpected kind: ${kind}`);
  }
}

/**
 * Applies an RFC 6902 patch to `original` and returns the result; `original` is not mutated.
 * `ops` is the decoded request body. Throws PatchError: 400 when it is not a list of objects,
 * 413 (`tooLarge`) past 10000 operations, 422 with v4's message when an operation fails, e.g.
 * `testing value /metadata/name failed: test failed`.
 */
export function applyJsonPatch(original: any, ops: unknown): any {
  if (!Array.isArray(ops)) {
    throw new PatchError(`json: cannot unmarshal ${jsonKind(ops)} into Go value of type jsonpatch.Patch`, 400);
  }
  for (const op of ops) {
    if (!isMap(op)) throw new PatchError(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`, 400);
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
      413,
      true,
    );
  }
  const holder = { doc: cloneJSON(original) };
  for (const op of ops as Record<string, unknown>[]) applyOne(holder, op);
  return holder.doc;
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * RFC 7386 merge patch as evanphx/json-patch v4 MergePatch does it: `null` deletes, objects merge
 * recursively, anything else (arrays included) replaces; nulls inside added objects are pruned.
 * Inputs are not mutated. A patch that is not an object throws PatchError 400 `Invalid JSON Patch`.
 */
export function jsonMergePatch(original: any, patch: unknown): any {
  if (!isMap(patch)) throw new PatchError('Invalid JSON Patch', 400);
  const doc = isMap(original) ? cloneJSON(original) : {};
  mergeDocs(doc, cloneJSON(patch));
  return doc;
}

function mergeDocs(doc: Record<string, any>, patch: Record<string, any>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null || !isMap(cur)) {
      pruneNulls(v);
      doc[k] = v;
    } else if (!isMap(v)) {
      doc[k] = v;
    } else {
      mergeDocs(cur, v);
    }
  }
}

/** v4 pruneNulls: drops null members of objects, recursively (array items are kept). */
function pruneNulls(v: any): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const e of v) if (e !== null) pruneNulls(e);
  }
}
