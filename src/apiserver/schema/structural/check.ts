/**
 * checkStructural: everything the CRD strategy checks of one version's `schema.openAPIV3Schema`
 * (validateCustomResourceDefinitionValidation for a new apiextensions.k8s.io/v1 CRD): the
 * status-subresource restrictions of the root, no nullable root, structurality, valid and pruned
 * defaults, the per-node schema rules, and x-kubernetes-validations rules that compile, with
 * upstream's messages.
 */
import { forbidden, invalid, type FieldError } from '../../field-errors';
import { validateDefaults } from './default-rules';
import { validateSchemaRules } from './schema-rules';
import { validateStructural } from './structural';
import type { RuleEngine } from './rule-engine';
import type { JSONSchemaProps } from './types';

export interface CheckOptions {
  /** The version enables the status subresource: the root may only hold what applies to `status` too. */
  statusSubresource?: boolean;
  /** The x-kubernetes-validations engine (`celRules` of ./cel): rules must compile, defaults pass them. */
  rules?: RuleEngine;
}

/** Root members allowed with the status subresource (allowedFieldsAtRootSchema). */
const ALLOWED_AT_ROOT_WITH_STATUS = [
  'description', 'type', 'format', 'title', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf', 'required', 'items', 'properties',
  'externalDocs', 'example', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
];
const GO_NAMES = [
  'Description', 'Type', 'Format', 'Title', 'Maximum', 'ExclusiveMaximum', 'Minimum', 'ExclusiveMinimum', 'MaxLength',
  'MinLength', 'Pattern', 'MaxItems', 'MinItems', 'UniqueItems', 'MultipleOf', 'Required', 'Items', 'Properties',
  'ExternalDocs', 'Example', 'XPreserveUnknownFields', 'XValidations',
];

const isZero = (v: unknown) => v === undefined || v === null || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0);

/**
 * The errors of a CRD version's schema (`fldPath` is where it sits, e.g.
 * `spec.versions[0].schema.openAPIV3Schema`); [] when kube-apiserver would accept it.
 */
export function checkStructural(schema: JSONSchemaProps, fldPath: string, opts: CheckOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (opts.statusSubresource) {
    for (const [k, v] of Object.entries(schema)) {
      if (isZero(v)) continue;
      if (k === 'type') {
        if (v !== 'object') {
          errs.push(invalid(`${fldPath}.type`, v, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
          break;
        }
        continue;
      }
      if (!ALLOWED_AT_ROOT_WITH_STATUS.includes(k)) {
        errs.push(invalid(fldPath, schema, `only [${GO_NAMES.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`));
        break;
      }
    }
  }
  if (schema.nullable) errs.push(forbidden(`${fldPath}.nullable`, 'nullable cannot be true at the root'));
  const structural = validateStructural(schema, fldPath);
  if (structural.length) errs.push(...structural);
  else errs.push(...validateDefaults(schema, fldPath, opts.rules));
  errs.push(...validateSchemaRules(schema, fldPath));
  // Rules are compiled only once the schema itself is sound, as upstream does.
  if (!errs.length && opts.rules) errs.push(...opts.rules.compileErrors(schema, fldPath));
  return errs;
}
