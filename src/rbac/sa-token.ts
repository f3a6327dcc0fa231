/**
 * What a ServiceAccount token says, after upstream pkg/serviceaccount/claims.go: the private
 * `kubernetes.io` claim names the namespace, the account (name, uid) and the object the token is
 * bound to; the authenticated user carries the account's uid and, as extra, the credential id
 * and the bound pod.
 */
import type { UserInfo } from '../apiserver/registry/context';

/** The API server's own audience (kubeadm's --api-audiences). */
export const API_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

/** The object a token dies with. */
export interface BoundRef {
  kind: 'Pod' | 'Secret' | 'Node';
  name: string;
  uid: string;
}

/** The `kubernetes.io` claim of a token for `namespace/name` (uid `uid`), bound to `bound`. */
export function serviceAccountClaim(namespace: string, name: string, uid: string, bound?: BoundRef): Record<string, unknown> {
  const c: Record<string, unknown> = { namespace, serviceaccount: { name, uid } };
  if (bound) c[bound.kind.toLowerCase()] = { name: bound.name, uid: bound.uid };
  return c;
}

/**
 * The user fields a verified token's payload adds when it is a ServiceAccount token (undefined
 * otherwise): uid = the account's uid; extra = credential-id and the bound pod.
 */
export function serviceAccountUserFields(payload: Record<string, unknown>): Pick<UserInfo, 'uid' | 'extra'> | undefined {
  const k = payload['kubernetes.io'] as any;
  if (!k || typeof k !== 'object' || typeof k.serviceaccount?.uid !== 'string') return undefined;
  const extra: Record<string, string[]> = {};
  if (typeof payload.jti === 'string') extra['authentication.kubernetes.io/credential-id'] = [`JTI=${payload.jti}`];
  if (k.pod?.name) {
    extra['authentication.kubernetes.io/pod-name'] = [String(k.pod.name)];
    extra['authentication.kubernetes.io/pod-uid'] = [String(k.pod.uid)];
  }
  if (k.secret?.name) {
    // Not an upstream extra: how the cluster finds the Secret the token is bound to.
    extra['kubeplay.dev/bound-secret'] = [`${k.secret.name}/${k.secret.uid}`];
  }
  return { uid: k.serviceaccount.uid, extra };
}
