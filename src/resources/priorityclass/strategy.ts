/**
 * PriorityClasses (pkg/registry/scheduling/priorityclass, ValidatePriorityClass/Update,
 * SetDefaults_PriorityClass): preemptionPolicy defaults to PreemptLowerPriority; names with the
 * `system-` prefix are reserved for the system classes; a user class's value is at most one
 * billion; value and preemptionPolicy cannot change.
 */
import { forbidden, notSupported, type FieldError } from '../../apiserver/field-errors';
import type { KubeObject } from '../../apiserver/types';
import type { Strategy } from '../strategy';
import { immutable } from '../podspec/common';
import { HIGHEST_USER_DEFINABLE_PRIORITY, SYSTEM_CLUSTER_CRITICAL, SYSTEM_NODE_CRITICAL, SYSTEM_PRIORITY_CLASS_PREFIX } from './system';

const SYSTEM: Record<string, number> = { 'system-node-critical': SYSTEM_NODE_CRITICAL, 'system-cluster-critical': SYSTEM_CLUSTER_CRITICAL };
const POLICIES = ['Never', 'PreemptLowerPriority'];

/** scheduling.IsKnownSystemPriorityClass: the error text when `pc` is not one. */
function systemClassError(pc: KubeObject): string | undefined {
  const name = pc.metadata.name ?? '';
  if (!(name in SYSTEM)) return `${name} is not a known system priority class`;
  if (pc.value !== SYSTEM[name]) return `value of ${name} PriorityClass must be ${SYSTEM[name]}`;
  if (pc.globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validate(pc: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.metadata.name ?? '').startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const why = systemClassError(pc);
    if (why) errs.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${why}`));
  } else if (Number(pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && !POLICIES.includes(pc.preemptionPolicy)) errs.push(notSupported('preemptionPolicy', pc.preemptionPolicy, POLICIES));
  return errs;
}

/** The strategy of `priorityclasses.scheduling.k8s.io`. */
export const priorityClassStrategy: Strategy = {
  defaults(pc) {
    pc.value ??= 0;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  prepareForCreate(pc) {
    pc.metadata.generation = 1;
  },
  validate,
  validateUpdate(pc, old) {
    const errs = validate(pc);
    if (pc.value !== old.value) errs.push(forbidden('value', 'may not be changed in an update.'));
    errs.push(...immutable(pc.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
    return errs;
  },
};
