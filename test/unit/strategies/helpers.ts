import { errorText } from '../../../src/apiserver/field-errors';
import type { KubeObject } from '../../../src/apiserver/types';
import { strategies } from '../../../src/resources/strategies';

/** Run defaults → prepareForCreate on a copy, as the store does for a create. */
export function created(key: string, obj: Record<string, any>): KubeObject {
  const o = structuredClone(obj) as KubeObject;
  o.metadata ??= {};
  const s = strategies[key];
  s.defaults?.(o);
  s.prepareForCreate?.(o);
  return o;
}

/** Error lines of a create (after defaulting and preparation). */
export function createErrors(key: string, obj: Record<string, any>): string[] {
  const o = created(key, obj);
  return (strategies[key].validate?.(o) ?? []).map(errorText);
}

/** Run defaults → prepareForUpdate on a copy of `next`, returning the object and its error lines. */
export function updated(key: string, next: Record<string, any>, old: KubeObject): { obj: KubeObject; errors: string[] } {
  const o = structuredClone(next) as KubeObject;
  const s = strategies[key];
  s.defaults?.(o);
  s.prepareForUpdate?.(o, old);
  return { obj: o, errors: (s.validateUpdate?.(o, old) ?? []).map(errorText) };
}
