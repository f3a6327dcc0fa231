/**
 * Checks of embedded resources (`x-kubernetes-embedded-resource: true`, e.g. a pod template of
 * a custom workload), as apiextensions-apiserver's objectmeta.Validate runs them after the
 * OpenAPI validation: apiVersion and kind present and well formed, and the embedded metadata a
 * valid ObjectMeta (name as a path segment, labels, annotations).
 */
import { invalid, required, type FieldError } from '../../field-errors';
import { isDNS1035Label, validateAnnotations, validateLabels } from '../../validation/names';
import { additionalSchema, child, index, isObject, itemsSchema, key, propertyOf, type JSONSchemaProps } from './types';

/** Errors of every embedded resource in `obj` (a schema node with x-kubernetes-embedded-resource). */
export function validateEmbeddedResources(schema: JSONSchemaProps, obj: unknown, path = ''): FieldError[] {
  const errs: FieldError[] = [];
  walk(schema, obj, path, errs);
  return errs;
}

function walk(s: JSONSchemaProps | undefined, x: unknown, path: string, errs: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(x)) {
    x.forEach((item, i) => walk(itemsSchema(s), item, index(path, i), errs));
    return;
  }
  if (!isObject(x)) return;
  if (s['x-kubernetes-embedded-resource']) validateEmbedded(x, path, errs);
  for (const [k, v] of Object.entries(x)) {
    const prop = propertyOf(s, k);
    if (prop) walk(prop, v, child(path, k), errs);
    else if (s.additionalProperties !== undefined) walk(additionalSchema(s), v, key(path, k), errs);
  }
}

/** schema.ParseGroupVersion's complaint about `gv`, if any. */
function groupVersionError(gv: string): string | undefined {
  const parts = gv.split('/');
  if (parts.length > 2) return `unexpected GroupVersion string: ${gv}`;
  return undefined;
}

/** IsPathSegmentName: the problems of a name that must be one path segment. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) out.push(`may not contain '${c}'`);
  return out;
}

function validateEmbedded(x: Record<string, unknown>, path: string, errs: FieldError[]): void {
  if (!('apiVersion' in x)) errs.push(required(child(path, 'apiVersion')));
  if (!('kind' in x)) errs.push(required(child(path, 'kind')));
  for (const [k, v] of Object.entries(x)) {
    const p = child(path, k);
    if (k === 'apiVersion') {
      if (typeof v !== 'string') errs.push(invalid(p, v, 'must be a string'));
      else if (!v) errs.push(invalid(p, v, 'must not be empty'));
      else {
        const e = groupVersionError(v);
        if (e) errs.push(invalid(p, v, e));
      }
    } else if (k === 'kind') {
      if (typeof v !== 'string') errs.push(invalid(p, v, 'must be a string'));
      else if (!v) errs.push(invalid(p, v, 'must not be empty'));
      else {
        const msgs = isDNS1035Label(v.toLowerCase());
        if (msgs.length) errs.push(invalid(p, v, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
      }
    } else if (k === 'metadata') {
      if (!isObject(v)) {
        errs.push(invalid(p, v, `json: cannot unmarshal ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v} into Go value of type v1.ObjectMeta`));
        continue;
      }
      const name = typeof v.name === 'string' && v.name ? v.name : undefined;
      if (name) for (const m of pathSegmentErrors(name)) errs.push(invalid(child(p, 'name'), name, m));
      const gen = typeof v.generateName === 'string' ? v.generateName : '';
      if (gen) for (const m of pathSegmentErrors(gen).filter((m) => m !== "may not be '.'" && m !== "may not be '..'")) errs.push(invalid(child(p, 'generateName'), gen, m));
      if (isObject(v.labels)) errs.push(...validateLabels(v.labels as Record<string, string>, child(p, 'labels')));
      if (isObject(v.annotations)) errs.push(...validateAnnotations(v.annotations as Record<string, string>, child(p, 'annotations')));
    }
  }
}
