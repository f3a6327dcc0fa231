/**
 * Access control of every API request, in kube-apiserver's filter order: the authenticated
 * user (a ServiceAccount token dies with its account), impersonation, then authorization
 * (k8s.io/apiserver endpoints/filters/authorization.go) with its 403. The authentication and
 * authorization APIs that are answered rather than stored (reviews, TokenRequest) are served
 * here too, once authorized.
 */
import type { ControllerContext } from '../controllers/types';
import type { ClusterRequest } from '../apiserver/handler';
import type { RequestInfo } from '../apiserver/request-info';
import { readBody, decodeObject } from '../apiserver/codecs/body';
import { unauthorized } from '../apiserver/status';
import { authorize } from './authorizer';
import { forbiddenError } from './forbidden';
import { impersonate } from './impersonation';
import type { Attributes } from './rules';
import { storeSource, type PolicySource } from './source';
import { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, subjectAccessReview } from './reviews';
import { serviceAccountAlive, tokenRequest, tokenReview } from './token-request';
import { platformKeys } from './signer';
import { defaultPolicy } from './aggregation';

/** The authorizer's attributes of a request (authorizer.AttributesRecord from RequestInfo). */
export function attributesOf(info: RequestInfo): Attributes {
  if (!info.isResourceRequest) return { verb: info.verb, resourceRequest: false, path: info.path };
  return { verb: info.verb, resourceRequest: true, apiGroup: info.apiGroup, apiVersion: info.apiVersion, namespace: info.namespace, resource: info.resource, subresource: info.subresource, name: info.name };
}

/**
 * Authorize `cr` (replacing `cr.user` by the impersonated user, if any). Returns the answer of
 * the requests served here (reviews, TokenRequest), undefined for the rest, which go on to the
 * registry. Throws the Status of a refusal (401, 403).
 */
export async function accessControl(ctx: ControllerContext, cr: ClusterRequest, info: RequestInfo): Promise<Response | undefined> {
  if (!serviceAccountAlive(ctx.store, cr.user)) throw unauthorized();
  const source = storeSource(ctx.store, defaultPolicy);
  cr.user = impersonate(source, cr.user, cr.request.headers);
  const attrs = attributesOf(info);
  const d = authorize(source, cr.user, attrs);
  if (!d.allowed) throw forbiddenError(cr.user, attrs, d.reason);
  if (connectsByGet(cr.request, info)) {
    // A WebSocket upgrade is a GET, authorized as `get`; kube-apiserver also requires `create`
    // for exec, attach and portforward, as their SPDY POST needs (AuthorizePodWebsocketUpgradeCreatePermission).
    const create = { ...attrs, verb: 'create' };
    const c = authorize(source, cr.user, create);
    if (!c.allowed) throw forbiddenError(cr.user, create, c.reason);
  }
  if (!info.isResourceRequest || info.verb !== 'create') return undefined;
  return served(ctx, cr, info, source);
}

/** Pod subresources that open a stream (pods/exec, attach, portforward), reached by a GET upgrade. */
function connectsByGet(request: Request, info: RequestInfo): boolean {
  return info.isResourceRequest && info.verb === 'get' && info.resource === 'pods' && info.apiGroup === '' && ['exec', 'attach', 'portforward'].includes(info.subresource) && (request.headers.get('upgrade') ?? '').toLowerCase() === 'websocket';
}

const json = (body: unknown, code = 201) => new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } });

async function body(cr: ClusterRequest): Promise<any> {
  return decodeObject(await readBody(cr.request), cr.request.headers.get('content-type')) ?? {};
}

/** The tenant of a cluster base URL (`https://host/clusters/<tenant>`). */
function tenantOf(base: string): string {
  return new URL(base).pathname.split('/').filter(Boolean).pop() ?? '';
}

async function served(ctx: ControllerContext, cr: ClusterRequest, info: RequestInfo, source: PolicySource): Promise<Response | undefined> {
  const r = `${info.resource}.${info.apiGroup}`;
  switch (r) {
    case 'selfsubjectaccessreviews.authorization.k8s.io':
      return json(selfSubjectAccessReview(source, cr.user, await body(cr)));
    case 'subjectaccessreviews.authorization.k8s.io':
      return json(subjectAccessReview(source, await body(cr)));
    case 'localsubjectaccessreviews.authorization.k8s.io':
      return json(localSubjectAccessReview(source, info.namespace, await body(cr)));
    case 'selfsubjectrulesreviews.authorization.k8s.io':
      return json(selfSubjectRulesReview(source, cr.user, await body(cr)));
    case 'selfsubjectreviews.authentication.k8s.io':
      return json(selfSubjectReview(cr.user, await body(cr)));
    case 'tokenreviews.authentication.k8s.io':
      return json(await tokenReview(ctx.store, await platformKeys(), cr.tenant ?? tenantOf(cr.base), await body(cr)));
    case 'serviceaccounts.':
      if (info.subresource !== 'token') return undefined;
      return json(await tokenRequest(ctx.store, await platformKeys(), cr.tenant ?? tenantOf(cr.base), info.namespace, info.name, await body(cr), ctx.now()));
  }
  return undefined;
}

