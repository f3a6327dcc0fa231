/**
 * Structural schemas of CustomResourceDefinitions (apiextensions.k8s.io/v1): the pure schema
 * semantics kube-apiserver applies to a CRD version's `schema.openAPIV3Schema` and to the
 * custom objects it governs. What the registry does with them, in upstream's order:
 *
 *  - CRD create/update: `checkStructural(version.schema.openAPIV3Schema,
 *    'spec.versions[i].schema.openAPIV3Schema', { statusSubresource, rules: celRules })` → a 422
 *    with the errors.
 *  - custom object write (create, update, patch, apply), after decoding:
 *      const unknown = prune(schema, obj);      // Strict: 400 strict decoding error; Warn: warnings
 *      applyDefaults(schema, obj);
 *      const errs = validateObject(schema, obj, { old, rules: celRules });   // + ObjectMeta checks → 422
 *  - `celRules` (x-kubernetes-validations, CEL) comes from './cel', imported on its own so that
 *    only code that checks rules loads the CEL interpreter (@marcbachmann/cel-js).
 *    the status subresource validates `obj.status` with `properties.status` and fieldPath 'status'.
 *  - custom object read (get, list, watch): `applyDefaults(schema, obj)` before serving.
 *  - /openapi/v3 and /openapi/v2: `toOpenAPIV3(schema, gvk)`, `toOpenAPIV2(schema, gvk)`.
 *  - server-side apply: `toMergeType(schema)` is the object's merge type (managedfields).
 */
export type { JSONSchemaProps, ValidationRule } from './types';
export { checkStructural, type CheckOptions } from './check';
export { validateObject, type ValidateOptions } from './validation';
export type { RuleEngine, RuleOptions } from './rule-engine';
export { prune, pruneFields } from './pruning';
export { applyDefaults } from './defaulting';
export { toOpenAPIV2, toOpenAPIV3, type GroupVersionKind } from './openapi';
export { toMergeType } from './merge-schema';
