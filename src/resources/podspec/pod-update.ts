/**
 * ValidatePodUpdate (pkg/apis/core/validation): a running Pod's spec is immutable except
 * container images, activeDeadlineSeconds (may only shrink), added tolerations and a negative
 * terminationGracePeriodSeconds set to 1. Anything else yields upstream's long Forbidden
 * message; its trailing diff is our own summary of the changed paths, not go-cmp's output.
 */
import { forbidden, invalid, type FieldError } from '../../apiserver/field-errors';
import { arr, clone, deepEqual, isObj } from './common';

/** The fields a pod update may change, as the Forbidden message lists them (1.30). */
export const POD_UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** The prefix of the Forbidden detail (before the diff). */
export const POD_UPDATE_FORBIDDEN = `pod updates may not change fields other than ${POD_UPDATABLE_FIELDS.join(',')}`;

/** Paths (dotted, with indices) at which two JSON values differ. */
function diffPaths(a: unknown, b: unknown, path: string, out: string[]): void {
  if (deepEqual(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffPaths(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diffPaths(x, b[i], `${path}[${i}]`, out));
    return;
  }
  out.push(`- \t${path}: ${JSON.stringify(a ?? null)}\n+ \t${path}: ${JSON.stringify(b ?? null)}`);
}

/** validateOnlyAddedTolerations: every old toleration must survive (tolerationSeconds aside). */
function onlyAddedTolerations(newT: unknown, oldT: unknown, path: string): FieldError[] {
  const strip = (t: any) => ({ ...t, tolerationSeconds: undefined });
  for (const o of arr(oldT)) {
    if (!arr(newT).some((n) => deepEqual(strip(n), strip(o)))) {
      return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
    }
  }
  return [];
}

/** Update errors of a Pod's spec (the new spec's own validity is checked separately). */
export function validatePodSpecUpdate(newSpec: Record<string, any>, oldSpec: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  if (arr(newSpec.containers).length !== arr(oldSpec.containers).length) {
    return [forbidden('spec.containers', 'pod updates may not add or remove containers')];
  }
  if (arr(newSpec.initContainers).length !== arr(oldSpec.initContainers).length) {
    return [forbidden('spec.initContainers', 'pod updates may not add or remove containers')];
  }
  const oldAds = oldSpec.activeDeadlineSeconds;
  const newAds = newSpec.activeDeadlineSeconds;
  if (typeof oldAds === 'number') {
    if (typeof newAds !== 'number') errs.push(invalid('spec.activeDeadlineSeconds', newAds ?? null, 'must not update from a positive integer to nil value'));
    else if (newAds > oldAds) errs.push(invalid('spec.activeDeadlineSeconds', newAds, 'must be less than or equal to previous value'));
  }
  errs.push(...onlyAddedTolerations(newSpec.tolerations, oldSpec.tolerations, 'spec.tolerations'));

  // Copy the updatable fields of the new spec onto the old one; anything left differing is forbidden.
  const munged = clone(oldSpec);
  arr(munged.containers).forEach((c: any, i) => isObj(c) && (c.image = newSpec.containers[i]?.image));
  arr(munged.initContainers).forEach((c: any, i) => isObj(c) && (c.image = newSpec.initContainers[i]?.image));
  munged.activeDeadlineSeconds = newAds;
  munged.tolerations = newSpec.tolerations;
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && newSpec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = 1;
  }
  if (!deepEqual(munged, newSpec)) {
    const lines: string[] = [];
    diffPaths(munged, newSpec, '', lines);
    errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n  core.PodSpec{\n${lines.join('\n')}\n  }\n`));
  }
  return errs;
}
