/**
 * ListOptions checks of kube-apiserver (pkg/apis/meta/internalversion/validation
 * ValidateListOptions): resourceVersionMatch and sendInitialEvents, for lists and watches.
 * A violation is 422 `ListOptions.meta.k8s.io "" is invalid: …`.
 */
import { forbidden, notSupported, type FieldError } from '../field-errors';
import { invalid } from '../status';

/** Throw the 422 of the request's list or watch options, if they break upstream's rules. */
export function validateListOptions(query: URLSearchParams, watch: boolean): void {
  const errs: FieldError[] = [];
  const match = query.get('resourceVersionMatch') ?? '';
  const rv = query.get('resourceVersion') ?? '';
  const cont = query.get('continue') ?? '';
  const sendInitial = query.has('sendInitialEvents');
  if (watch) {
    if (sendInitial && match !== 'NotOlderThan') {
      errs.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match) {
      if (!sendInitial) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (cont) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match) {
      if (!rv) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (cont) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && rv === '0') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (sendInitial) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errs.length) throw invalid('ListOptions', 'meta.k8s.io', '', errs);
}
