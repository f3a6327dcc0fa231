/**
 * What the CSR strategy's PrepareForCreate takes from the request context: the requesting user
 * (name, uid, groups, extra) replaces whatever the body said.
 */
import type { UserInfo } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';

/** Record who asks for the certificate, in place. */
export function recordRequestor(csr: KubeObject, user: UserInfo | undefined): void {
  const spec = (csr.spec ??= {});
  delete spec.username;
  delete spec.uid;
  delete spec.groups;
  delete spec.extra;
  if (!user) return;
  spec.username = user.username;
  if (user.uid) spec.uid = user.uid;
  if (user.groups?.length) spec.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) spec.extra = structuredClone(user.extra);
}
