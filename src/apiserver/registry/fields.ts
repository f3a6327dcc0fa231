import { badRequest } from '../status';
import { findUnknownFields, strictDecodingMessage } from '../schema/unknown-fields';
import type { KubeObject } from '../types';

/**
 * Server-side field validation (KEP-2885): Strict refuses unknown fields with 400, Warn (the
 * default) answers them as warnings, Ignore drops them silently. Unknown fields are never stored.
 * Returns the warnings to send.
 */
export function checkUnknownFields(obj: KubeObject, mode: string | null): string[] {
  const apiVersion = obj.apiVersion ?? '';
  const kind = obj.kind ?? '';
  const unknown = findUnknownFields(apiVersion, kind, obj);
  if (!unknown.length) return [];
  const m = (mode ?? 'Warn').toLowerCase();
  if (m === 'strict') throw badRequest(strictDecodingMessage(unknown));
  for (const path of unknown) removePath(obj, path);
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
