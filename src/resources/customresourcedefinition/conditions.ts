/**
 * CRD status conditions and the names a CRD is granted, after apiextensions-apiserver's
 * apihelpers (SetCRDCondition) and its NamingConditionController / EstablishingController:
 * a CRD's requested names are accepted unless another CRD of its group already holds one of
 * them; once they are, it is Established.
 */
import type { KubeObject } from '../../apiserver/types';

export interface CRDCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The finalizer that holds a deleted CRD until its objects are gone. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/**
 * SetCRDCondition: add the condition, or replace the one of its type; lastTransitionTime moves
 * only when the status changes.
 */
export function setCondition(conditions: CRDCondition[] | undefined, c: CRDCondition, now: string): CRDCondition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((x) => x.type === c.type);
  const next: CRDCondition = { type: c.type, status: c.status, lastTransitionTime: now, reason: c.reason, message: c.message };
  if (i < 0) return [...list, next];
  const prev = list[i];
  if (prev.status === c.status) next.lastTransitionTime = prev.lastTransitionTime ?? now;
  list[i] = next;
  return list;
}

interface Names {
  plural?: string;
  singular?: string;
  shortNames?: string[];
  kind?: string;
  listKind?: string;
  categories?: string[];
}

/** equalToAcceptedOrFresh: a name is fine if it is already ours or nobody's. */
function conflictOf(requested: string | undefined, accepted: string | undefined, used: Set<string>): string | undefined {
  if (requested === accepted) return undefined;
  if (!requested || !used.has(requested)) return undefined;
  return `"${requested}" is already in use`;
}

/**
 * calculateNamesAndConditions: the names `crd` may have, given the names the other CRDs of its
 * group were granted, with the NamesAccepted and Established conditions that follow.
 */
export function acceptNames(crd: KubeObject, others: KubeObject[]): { names: Names; namesAccepted: CRDCondition; established: CRDCondition } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const o of others) {
    if (o.metadata.name === crd.metadata.name || o.spec?.group !== crd.spec?.group) continue;
    const a: Names = o.status?.acceptedNames ?? {};
    for (const n of [a.plural, a.singular, ...(a.shortNames ?? [])]) if (n) resources.add(n);
    for (const n of [a.kind, a.listKind]) if (n) kinds.add(n);
  }
  const requested: Names = crd.spec?.names ?? {};
  const accepted: Names = crd.status?.acceptedNames ?? {};
  const names: Names = { ...accepted };
  let status: CRDCondition['status'] = 'Unknown';
  let reason = '';
  let message = '';
  const refuse = (why: string, text: string) => {
    status = 'False';
    reason = why;
    message = text;
  };
  let err = conflictOf(requested.plural, accepted.plural, resources);
  if (err) refuse('PluralConflict', err);
  else names.plural = requested.plural;
  err = conflictOf(requested.singular, accepted.singular, resources);
  if (err) refuse('SingularConflict', err);
  else names.singular = requested.singular;
  if (JSON.stringify(requested.shortNames ?? []) !== JSON.stringify(accepted.shortNames ?? [])) {
    const mine = new Set(accepted.shortNames ?? []);
    const errs = (requested.shortNames ?? []).filter((s) => !mine.has(s)).map((s) => conflictOf(s, '', resources)).filter((e): e is string => !!e);
    if (errs.length) refuse('ShortNamesConflict', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    else if (requested.shortNames?.length) names.shortNames = requested.shortNames;
    else delete names.shortNames;
  }
  err = conflictOf(requested.kind, accepted.kind, kinds);
  if (err) refuse('KindConflict', err);
  else names.kind = requested.kind;
  err = conflictOf(requested.listKind, accepted.listKind, kinds);
  if (err) refuse('ListKindConflict', err);
  else names.listKind = requested.listKind;
  if (requested.categories?.length) names.categories = requested.categories;
  else delete names.categories;
  if (status === 'Unknown') {
    status = 'True';
    reason = 'NoConflicts';
    message = 'no conflicts found';
  }
  const namesAccepted: CRDCondition = { type: 'NamesAccepted', status, reason, message };
  const old = (crd.status?.conditions ?? []).find((c: CRDCondition) => c.type === 'Established') as CRDCondition | undefined;
  let established: CRDCondition = old ?? { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' };
  if (established.status !== 'True' && status === 'True') {
    // The establishing controller's step, taken at once: nothing here serves the names before
    // this status is committed, so there is no race to wait out.
    established = { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' };
  }
  return { names, namesAccepted, established };
}
