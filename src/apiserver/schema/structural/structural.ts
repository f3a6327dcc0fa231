/**
 * Whether a CRD schema is structural, as apiextensions-apiserver's ValidateStructural decides
 * (pkg/apiserver/schema/validation.go and complete.go):
 *  - every node outside allOf/anyOf/oneOf/not has a type, except under
 *    x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields;
 *  - inside allOf/anyOf/oneOf/not no type, default, title, description, nullable,
 *    additionalProperties or x-kubernetes-* extension (the int-or-string anyOf pattern excepted),
 *    and every property they name is also declared outside them (at the root);
 *  - metadata at the root may only restrict name and generateName, and nowhere else in a junctor;
 *  - embedded resources are objects with properties or preserve-unknown-fields;
 *  - no additionalProperties at the root.
 * Errors are sorted by their text, as upstream sorts them.
 */
import { errorText, forbidden, invalid, required, type FieldError } from '../../field-errors';
import { compilePattern } from './re2';
import { additionalSchema, child, index, isObject, itemsSchema, key, type JSONSchemaProps } from './types';

type Level = 'root' | 'item' | 'field';

const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

/** ValidateStructural: the invariants and the completeness of `schema`, sorted as upstream sorts them. */
export function validateStructural(schema: JSONSchemaProps, path: string): FieldError[] {
  const errs = [...invariants(schema, 'root', path), ...completeness(schema, schema, path, path)];
  return errs.sort((a, b) => (errorText(a) < errorText(b) ? -1 : errorText(a) > errorText(b) ? 1 : 0));
}

const isIntOrStringPair = (list: JSONSchemaProps[] | undefined) =>
  !!list && list.length === 2 && list.every((s, i) => Object.keys(s).length === 1 && s.type === (i === 0 ? 'integer' : 'string'));

function invariants(s: JSONSchemaProps, lvl: Level, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const items = itemsSchema(s);
  if (s.type === 'array' && !items) errs.push(required(child(path, 'items'), 'must be specified'));
  if (items) errs.push(...invariants(items, 'item', child(path, 'items')));
  for (const [k, v] of Object.entries(s.properties ?? {})) errs.push(...invariants(v, 'field', key(child(path, 'properties'), k)));
  if (s.additionalProperties !== undefined) {
    if (lvl === 'root') errs.push(forbidden(child(path, 'additionalProperties'), 'must not be used at the root'));
    const ap = additionalSchema(s);
    if (ap) errs.push(...invariants(ap, 'field', child(path, 'additionalProperties')));
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (intOrString && preserve) errs.push(invalid(child(path, 'x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  if (intOrString && embedded) errs.push(invalid(child(path, 'x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));
  const skipAnyOf = isIntOrStringPair(s.anyOf);
  const skipFirstAllOfAnyOf = !!s.allOf?.length && isIntOrStringPair(s.allOf[0].anyOf);
  errs.push(...junctors(s, skipAnyOf, skipFirstAllOfAnyOf, lvl, path));
  const type = s.type ?? '';
  if (embedded && type !== 'object') {
    if (!type) errs.push(required(child(path, 'type'), 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(invalid(child(path, 'type'), type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (!type && !intOrString && !preserve) errs.push(required(child(path, 'type'), EMPTY_TYPE[lvl]));
  if (embedded && s.additionalProperties !== undefined) {
    errs.push(forbidden(child(path, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  }
  if (lvl === 'root' && type && type !== 'object') errs.push(invalid(child(path, 'type'), type, 'must be object at the root'));
  const checkMetadata = lvl === 'root' || embedded;
  const props = s.properties ?? {};
  const propsPath = child(path, 'properties');
  for (const name of ['kind', 'apiVersion']) {
    const p = Object.prototype.hasOwnProperty.call(props, name) ? props[name] : undefined;
    if (p && checkMetadata && p.type !== 'string') errs.push(invalid(child(key(propsPath, name), 'type'), p.type ?? '', 'must be string'));
  }
  if (Object.prototype.hasOwnProperty.call(props, 'metadata')) errs.push(...metadataInvariants(props.metadata, checkMetadata, lvl, key(propsPath, 'metadata')));
  if (embedded && !preserve && Object.keys(props).length === 0) {
    errs.push(required(child(path, 'properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

/** Whether a schema member holds anything (the zero values of Go's Structural do not count). */
const isSet = (v: unknown) => v !== undefined && v !== null && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);

function metadataInvariants(s: JSONSchemaProps, checkMetadata: boolean, lvl: Level, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (checkMetadata && s.type !== 'object') errs.push(invalid(child(path, 'type'), s.type ?? '', 'must be object'));
  if (lvl === 'root') {
    const rest: Record<string, unknown> = { ...s };
    delete rest.type;
    delete rest.default;
    const names = Object.keys(s.properties ?? {});
    if (names.length > 0 && names.length <= 2 && names.every((n) => n === 'name' || n === 'generateName')) delete rest.properties;
    if (Object.values(rest).some((v) => isSet(v) && !(isObject(v) && Object.keys(v).length === 0))) {
      errs.push(forbidden(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
  }
  return errs;
}

/** validateValueValidation: the junctors of a node, and its pattern. */
function junctors(s: JSONSchemaProps, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, lvl: Level, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) s.anyOf?.forEach((v, i) => errs.push(...nested(v, false, lvl, index(child(path, 'anyOf'), i))));
  s.allOf?.forEach((v, i) => errs.push(...nested(v, skipFirstAllOfAnyOf && i === 0, lvl, index(child(path, 'allOf'), i))));
  s.oneOf?.forEach((v, i) => errs.push(...nested(v, false, lvl, index(child(path, 'oneOf'), i))));
  if (s.not) errs.push(...nested(s.not, false, lvl, child(path, 'not')));
  if (s.pattern) {
    const re = compilePattern(s.pattern);
    if (typeof re === 'string') errs.push(invalid(child(path, 'pattern'), s.pattern, `must be a valid regular expression, but isn't: ${re}`));
  }
  return errs;
}

const NESTED_FORBIDDEN: Array<[string, string]> = [
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

/** validateNestedValueValidation: a schema under allOf/anyOf/oneOf/not. */
function nested(v: JSONSchemaProps, skipAnyOf: boolean, lvl: Level, path: string): FieldError[] {
  const errs = junctors(v, skipAnyOf, false, lvl, path);
  const items = itemsSchema(v);
  if (items) errs.push(...nested(items, false, lvl, child(path, 'items')));
  for (const [k, p] of Object.entries(v.properties ?? {})) errs.push(...nested(p, false, 'field', key(child(path, 'properties'), k)));
  if (v.type) errs.push(forbidden(child(path, 'type'), 'must be empty to be structural'));
  if (v.additionalProperties !== undefined && v.additionalProperties !== false) {
    errs.push(forbidden(child(path, 'additionalProperties'), 'must be undefined to be structural'));
  }
  for (const [k, detail] of NESTED_FORBIDDEN) {
    const value = v[k];
    const present = k === 'default' ? value !== undefined && value !== null : k === 'x-kubernetes-list-type' || k === 'x-kubernetes-map-type' ? value !== undefined : isSet(value);
    if (present) errs.push(forbidden(child(path, k), detail));
  }
  if (v.properties && Object.prototype.hasOwnProperty.call(v.properties, 'metadata')) {
    errs.push(forbidden(key(child(path, 'properties'), 'metadata'), 'must not be specified in a nested context'));
  }
  return errs;
}

/** validateStructuralCompleteness: what the root's junctors name must be declared outside them. */
function completeness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.not) errs.push(...nestedCompleteness(v.not, s, sPath, child(vPath, 'not')));
  for (const [name, list] of [['allOf', v.allOf], ['anyOf', v.anyOf], ['oneOf', v.oneOf]] as const) {
    list?.forEach((n, i) => errs.push(...nestedCompleteness(n, s, sPath, index(child(vPath, name), i))));
  }
  return errs;
}

function nestedCompleteness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [required(sPath, `because it is defined in ${vPath}`)];
  const errs = completeness(v, s, sPath, vPath);
  const items = itemsSchema(v);
  if (items) errs.push(...nestedCompleteness(items, itemsSchema(s), child(sPath, 'items'), child(vPath, 'items')));
  for (const [k, p] of Object.entries(v.properties ?? {})) {
    const sp = s.properties && Object.prototype.hasOwnProperty.call(s.properties, k) ? s.properties[k] : undefined;
    const sk = key(child(sPath, 'properties'), k);
    const vk = key(child(vPath, 'properties'), k);
    if (!sp) errs.push(required(sk, `because it is defined in ${vk}`));
    else errs.push(...nestedCompleteness(p, sp, sk, vk));
  }
  return errs;
}
