/**
 * The rules kube-apiserver holds every node of a CRD schema to, besides structurality
 * (ValidateCustomResourceDefinitionOpenAPISchema in apiextensions' validation.go): no $ref,
 * definitions, patternProperties, dependencies, additionalItems, id, type null or uniqueItems;
 * additionalProperties not beside properties; defaults nowhere in the root's metadata, apiVersion
 * or kind; x-kubernetes-map-type/list-type on the right types with their allowed values; map
 * lists whose keys are scalar, required-or-defaulted item properties; the shape of
 * x-kubernetes-validations rules.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field-errors';
import { resolveRuleFieldPath } from './rule-field-path';
import { child, index, isObject, itemsSchema, key, type JSONSchemaProps } from './types';

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
const RULE_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];

interface Context {
  allowDefaults: boolean;
  disallowDefaultsReason?: string;
  insideResourceMeta: boolean;
}

/** Errors of `schema` (a CRD version's openAPIV3Schema at `path`) under these rules. */
export function validateSchemaRules(schema: JSONSchemaProps, path: string): FieldError[] {
  const errs: FieldError[] = [];
  node(schema, path, { allowDefaults: true, insideResourceMeta: false }, true, errs);
  return errs;
}

const hasNewlines = (s: string) => /[\n\r]/.test(s);

/** specStandardValidatorV3.validate: what no node may have. */
function standard(s: JSONSchemaProps, path: string, ctx: Context, errs: FieldError[]): void {
  if (s.type && !OPENAPI_V3_TYPES.includes(s.type) && s.type !== 'null') errs.push(notSupported(child(path, 'type'), s.type, OPENAPI_V3_TYPES));
  if (s.default !== undefined && s.default !== null && !ctx.allowDefaults) {
    errs.push(forbidden(child(path, 'default'), `must not be set${ctx.disallowDefaultsReason ? ` ${ctx.disallowDefaultsReason}` : ''}`));
  }
  if (s.id) errs.push(forbidden(child(path, 'id'), 'id is not supported'));
  if (s.additionalItems !== undefined) errs.push(forbidden(child(path, 'additionalItems'), 'additionalItems is not supported'));
  if (isObject(s.patternProperties) && Object.keys(s.patternProperties).length) errs.push(forbidden(child(path, 'patternProperties'), 'patternProperties is not supported'));
  if (isObject(s.definitions) && Object.keys(s.definitions).length) errs.push(forbidden(child(path, 'definitions'), 'definitions is not supported'));
  if (s.dependencies !== undefined) errs.push(forbidden(child(path, 'dependencies'), 'dependencies is not supported'));
  if (s.$ref !== undefined) errs.push(forbidden(child(path, '$ref'), '$ref is not supported'));
  if (s.type === 'null') errs.push(forbidden(child(path, 'type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items)) errs.push(forbidden(child(path, 'items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource']) {
    errs.push(forbidden(child(path, 'x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
}

function node(s: JSONSchemaProps | undefined, path: string, ctx: Context, isRoot: boolean, errs: FieldError[]): void {
  if (!isObject(s)) return;
  standard(s, path, ctx, errs);
  if (s.uniqueItems) errs.push(forbidden(child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const props = s.properties ?? {};
  if (s.additionalProperties !== undefined) {
    if (Object.keys(props).length && s.additionalProperties !== true) {
      errs.push(forbidden(child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    }
    const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, disallowDefaultsReason: 'inside additionalProperties applying to object metadata' } : ctx;
    if (isObject(s.additionalProperties)) node(s.additionalProperties as JSONSchemaProps, child(path, 'additionalProperties'), sub, false, errs);
  }
  for (const [name, p] of Object.entries(props)) {
    let sub = ctx;
    if ((isRoot || s['x-kubernetes-embedded-resource']) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${name}` };
    }
    node(p, key(child(path, 'properties'), name), sub, false, errs);
  }
  if (s.not) node(s.not, child(path, 'not'), ctx, false, errs);
  for (const name of ['allOf', 'oneOf', 'anyOf'] as const) s[name]?.forEach((v, i) => node(v, index(child(path, name), i), ctx, false, errs));
  if (Array.isArray(s.items)) s.items.forEach((v, i) => node(v, index(child(path, 'items'), i), ctx, false, errs));
  else node(itemsSchema(s), child(path, 'items'), ctx, false, errs);
  extensions(s, path, errs);
  rules(s, path, errs);
}

function typeMust(s: JSONSchemaProps, path: string, type: string, detail: string, errs: FieldError[]): void {
  if (s.type === type) return;
  if (!s.type) errs.push(required(child(path, 'type'), detail));
  else errs.push(invalid(child(path, 'type'), s.type, detail));
}

function extensions(s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(invalid(child(path, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    typeMust(s, path, 'object', 'must be object if x-kubernetes-map-type is specified', errs);
    if (mapType !== 'atomic' && mapType !== 'granular') errs.push(notSupported(child(path, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  const listType = s['x-kubernetes-list-type'];
  const items = itemsSchema(s);
  if (listType !== undefined && s.type !== 'array') typeMust(s, path, 'array', 'must be array if x-kubernetes-list-type is specified', errs);
  else if (listType === 'set' && items) {
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      errs.push(invalid(child(child(path, 'items'), 'x-kubernetes-list-type'), items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    } else if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errs.push(invalid(child(child(path, 'items'), 'x-kubernetes-map-type'), items['x-kubernetes-list-type'] ?? 'null', 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) {
    errs.push(notSupported(child(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  if (keys.length) {
    if (listType === undefined) errs.push(required(child(path, 'x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errs.push(invalid(child(path, 'x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') mapList(s, keys, path, errs);
  if (items && (listType === 'set' || listType === 'map')) {
    if (items.nullable) errs.push(forbidden(child(child(path, 'items'), 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
    if (listType === 'map') {
      const req = new Set(items.required ?? []);
      for (const k of keys) {
        const p = items.properties?.[k];
        if (!p) continue;
        const kp = key(child(child(path, 'items'), 'properties'), k);
        if (!req.has(k) && p.default === undefined) {
          errs.push(required(child(kp, 'default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
        }
        if (p.nullable) errs.push(forbidden(child(kp, 'nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
      }
    }
  }
}

function mapList(s: JSONSchemaProps, keys: string[], path: string, errs: FieldError[]): void {
  if (!keys.length) errs.push(required(child(path, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
  if (s.items === undefined) {
    errs.push(required(child(path, 'items'), 'must have a schema if x-kubernetes-list-type is map'));
    return;
  }
  if (Array.isArray(s.items)) {
    errs.push(invalid(child(path, 'items'), s.items, 'must only have a single schema if x-kubernetes-list-type is map'));
    return;
  }
  const items = s.items;
  if (items.type !== 'object') {
    errs.push(invalid(child(child(path, 'items'), 'type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
    return;
  }
  const seen = new Set<string>();
  for (const k of keys) {
    const p = items.properties && Object.prototype.hasOwnProperty.call(items.properties, k) ? items.properties[k] : undefined;
    if (p) {
      if (p.type === 'array' || p.type === 'object') {
        errs.push(invalid(child(key(child(child(path, 'items'), 'properties'), k), 'type'), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
      }
    } else errs.push(invalid(child(path, 'x-kubernetes-list-map-keys'), keys, 'entries must all be names of item properties'));
    if (seen.has(k)) errs.push(invalid(child(path, 'x-kubernetes-list-map-keys'), keys, 'must not contain duplicate entries'));
    seen.add(k);
  }
}

/** The shape of x-kubernetes-validations rules (compiling them is the CEL module's). */
function rules(s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  (s['x-kubernetes-validations'] ?? []).forEach((r, i) => {
    const p = index(child(path, 'x-kubernetes-validations'), i);
    const rule = (r.rule ?? '').trim();
    const message = (r.message ?? '').trim();
    if (!rule) errs.push(required(child(p, 'rule'), 'rule is not specified'));
    else if (r.message && !message) errs.push(invalid(child(p, 'message'), r.message, 'must be non-empty if specified'));
    else if (hasNewlines(message)) errs.push(invalid(child(p, 'message'), r.message, 'must not contain line breaks'));
    else if (hasNewlines(rule) && !message) errs.push(required(child(p, 'message'), 'message must be specified if rule contains line breaks'));
    if (r.messageExpression !== undefined && r.messageExpression.length > 0 && !r.messageExpression.trim()) {
      errs.push(required(child(p, 'messageExpression'), 'messageExpression must be non-empty if specified'));
    }
    if (r.reason !== undefined && !RULE_REASONS.includes(r.reason)) errs.push(notSupported(child(p, 'reason'), r.reason, RULE_REASONS));
    if (r.fieldPath !== undefined && r.fieldPath.length > 0 && !r.fieldPath.trim()) errs.push(invalid(child(p, 'fieldPath'), r.fieldPath, 'must be non-empty if specified'));
    if (r.fieldPath !== undefined && hasNewlines(r.fieldPath)) errs.push(invalid(child(p, 'fieldPath'), r.fieldPath, 'must not contain line breaks'));
    if (r.fieldPath && 'error' in resolveRuleFieldPath(r.fieldPath, s)) errs.push(invalid(child(p, 'fieldPath'), r.fieldPath, 'must be a valid path'));
  });
}
