/**
 * core/v1 Events (ValidateEventCreate, legacy rules): the involved object's namespace must match
 * the event's, and a set `type` is Normal or Warning.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { isObj } from '../podspec/common';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const io = isObj(obj.involvedObject) ? obj.involvedObject : undefined;
  if (!io) errs.push(required('involvedObject', ''));
  else if (io.namespace && obj.metadata.namespace && io.namespace !== obj.metadata.namespace) {
    errs.push(invalid('involvedObject.namespace', io.namespace, 'does not match event.namespace'));
  }
  if (obj.type && obj.type !== 'Normal' && obj.type !== 'Warning') errs.push(notSupported('type', obj.type, ['Normal', 'Warning']));
  return errs;
}

/** The strategy of `events` (core group). */
export const eventStrategy: Strategy = { validate, validateUpdate: (obj) => validate(obj) };
