/**
 * managedFields: who owns which field of an object. Every write updates them (an Update entry per
 * manager, API version and subresource); server-side apply replaces its manager's Apply entry with
 * the fields of the applied configuration, refusing, unless forced, to change fields other
 * managers own. Mirrors k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager and
 * structured-merge-diff's merge.Updater.
 */
import { StatusError } from '../status';
import type { KubeObject } from '../types';
import { timestamp } from '../registry/meta';
import { FieldSet, pathString } from './fieldset';
import { compare, toFieldSet, zeroLike, type Comparison } from './walk';
import { mergeApplied, removePath } from './merge';
import { rootType, type FieldType } from './schema';

/** One managedFields entry, decoded. */
export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Who is writing: the manager and the API version and subresource it writes through. */
export interface Writer {
  manager: string;
  apiVersion: string;
  subresource: string;
  now: Date;
}

/** The longest field manager name kube-apiserver accepts. */
export const MAX_FIELD_MANAGER_LENGTH = 128;

/**
 * Fields no manager owns (stripMetaManager): type meta and the metadata the server sets.
 */
const STRIPPED: string[][] = [
  ['f:apiVersion'], ['f:kind'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName']
    .map((f) => ['f:metadata', `f:${f}`]),
];

/**
 * The part of a field set a writer can own: without the stripped fields, and — as the reset
 * fields of each strategy make upstream — without status when writing the object itself, or with
 * only status when writing the status subresource.
 */
function ownable(set: FieldSet, subresource: string): FieldSet {
  const out = new FieldSet();
  for (const p of set.paths()) {
    if (STRIPPED.some((s) => s.length <= p.length && s.every((el, i) => p[i] === el))) continue;
    if (p.length === 1 && p[0] === 'f:metadata') continue;
    const isStatus = p[0] === 'f:status';
    if (subresource === 'status' ? !isStatus : isStatus) continue;
    out.insert(p);
  }
  return out;
}

function ownableComparison(c: Comparison, subresource: string): Comparison {
  return { added: ownable(c.added, subresource), modified: ownable(c.modified, subresource), removed: ownable(c.removed, subresource) };
}

/** Identity of an entry: Apply entries are one per manager, Update entries per API version too. */
function identity(e: Pick<ManagedEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Apply' ? '' : e.apiVersion, e.subresource ?? '']);
}

/** Decode an object's managedFields; entries that are not valid FieldsV1 are dropped. */
export function decodeManagedFields(list: unknown): ManagedEntry[] {
  if (!Array.isArray(list)) return [];
  const out: ManagedEntry[] = [];
  for (const e of list) {
    if (typeof e !== 'object' || e === null || !e.manager || (e.operation !== 'Apply' && e.operation !== 'Update')) continue;
    const set = FieldSet.fromFieldsV1(e.fieldsV1 ?? {});
    if (!set) continue;
    out.push({ manager: e.manager, operation: e.operation, apiVersion: e.apiVersion ?? '', subresource: e.subresource || undefined, time: e.time, set });
  }
  return out;
}

/** Encode entries as managedFields, sorted as upstream: Apply first, then by time and manager. */
export function encodeManagedFields(entries: ManagedEntry[]): Record<string, unknown>[] {
  const sorted = entries.filter((e) => !e.set.isEmpty()).sort((p, q) =>
    p.operation !== q.operation ? (p.operation < q.operation ? -1 : 1)
      : (p.time ?? '') !== (q.time ?? '') ? ((p.time ?? '') < (q.time ?? '') ? -1 : 1)
        : p.manager !== q.manager ? (p.manager < q.manager ? -1 : 1)
          : p.apiVersion !== q.apiVersion ? (p.apiVersion < q.apiVersion ? -1 : 1)
            : (p.subresource ?? '') < (q.subresource ?? '') ? -1 : 1);
  return sorted.map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    ...(e.time ? { time: e.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: e.set.toFieldsV1(),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  }));
}

/** The merge type of an object (by its apiVersion and kind). */
export function typeOf(obj: KubeObject): FieldType | undefined {
  return rootType(obj.apiVersion ?? '', obj.kind ?? '');
}

/**
 * managedFields after an ordinary write (create, update, patch) by `writer`: the fields it added
 * or changed become its own (taken from any other manager), removed fields leave every manager.
 * `old` is undefined for a create; `base` the entries to start from; `t` the object's merge type
 * (a custom resource's, from its CRD; a built-in kind's by default).
 */
export function updateManagedFields(old: KubeObject | undefined, obj: KubeObject, base: ManagedEntry[], writer: Writer, t: FieldType | undefined = typeOf(obj)): ManagedEntry[] {
  const c = ownableComparison(compare(old ?? zeroLike(obj), obj, t), writer.subresource);
  const changed = c.added.union(c.modified);
  const mine = { manager: writer.manager, operation: 'Update' as const, apiVersion: writer.apiVersion, subresource: writer.subresource || undefined };
  const id = identity(mine);
  let found: ManagedEntry | undefined;
  const out: ManagedEntry[] = [];
  for (const e of base) {
    if (identity(e) === id) {
      found = e;
      continue;
    }
    out.push({ ...e, set: e.set.difference(changed).difference(c.removed) });
  }
  const set = (found?.set ?? new FieldSet()).difference(c.removed).union(changed);
  const time = changed.isEmpty() && found ? found.time : timestamp(writer.now);
  out.push({ ...mine, time, set });
  return out.filter((e) => !e.set.isEmpty());
}

/** A field another manager owns that an apply would change. */
export interface Conflict {
  entry: ManagedEntry;
  path: string[];
}

/** The result of applying a configuration: the object to store and its managed fields. */
export interface Applied {
  object: KubeObject;
  entries: ManagedEntry[];
}

/**
 * Server-side apply of `config` by `writer` to `live` (a fresh empty object when creating):
 * merge, refuse conflicts unless `force` (then take the fields over), make the applied fields
 * the manager's Apply entry, and remove the fields it applied before but no longer applies and
 * nobody else owns. `t` is the merge type (a built-in kind's by default).
 */
export function applyConfiguration(live: KubeObject, config: KubeObject, writer: Writer, force: boolean, t: FieldType | undefined = typeOf(config) ?? typeOf(live)): Applied {
  const base = decodeManagedFields(live.metadata?.managedFields);
  const merged = mergeApplied(live, config, t) as KubeObject;
  merged.metadata.managedFields = live.metadata?.managedFields;
  const c = ownableComparison(compare(live, merged, t), writer.subresource);
  const changed = c.added.union(c.modified);
  const mine = { manager: writer.manager, operation: 'Apply' as const, apiVersion: writer.apiVersion, subresource: writer.subresource || undefined };
  const id = identity(mine);
  const conflicts: Conflict[] = [];
  let last: ManagedEntry | undefined;
  const others: ManagedEntry[] = [];
  for (const e of base) {
    if (identity(e) === id) {
      last = e;
      continue;
    }
    for (const p of e.set.intersection(changed).paths()) conflicts.push({ entry: e, path: p });
    others.push(e);
  }
  if (conflicts.length && !force) throw conflictError(conflicts);
  const entries: ManagedEntry[] = others.map((e) => ({ ...e, set: e.set.difference(changed).difference(c.removed) }));
  const applied = ownable(toFieldSet(config, t), writer.subresource);
  // Re-applying the same fields keeps the entry's time, so that an unchanged apply writes nothing.
  entries.push({ ...mine, time: last && last.set.equals(applied) ? last.time : timestamp(writer.now), set: applied });
  if (last) {
    const owned = entries.reduce((acc, e) => acc.union(e.set), new FieldSet());
    const gone = last.set.difference(owned).paths().filter((p) => !owned.hasPrefix(p));
    // A list item goes as a whole: removing its key field first would leave it unfindable.
    const key = (p: readonly string[]) => JSON.stringify(p);
    const goneKeys = new Set(gone.map(key));
    const topmost = gone.filter((p) => !p.some((_, i) => i > 0 && goneKeys.has(key(p.slice(0, i)))));
    for (const p of topmost.sort((a, b) => b.length - a.length)) removePath(merged, p);
  }
  return { object: merged, entries: entries.filter((e) => !e.set.isEmpty()) };
}

/** How a manager is named in a conflict message (printManager upstream). */
function printManager(e: ManagedEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += e.time ? ` using ${e.apiVersion} at ${e.time}` : ` using ${e.apiVersion}`;
  return s;
}

/** The 409 of an apply that conflicts (NewConflictError upstream). */
export function conflictError(conflicts: Conflict[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, Conflict[]>();
    for (const c of conflicts) byManager.set(printManager(c.entry), [...(byManager.get(printManager(c.entry)) ?? []), c]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const c of byManager.get(m)!) lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Conflict',
    details: { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: pathString(c.path) })) },
    code: 409,
  });
}
