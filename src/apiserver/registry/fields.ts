import { badRequest } from '../status';
import { findUnknownFields, strictDecodingMessage } from '../schema/unknown-fields';
import type { KubeObject } from '../types';
import type { ResourceDef } from '../../resources/catalog';
import { pruneCustomResource } from '../../resources/customresource/schema';

/**
 * Server-side field validation (KEP-2885): Strict refuses unknown fields with 400, Warn (the
 * default) answers them as warnings, Ignore drops them silently. Unknown fields are never stored.
 * Returns the warnings to send. A custom resource's unknown fields are those its CRD's schema
 * prunes (they are pruned whatever the mode, as upstream's decoder does).
 */
export function checkUnknownFields(obj: KubeObject, mode: string | null, def?: ResourceDef): string[] {
  const apiVersion = obj.apiVersion ?? '';
  const kind = obj.kind ?? '';
  const unknown = def?.custom ? pruneCustomResource(def, obj) : findUnknownFields(apiVersion, kind, obj);
  if (!unknown.length) return [];
  const m = (mode ?? 'Warn').toLowerCase();
  if (m === 'strict') throw badRequest(strictDecodingMessage(unknown));
  if (!def?.custom) for (const path of unknown) removePath(obj, path);
  return m === 'warn' ? unknown.map((p) => `unknown field "${p}"`) : [];
}

/** Remove `a.b[0].c` from obj. */
export function removePath(obj: any, path: string): void {
  const segs: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return;
    if (m[1]) segs.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
  }
  let cur = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    cur = cur?.[segs[i]];
    if (cur === undefined || cur === null) return;
  }
  if (cur && typeof cur === 'object') delete cur[segs[segs.length - 1]];
}
