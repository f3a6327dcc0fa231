/**
 * What validation needs of an `x-kubernetes-validations` (CEL) implementation. The CEL module
 * (`./cel`, which brings the CEL interpreter in) provides one as `celRules`; callers pass it to
 * checkStructural and validateObject, so that code which never checks rules does not load it.
 */
import type { FieldError } from '../../field-errors';
import type { JSONSchemaProps } from './types';

export interface RuleOptions {
  /** Where errors are reported ('' : the object itself, printed `<nil>` as upstream). */
  fieldPath?: string;
  /** The value is a resource root: self holds apiVersion, kind, metadata.name/generateName. */
  isResourceRoot?: boolean;
  /** Drop errors of rules on values unchanged from `old` (updates); off for defaults. */
  ratchet?: boolean;
}

export interface RuleEngine {
  /** Whether a schema has any rule. */
  hasRules(schema: JSONSchemaProps): boolean;
  /** The errors of the rules of `schema` on `obj`; `old` on update. */
  validate(schema: JSONSchemaProps, obj: unknown, old?: unknown, opts?: RuleOptions): FieldError[];
  /** Rules of a CRD schema that do not compile (at `path`). */
  compileErrors(schema: JSONSchemaProps, path: string): FieldError[];
}
