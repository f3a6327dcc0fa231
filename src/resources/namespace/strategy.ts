/**
 * Namespaces (SetDefaults_Namespace, pkg/registry/core/namespace/strategy.go): the
 * `kubernetes.io/metadata.name` label, status.phase Active and the `kubernetes` finalizer on
 * create; spec.finalizers only change through /finalize, status only through /status.
 */
import type { Strategy } from '../strategy';
import { arr, clone, ensureObj } from '../podspec/common';
import { asInvalid, qualifiedName } from '../podspec/names';
import { invalid, type FieldError } from '../../apiserver/field-errors';

/** The label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj.spec?.finalizers).forEach((f: any, i) => {
    const s = String(f);
    errs.push(...asInvalid(`spec.finalizers[${i}]`, f, qualifiedName(s)));
    if (!s.includes('/') && s !== 'kubernetes') errs.push(invalid(`spec.finalizers[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

/** The strategy of `namespaces`. */
export const namespaceStrategy: Strategy = {
  defaults(obj) {
    if (obj.metadata.name) (obj.metadata.labels ??= {})[NAMESPACE_NAME_LABEL] = obj.metadata.name;
    const status = ensureObj(obj, 'status');
    status.phase ||= 'Active';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Active' };
    const spec = ensureObj(obj, 'spec');
    const fin = arr<string>(spec.finalizers);
    spec.finalizers = fin.includes('kubernetes') ? fin : [...fin, 'kubernetes'];
  },
  prepareForUpdate(obj, old) {
    obj.spec = clone(old.spec);
    obj.status = clone(old.status);
  },
  validate,
  validateUpdate: (obj) => validate(obj),
};
