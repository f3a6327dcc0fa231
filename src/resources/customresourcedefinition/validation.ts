/**
 * Validation of apiextensions.k8s.io/v1 CustomResourceDefinitions, after
 * apiextensions-apiserver's pkg/apis/apiextensions/validation (ValidateCustomResourceDefinition
 * and ...Update), with its messages. The schemas themselves are judged by the structural-schema
 * module (checkStructural).
 */
import { forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import { isDNS1035Label, isDNS1123Subdomain } from '../../apiserver/validation/names';
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';
import { checkVersionSchema } from '../customresource/schema';
import { crdConditionTrue } from '../customresource/serving';

const PRINTER_COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const SCOPES = ['Cluster', 'Namespaced'];

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** validateSimpleJSONPath: `.a.b`, nothing fancier. */
function simpleJSONPathErrors(s: string, path: string): FieldError[] {
  if (s.length === 0) return [invalid(path, s, 'must not be empty')];
  if (s[0] !== '.') return [invalid(path, s, 'must be a simple json path starting with .')];
  return [];
}

/** ValidateCustomResourceDefinitionNames (spec.names and status.acceptedNames alike). */
export function namesErrors(names: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(names)) return errs;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const plural = str(names.plural);
  const singular = str(names.singular);
  const kind = str(names.kind);
  const listKind = str(names.listKind);
  if (plural) { const e = isDNS1035Label(plural); if (e.length) errs.push(invalid(`${path}.plural`, plural, e.join(','))); }
  if (singular) { const e = isDNS1035Label(singular); if (e.length) errs.push(invalid(`${path}.singular`, singular, e.join(','))); }
  if (kind) { const e = isDNS1035Label(kind.toLowerCase()); if (e.length) errs.push(invalid(`${path}.kind`, kind, `may have mixed case, but should otherwise match: ${e.join(',')}`)); }
  if (listKind) { const e = isDNS1035Label(listKind.toLowerCase()); if (e.length) errs.push(invalid(`${path}.listKind`, listKind, `may have mixed case, but should otherwise match: ${e.join(',')}`)); }
  (Array.isArray(names.shortNames) ? names.shortNames : []).forEach((s: unknown, i: number) => {
    const e = isDNS1035Label(str(s));
    if (e.length) errs.push(invalid(`${path}.shortNames[${i}]`, s, e.join(',')));
  });
  if (kind && kind === listKind) errs.push(invalid(`${path}.listKind`, listKind, 'kind and listKind may not be the same'));
  (Array.isArray(names.categories) ? names.categories : []).forEach((c: unknown, i: number) => {
    const e = isDNS1035Label(str(c));
    if (e.length) errs.push(invalid(`${path}.categories[${i}]`, c, e.join(',')));
  });
  return errs;
}

/** ValidateCustomResourceColumnDefinition. */
function columnErrors(col: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!col?.name) errs.push(required(`${path}.name`));
  const types = `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`;
  if (!col?.type) errs.push(required(`${path}.type`, types));
  else if (!PRINTER_COLUMN_TYPES.includes(col.type)) errs.push(invalid(`${path}.type`, col.type, types));
  if (col?.format && !PRINTER_COLUMN_FORMATS.includes(col.format)) errs.push(invalid(`${path}.format`, col.format, `must be one of ${PRINTER_COLUMN_FORMATS.join(',')}`));
  if (!col?.jsonPath) errs.push(required(`${path}.JSONPath`));
  else errs.push(...simpleJSONPathErrors(String(col.jsonPath), `${path}.JSONPath`));
  return errs;
}

/** ValidateCustomResourceDefinitionSubresources (the scale paths). */
function subresourceErrors(subs: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const scale = subs?.scale;
  if (!isObj(scale)) return errs;
  const under = (p: unknown, field: string, prefix: string, what: string) => {
    if (!p) { errs.push(required(`${path}.scale.${field}`)); return; }
    const e = simpleJSONPathErrors(String(p), `${path}.scale.${field}`);
    if (e.length) errs.push(...e);
    else if (!String(p).startsWith(prefix)) errs.push(invalid(`${path}.scale.${field}`, p, `should be a json path under ${what}`));
  };
  under(scale.specReplicasPath, 'specReplicasPath', '.spec.', '.spec');
  under(scale.statusReplicasPath, 'statusReplicasPath', '.status.', '.status');
  const sel = scale.labelSelectorPath;
  if (typeof sel === 'string' && sel.length) {
    const e = simpleJSONPathErrors(sel, `${path}.scale.labelSelectorPath`);
    if (e.length) errs.push(...e);
    else if (!sel.startsWith('.spec.') && !sel.startsWith('.status.')) errs.push(invalid(`${path}.scale.labelSelectorPath`, sel, 'should be a json path under either .spec or .status'));
  }
  return errs;
}

/** validateDeprecationWarning. */
function deprecationErrors(v: any, path: string): FieldError[] {
  const w = v.deprecationWarning;
  if (w === undefined || w === null) return [];
  if (v.deprecated !== true) return [invalid(`${path}.deprecationWarning`, w, 'can only be set for deprecated versions')];
  const errs: FieldError[] = [];
  if (String(w).length > 256) errs.push(invalid(`${path}.deprecationWarning`, w, 'must be <= 256 characters long'));
  if (String(w).length === 0) errs.push(invalid(`${path}.deprecationWarning`, w, 'must not be an empty string'));
  return errs;
}

/** validateCustomResourceConversion (webhooks are accepted and served as `None`). */
function conversionErrors(conv: any, path: string): FieldError[] {
  if (!isObj(conv)) return [];
  const errs: FieldError[] = [];
  const strategy = conv.strategy;
  if (!strategy) errs.push(required(`${path}.strategy`));
  else if (strategy !== 'None' && strategy !== 'Webhook') errs.push(notSupported(`${path}.strategy`, strategy, ['None', 'Webhook']));
  if (strategy === 'Webhook') {
    const cc = conv.webhook?.clientConfig;
    if (!isObj(cc)) errs.push(required(`${path}.webhook.clientConfig`, 'required when strategy is set to Webhook'));
    else if ((cc.url === undefined) === (cc.service === undefined)) errs.push(required(`${path}.webhook.clientConfig`, 'exactly one of url or service is required'));
    const reviews = conv.webhook?.conversionReviewVersions;
    if (!Array.isArray(reviews) || !reviews.length) errs.push(required(`${path}.webhook.conversionReviewVersions`));
  } else if (conv.webhook !== undefined && conv.webhook !== null) {
    errs.push(forbidden(`${path}.webhook`, 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

/** validateCustomResourceDefinitionSpec for v1 (every version carries its own schema). */
function specErrors(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  const group = typeof spec.group === 'string' ? spec.group : '';
  if (!group) errs.push(required('spec.group'));
  else {
    const e = isDNS1123Subdomain(group);
    if (e.length) errs.push(invalid('spec.group', group, e.join(',')));
    else if (group.split('.').length < 2) errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  if (!spec.scope) errs.push(required('spec.scope'));
  else if (!SCOPES.includes(spec.scope)) errs.push(notSupported('spec.scope', spec.scope, SCOPES));

  const versions: any[] = Array.isArray(spec.versions) ? spec.versions : [];
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const path = `spec.versions[${i}]`;
    if (!isObj(v)) return;
    if (v.storage === true) storage++;
    if (seen.has(v.name)) unique = false;
    seen.add(v.name);
    const e = isDNS1035Label(typeof v.name === 'string' ? v.name : '');
    if (e.length) errs.push(invalid(`${path}.name`, v.name ?? '', e.join(',')));
    if (!isObj(v.schema) || !isObj(v.schema.openAPIV3Schema)) errs.push(required(`${path}.schema.openAPIV3Schema`));
    errs.push(...deprecationErrors(v, path));
    if (isObj(v.schema) && isObj(v.schema.openAPIV3Schema)) {
      errs.push(...checkVersionSchema(v.schema.openAPIV3Schema, `${path}.schema.openAPIV3Schema`, isObj(v.subresources) && v.subresources.status !== undefined));
    }
    errs.push(...subresourceErrors(v.subresources, `${path}.subresources`));
    (Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : []).forEach((c: unknown, j: number) => errs.push(...columnErrors(c, `${path}.additionalPrinterColumns[${j}]`)));
  });
  if (!unique) errs.push(invalid('spec.versions', versions, 'must contain unique version names'));
  if (storage !== 1) errs.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version'));

  const names = isObj(spec.names) ? spec.names : {};
  if (!names.plural) errs.push(required('spec.names.plural'));
  if (!names.singular) errs.push(required('spec.names.singular'));
  if (!names.kind) errs.push(required('spec.names.kind'));
  if (!names.listKind) errs.push(required('spec.names.listKind'));
  errs.push(...namesErrors(names, 'spec.names'));
  errs.push(...conversionErrors(spec.conversion, 'spec.conversion'));
  if (spec.preserveUnknownFields === true) {
    errs.push(invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}

/** ValidateCustomResourceDefinitionStoredVersions. */
function storedVersionsErrors(stored: unknown, versions: any[]): FieldError[] {
  const list: string[] = Array.isArray(stored) ? stored : [];
  if (!list.length) return [invalid('status.storedVersions', list, 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const left = new Map(list.map((v, i) => [v, i]));
  for (const v of versions) {
    if (!isObj(v)) continue;
    if (v.storage === true && !left.has(v.name)) errs.push(invalid('status.storedVersions', list, `must have the storage version ${v.name}`));
    left.delete(v.name);
  }
  for (const [v, i] of left) {
    errs.push(invalid(`status.storedVersions[${i}]`, v, `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`));
  }
  return errs;
}

/** ValidateCustomResourceDefinition: the name, the spec, the accepted names and stored versions. */
export function validateCustomResourceDefinition(crd: KubeObject): FieldError[] {
  const spec = isObj(crd.spec) ? crd.spec : {};
  const errs: FieldError[] = [];
  const name = crd.metadata.name ?? '';
  if (name && name !== `${spec.names?.plural ?? ''}.${spec.group ?? ''}`) errs.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!isObj(crd.spec)) errs.push(required('spec'));
  errs.push(...specErrors(spec));
  errs.push(...namesErrors(crd.status?.acceptedNames, 'status.acceptedNames'));
  errs.push(...storedVersionsErrors(crd.status?.storedVersions, Array.isArray(spec.versions) ? spec.versions : []));
  return errs;
}

/** ValidateCustomResourceDefinitionUpdate: as on create, and the names storage depends on stay. */
export function validateCustomResourceDefinitionUpdate(crd: KubeObject, old: KubeObject): FieldError[] {
  const spec = isObj(crd.spec) ? crd.spec : {};
  const oldSpec = isObj(old.spec) ? old.spec : {};
  const errs = validateCustomResourceDefinition(crd).filter((e) => e.field !== 'metadata.name');
  const immutable = (path: string, a: unknown, b: unknown) => {
    if (!jsonEqual(a, b)) errs.push(invalid(path, a, 'field is immutable'));
  };
  if (crdConditionTrue(old, 'Established')) {
    immutable('spec.scope', spec.scope, oldSpec.scope);
    immutable('spec.names.kind', spec.names?.kind, oldSpec.names?.kind);
  }
  immutable('spec.group', spec.group, oldSpec.group);
  immutable('spec.names.plural', spec.names?.plural, oldSpec.names?.plural);
  return errs;
}

/** Status updates check the accepted names only (ValidateUpdateCustomResourceDefinitionStatus). */
export function validateCustomResourceDefinitionStatus(crd: KubeObject): FieldError[] {
  return namesErrors(crd.status?.acceptedNames, 'status.acceptedNames');
}
