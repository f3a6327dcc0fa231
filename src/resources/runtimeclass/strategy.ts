/**
 * RuntimeClasses (pkg/apis/node/validation ValidateRuntimeClass/Update): the handler is a
 * required DNS label and immutable; overhead quantities may not be negative.
 */
import { required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { immutable } from '../podspec/common';
import { asInvalid, dns1123Label } from '../podspec/names';

function validate(rc: Record<string, any>): FieldError[] {
  if (!rc.handler) return [required('handler', '')];
  return asInvalid('handler', rc.handler, dns1123Label(String(rc.handler)));
}

/** The strategy of `runtimeclasses.node.k8s.io`. */
export const runtimeClassStrategy: Strategy = {
  validate,
  validateUpdate: (rc, old) => [...validate(rc), ...immutable(rc.handler, old.handler, 'handler')],
};
