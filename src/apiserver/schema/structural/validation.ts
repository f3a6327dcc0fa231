/**
 * Validation of a custom object against its CRD version's schema, as the custom resource
 * strategy of kube-apiserver runs it (pkg/registry/customresource): the OpenAPI v3 validation
 * (kube-openapi's validator, upstream's messages), then embedded resources (objectmeta.Validate),
 * then the uniqueness of `x-kubernetes-list-type` set and map lists, then the CEL rules of
 * `x-kubernetes-validations` (unless a value had the wrong type). The object's own apiVersion,
 * kind and metadata are the registry's to validate, as for every kind.
 */
import { invalid, type FieldError } from '../../field-errors';
import { validateEmbeddedResources } from './embedded';
import { validateListSetsAndMaps } from './list-type';
import { toFieldErrors } from './openapi-errors';
import { validateValue } from './openapi-validator';
import type { RuleEngine } from './rule-engine';
import type { JSONSchemaProps } from './types';

export interface ValidateOptions {
  /**
   * Path the errors are reported under, for validating part of an object: the status
   * subresource validates `obj.status` against `properties.status` with fieldPath `status`
   * (upstream then reads `status.replicas: Invalid value: …: replicas in body must be …`).
   */
  fieldPath?: string;
  /**
   * The stored object (or, with fieldPath, the stored part) on update: errors in values left
   * unchanged from it are not reported (validation ratcheting, member by member and map-list
   * item by item), and set and map lists are checked only if the old object had no duplicates
   * already, so an object stored before its schema tightened can still be updated.
   */
  old?: unknown;
  /** The x-kubernetes-validations engine (`celRules` of ./cel); without it rules are not checked. */
  rules?: RuleEngine;
}

/** Every error of `obj` under `schema` (the CRD version's openAPIV3Schema), in upstream's order. */
export function validateObject(schema: JSONSchemaProps, obj: unknown, opts: ValidateOptions = {}): FieldError[] {
  const path = opts.fieldPath ?? '';
  const errs = toFieldErrors(path, validateValue(schema, obj, '', opts.old === undefined ? undefined : { value: opts.old }).errors);
  errs.push(...validateEmbeddedResources(schema, obj, path));
  if (opts.old === undefined || validateListSetsAndMaps(schema, opts.old, path).length === 0) {
    errs.push(...validateListSetsAndMaps(schema, obj, path));
  }
  if (opts.rules?.hasRules(schema)) {
    // hasBlockingErr: rules are not run on values of the wrong type or outside their enum.
    if (errs.some((e) => e.type === 'FieldValueNotSupported' || e.type === 'FieldValueTypeInvalid')) {
      errs.push(invalid('<nil>', 'null', 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation'));
    } else errs.push(...opts.rules.validate(schema, obj, opts.old, { fieldPath: path }));
  }
  return errs;
}
