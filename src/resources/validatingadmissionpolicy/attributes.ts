/**
 * What an admission policy sees of one request (k8s.io/apiserver's admission.Attributes): the
 * operation, the resource and kind, the object and the old object, who asks, and the CEL
 * `request` variable built from them (cel.CreateAdmissionRequest).
 */
import type { UserInfo } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** One request as admission sees it. */
export interface AdmissionAttributes {
  operation: Operation;
  resource: GroupVersionResource;
  kind: GroupVersionKind;
  subresource: string;
  namespace: string;
  /** The object's name (for a create, the name it is about to get). */
  name: string;
  /** The new object; null on DELETE. */
  object: KubeObject | null;
  /** The stored object; null on CREATE. */
  oldObject: KubeObject | null;
  user: UserInfo;
  dryRun: boolean;
  /** The resource is namespaced (for the rules' `scope`). */
  namespaced: boolean;
  /** Other versions of the same resource (what matchPolicy Equivalent also accepts). */
  equivalentVersions?: string[];
  /** CreateOptions, UpdateOptions or DeleteOptions, for `request.options`. */
  options?: Record<string, unknown>;
}

const OPTION_KINDS: Record<Operation, string | undefined> = { CREATE: 'CreateOptions', UPDATE: 'UpdateOptions', DELETE: 'DeleteOptions', CONNECT: undefined };

/** The `request` variable: an admission.k8s.io/v1 AdmissionRequest without object and oldObject. */
export function admissionRequest(a: AdmissionAttributes, matched: GroupVersionResource = a.resource, matchedKind: GroupVersionKind = a.kind): Record<string, unknown> {
  const userInfo: Record<string, unknown> = { username: a.user.username, groups: [...a.user.groups] };
  if (a.user.uid) userInfo.uid = a.user.uid;
  if (a.user.extra && Object.keys(a.user.extra).length) userInfo.extra = a.user.extra;
  const optionsKind = OPTION_KINDS[a.operation];
  return {
    uid: crypto.randomUUID(),
    kind: { ...matchedKind },
    resource: { ...matched },
    ...(a.subresource ? { subResource: a.subresource } : {}),
    requestKind: { ...a.kind },
    requestResource: { ...a.resource },
    ...(a.subresource ? { requestSubResource: a.subresource } : {}),
    ...(a.name ? { name: a.name } : {}),
    ...(a.namespace ? { namespace: a.namespace } : {}),
    operation: a.operation,
    userInfo,
    dryRun: a.dryRun,
    ...(optionsKind ? { options: { kind: optionsKind, apiVersion: 'meta.k8s.io/v1', ...(a.options ?? {}) } } : {}),
  };
}

/** The name upstream's admission.NewForbidden puts in a refusal: the object's, else `Unknown`. */
export function refusedName(a: AdmissionAttributes): string {
  const m = a.object?.metadata;
  return m?.name || m?.generateName || 'Unknown';
}
