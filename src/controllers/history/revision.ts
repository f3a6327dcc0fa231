/**
 * ControllerRevisions as StatefulSets and DaemonSets keep them (pkg/controller/history and the
 * two controllers' getPatch/newRevision/snapshot): each revision stores a strategic merge patch
 * `{"spec":{"template":{…,"$patch":"replace"}}}` that puts an owner's pod template back, carries
 * the template's labels plus a hash label, an ownerReference to its owner, and a number; kubectl
 * (`rollout history`, `rollout undo`) reads exactly these.
 */
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';

/** The hash label every StatefulSet revision carries (history.ControllerRevisionHashLabel). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** The pod label naming the revision a pod was made from (apps.ControllerRevisionHashLabelKey). */
export const POD_REVISION_LABEL = 'controller-revision-hash';
/** The annotation whose value `kubectl rollout history` prints as CHANGE-CAUSE. */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each character of `s` picks a letter that spells no words. */
export function safeEncode(s: string): string {
  let out = '';
  for (const c of s) out += SAFE[c.charCodeAt(0) % SAFE.length];
  return out;
}

/**
 * The 32-bit FNV hash of `text`'s UTF-8 bytes: FNV-1 (`fnv.New32`, what HashControllerRevision
 * uses) or FNV-1a (`fnv.New32a`, what controller.ComputeHash uses).
 */
export function fnv32(text: string, variant: '1' | '1a'): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    if (variant === '1a') h = Math.imul(h ^ b, 0x01000193) >>> 0;
    else h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  }
  return h >>> 0;
}

/** JSON with object keys sorted: a stable text of a value, whatever order its keys came in. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as object).sort().filter((k) => (v as any)[k] !== undefined);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON((v as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The hash of a revision's data, with the collision count appended when there is one
 * (HashControllerRevision): FNV-1 of the patch text, safe-encoded.
 */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  const text = canonicalJSON(data) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(fnv32(text, '1')));
}

/** A revision's name: the owner's name (at most 223 characters) and the hash (ControllerRevisionName). */
export function revisionName(owner: string, hash: string): string {
  return `${owner.slice(0, 223)}-${hash}`;
}

/** A copy of a JSON value with every object's keys in sorted order. */
export function sortedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortedKeys) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as any)[k] !== undefined) out[k] = sortedKeys((v as any)[k]);
    return out as T;
  }
  return v;
}

/**
 * The patch a revision stores for an owner: its pod template, to be replaced whole (getPatch).
 * Its keys are sorted, as Go's json.Marshal of a map writes them: kubectl's `rollout undo`
 * compares these bytes with the patch it makes of the live object to skip a no-op rollback.
 */
export function templatePatch(owner: KubeObject): Record<string, any> {
  return sortedKeys({ spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: 'replace' } } });
}

/** The pod template a revision's patch restores (what ApplyRevision yields for spec.template). */
export function templateOf(revision: KubeObject): Record<string, any> {
  const t = structuredClone(revision.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** The owner as it was at `revision`: a copy with the revision's template (ApplyRevision). */
export function applyRevision(owner: KubeObject, revision: KubeObject): KubeObject {
  const copy = structuredClone(owner);
  copy.spec = { ...(copy.spec ?? {}), template: templateOf(revision) };
  return copy;
}

/** Whether two revisions restore the same template (history.EqualRevision compares the data). */
export function equalRevision(a: KubeObject, b: KubeObject): boolean {
  return jsonEqual(a.data, b.data);
}

/** Revisions sorted by number, then name (history.SortControllerRevisions). */
export function sortRevisions(revisions: KubeObject[]): KubeObject[] {
  return [...revisions].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** One more than the highest revision number, 1 for none (nextRevision). */
export function nextRevisionNumber(revisions: KubeObject[]): number {
  return revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1;
}

/** The revisions `owner` controls: a controller ownerReference with its uid. */
export function ownedRevisions(owner: KubeObject, revisions: KubeObject[]): KubeObject[] {
  return revisions.filter((r) => (r.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === owner.metadata.uid));
}

/** What differs between the kinds' revisions: the hash and how it is labelled. */
export interface RevisionStyle {
  /** StatefulSet: FNV-1 of the data (hash label controller.kubernetes.io/hash); DaemonSet: the template's hash under controller-revision-hash. */
  hash(owner: KubeObject, data: unknown, collisionCount: number): string;
  hashLabel: string;
}

/**
 * A new revision of `owner` (history.NewControllerRevision / the DaemonSet's snapshot): the
 * template's labels plus the hash label, the owner's annotations, a controller reference.
 */
export function newRevision(owner: KubeObject, style: RevisionStyle, revision: number, collisionCount: number): KubeObject {
  const data = templatePatch(owner);
  const hash = style.hash(owner, data, collisionCount);
  const annotations = { ...(owner.metadata.annotations ?? {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(owner.metadata.name!, hash),
      namespace: owner.metadata.namespace,
      labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [style.hashLabel]: hash },
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion ?? 'apps/v1', kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    data,
    revision,
  };
}
