/**
 * Nodes (SetDefaults_NodeStatus, ValidateNode, pkg/registry/core/node/strategy.go): allocatable
 * defaults to capacity; taints are well-formed; podCIDR cannot change once set.
 */
import { duplicate, forbidden, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, clone, isObj } from '../podspec/common';
import { asInvalid, labelValue, qualifiedName } from '../podspec/names';

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(obj.spec?.taints).forEach((t: any, i) => {
    const p = `spec.taints[${i}]`;
    if (!isObj(t)) return;
    if (!t.key) errs.push(required(`${p}.key`, ''));
    else errs.push(...asInvalid(`${p}.key`, t.key, qualifiedName(t.key)));
    if (t.value) errs.push(...asInvalid(`${p}.value`, t.value, labelValue(t.value)));
    if (!t.effect) errs.push(required(`${p}.effect`, ''));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${p}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
    const k = `${t.key}:${t.effect}`;
    if (seen.has(k)) errs.push(duplicate(p, t));
    seen.add(k);
  });
  return errs;
}

/** The strategy of `nodes`. */
export const nodeStrategy: Strategy = {
  defaults(obj) {
    const st = obj.status;
    if (isObj(st) && isObj(st.capacity) && st.allocatable == null) st.allocatable = clone(st.capacity);
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
  },
  validate,
  validateUpdate(obj, old) {
    const errs = validate(obj);
    const was = old.spec?.podCIDR;
    if (was && obj.spec?.podCIDR !== was) errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    return errs;
  },
};
