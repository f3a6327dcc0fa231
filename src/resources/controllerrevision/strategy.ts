/**
 * ControllerRevisions (ValidateControllerRevision/Update in pkg/apis/apps/validation): data is
 * mandatory and immutable, revision non-negative.
 */
import { required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { immutable, nonNegative } from '../podspec/common';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.data === undefined || obj.data === null) errs.push(required('data', 'data is mandatory'));
  return [...errs, ...nonNegative(obj.revision, 'revision')];
}

/** The strategy of `controllerrevisions.apps`. */
export const controllerRevisionStrategy: Strategy = {
  validate,
  validateUpdate: (obj, old) => [...validate(obj), ...immutable(obj.data, old.data, 'data')],
};
