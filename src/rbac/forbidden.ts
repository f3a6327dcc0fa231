/**
 * kube-apiserver's refusal of an unauthorized request (k8s.io/apiserver
 * endpoints/handlers/responsewriters/errors.go: forbiddenMessage, Forbidden).
 */
import { forbidden, StatusError } from '../apiserver/status';
import type { UserInfo } from '../apiserver/registry/context';
import type { Attributes } from './rules';

/** `User "x" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  const who = JSON.stringify(user.username);
  if (!a.resourceRequest) return `User ${who} cannot ${a.verb} path ${JSON.stringify(a.path ?? '')}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource ?? '';
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${who} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup ?? '')} ${where}`;
}

/**
 * The 403 Status: `pods "x" is forbidden: <message>[: <reason>]`, or `forbidden: <message>` for
 * a non-resource path.
 */
export function forbiddenError(user: UserInfo, a: Attributes, reason = ''): StatusError {
  const msg = forbiddenMessage(user, a) + (reason ? `: ${reason}` : '');
  if (!a.resourceRequest || !a.resource) {
    return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: ${msg}`, reason: 'Forbidden', details: {}, code: 403 });
  }
  return forbidden({ group: a.apiGroup ?? '', resource: a.resource }, a.name ?? '', msg);
}
