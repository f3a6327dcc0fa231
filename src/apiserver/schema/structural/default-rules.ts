/**
 * Defaults of a CRD schema must be valid values of their own schema node and must survive
 * pruning unchanged, as apiextensions-apiserver's defaulting.ValidateDefaults requires:
 *   ….properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string"
 *   ….properties[spec].default: Invalid value: {"foo":1}: must not have unknown fields
 * (the validator's path of a default is empty, hence upstream's double space). Defaults inside
 * an embedded resource's metadata are checked as metadata, not pruned.
 */
import { invalid, type FieldError } from '../../field-errors';
import { validateEmbeddedResources } from './embedded';
import { toFieldErrors } from './openapi-errors';
import { validateValue } from './openapi-validator';
import { pruneFields } from './pruning';
import type { RuleEngine } from './rule-engine';
import { child, deepCopy, itemsSchema, jsonEqual, key, type JSONSchemaProps } from './types';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** ValidateDefaults of the schema of a resource (its root is an embedded resource). */
export function validateDefaults(schema: JSONSchemaProps, path: string, rules?: RuleEngine): FieldError[] {
  const errs: FieldError[] = [];
  walk({ ...schema, 'x-kubernetes-embedded-resource': true }, path, false, errs, rules);
  return errs;
}

function walk(s: JSONSchemaProps, path: string, insideMeta: boolean, errs: FieldError[], rules: RuleEngine | undefined): void {
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (embedded) insideMeta = false;
  if (s.default !== undefined && s.default !== null) errs.push(...checkDefault(s, path, insideMeta, rules));
  const items = itemsSchema(s);
  if (items) walk(items, child(path, 'items'), insideMeta, errs, rules);
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    walk(p, key(child(path, 'properties'), k), insideMeta || (embedded && META_FIELDS.has(k)), errs, rules);
  }
}

function checkDefault(s: JSONSchemaProps, path: string, insideMeta: boolean, rules: RuleEngine | undefined): FieldError[] {
  const p = child(path, 'default');
  const value = s.default;
  const errs: FieldError[] = [];
  if (!insideMeta) {
    const pruned = deepCopy(value);
    pruneFields(pruned, s, s['x-kubernetes-embedded-resource'] === true);
    if (!jsonEqual(pruned, value)) errs.push(invalid(p, value, 'must not have unknown fields'));
  }
  const meta = validateEmbeddedResources(s, value, p);
  if (meta.length) return [...errs, ...meta];
  const schemaErrs = toFieldErrors(p, validateValue(s, value, '').errors);
  if (schemaErrs.length || !rules) return [...errs, ...schemaErrs];
  // The rules of the default's node run with oldSelf the default itself, as upstream does.
  return [...errs, ...rules.validate(s, value, value, { fieldPath: p, isResourceRoot: false, ratchet: false })];
}
