import { resourcesOf } from '../resources/resolver';
import { subresourcesOf } from '../resources/customresource/serving';
import { readBody } from './codecs/body';
import { requestInfo, type RequestInfo } from './request-info';
import { methodNotSupported, notFound, statusResponse, StatusError, internalError, badRequest } from './status';
import type { ApiRequest, ApiResult, UserInfo } from './registry/context';
import { createObject } from './registry/create';
import { getObject, listObjects } from './registry/read';
import { updateObject } from './registry/update';
import { patchObject } from './registry/patch';
import { deleteCollection, deleteObject } from './registry/delete';
import { watchObjects } from './registry/watch';
import { scaleRequest } from './registry/scale';
import { bindPod } from './registry/binding';
import { metricsRequest } from './registry/metrics';
import { componentStatusRequest } from './registry/component-status';
import { podLogRequest } from './registry/pod-log';
import { evictPod } from './registry/eviction';
import { execRequest } from './registry/exec';
import { proxyRequest } from './registry/proxy';
import { portForwardRequest } from './registry/portforward';
import type { ControllerContext } from '../controllers/types';
import { nonResourceRequest } from './non-resource';
import { accessControl } from '../rbac/access';
import type { ApiserverMetrics } from './instrumentation/request-metrics';
import { deprecationWarning } from './deprecation';
import { signCertificateSigningRequest } from '../controllers/certificates/signer';
import type { ClusterCA } from '../cluster/cluster-ca';

/** A path below the cluster prefix, with the prefix kept for URLs the server hands out. */
export interface ClusterRequest {
  request: Request;
  /** `/api/v1/pods`… (below `/clusters/<tenant>`). */
  path: string;
  /** `https://host/clusters/<tenant>`. */
  base: string;
  user: UserInfo;
  /** The cluster's tenant id (its Durable Object's name), when known. */
  tenant?: string;
  /** The apiserver's own counters, which `/metrics` shows. */
  metrics?: ApiserverMetrics;
}

const JSON_TYPE = 'application/json';

/** Answer one Kubernetes API request against a cluster. Errors become Status responses. */
export async function handleApiRequest(ctx: ControllerContext, cr: ClusterRequest): Promise<Response> {
  // Admission's warnings (admission policies' Warn), answered with the result or the refusal.
  const admissionWarnings: string[] = [];
  try {
    const url = new URL(cr.request.url);
    const info = requestInfo(cr.request.method, cr.path, url.searchParams);
    // Impersonation and authorization (RBAC); reviews and TokenRequests are answered there.
    const answered = await accessControl(ctx, cr, info);
    if (answered) return answered;
    if (!info.isResourceRequest) return await nonResourceRequest(ctx, cr, info);
    if (info.resource === 'pods' && info.apiGroup === '' && ['exec', 'attach'].includes(info.subresource)) return await execRequest(ctx, cr.request, info, url.searchParams);
    if (info.subresource === 'proxy' && info.apiGroup === '' && info.apiVersion === 'v1' && ['pods', 'services', 'nodes'].includes(info.resource)) return await proxyRequest(ctx, cr, info);
    if (info.resource === 'pods' && info.apiGroup === '' && info.subresource === 'portforward') return await portForwardRequest(ctx, cr.request, info, url.searchParams);
    const result = await resourceRequest(ctx, cr, info, url.searchParams, admissionWarnings);
    await afterApproval(ctx, info, result);
    const deprecated = deprecationWarning(info);
    result.warnings = [...(deprecated ? [deprecated] : []), ...(result.warnings ?? []), ...admissionWarnings];
    return toResponse(result);
  } catch (e) {
    if (e instanceof StatusError) {
      const res = withDeprecation(statusResponse(e), cr);
      for (const w of admissionWarnings) res.headers.append('Warning', `299 - ${JSON.stringify(w)}`);
      return res;
    }
    console.error('internal error', e);
    return statusResponse(internalError((e as Error).message ?? String(e)));
  }
}

async function resourceRequest(ctx: ControllerContext, cr: ClusterRequest, info: RequestInfo, query: URLSearchParams, warnings: string[]): Promise<ApiResult> {
  const def = resourcesOf(ctx.store).find(info.apiGroup, info.apiVersion, info.resource);
  if (!def) {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
  }
  const gr = { group: def.group, resource: def.resource };
  if (def.namespaced && !info.namespace && info.verb !== 'list' && info.verb !== 'watch') {
    throw notFound(gr, info.name || info.resource);
  }
  const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(cr.request.method) ? await readBody(cr.request) : new Uint8Array();
  const req: ApiRequest = { info, def, query, headers: cr.request.headers, body, user: cr.user, base: cr.base, warnings };
  const sub = info.subresource;
  if (sub && !subresourcesOf(def, info.apiVersion).some((s) => s.name === sub)) throw notFound(gr, info.name);
  if (!sub && !def.verbs.includes(info.verb as never)) throw methodNotSupported(gr, info.verb);
  if (def.group === 'metrics.k8s.io') return metricsRequest(ctx, req);
  if (def.group === '' && def.resource === 'componentstatuses') return componentStatusRequest(ctx, req);
  if (sub === 'log' && info.verb === 'get') return podLogRequest(ctx, req);
  if (sub === 'scale') return scaleRequest(ctx, req);
  if (sub === 'eviction' && def.resource === 'pods' && info.verb === 'create') return evictPod(ctx, req);
  if ((sub === 'binding' && def.resource === 'pods' && info.verb === 'create') || (def.resource === 'bindings' && info.verb === 'create')) return bindPod(ctx, req);
  if (sub === 'status' || sub === 'approval' || !sub) {
    switch (info.verb) {
      case 'get':
        return getObject(ctx, req);
      case 'list':
        return listObjects(ctx, req);
      case 'watch':
        return watchObjects(ctx, req);
      case 'create':
        if (sub) break;
        return createObject(ctx, req);
      case 'update':
        return updateObject(ctx, req);
      case 'patch':
        return patchObject(ctx, req);
      case 'delete':
        if (sub) break;
        return deleteObject(ctx, req);
      case 'deletecollection':
        return deleteCollection(ctx, req);
    }
    throw methodNotSupported(gr, info.verb);
  }
  throw badRequest(`the subresource ${sub} of ${info.resource} is not available on this cluster yet`);
}

/**
 * An approved CSR is signed as soon as its approval is stored (the csrsigning controller's work,
 * asynchronous because signing is): the certificate is in place before kubectl hears back.
 */
async function afterApproval(ctx: ControllerContext, info: RequestInfo, result: ApiResult): Promise<void> {
  if (info.apiGroup !== 'certificates.k8s.io' || info.resource !== 'certificatesigningrequests' || info.subresource !== 'approval') return;
  const ca = (ctx as ControllerContext & { ca?: ClusterCA }).ca;
  if (!ca || result.code !== 200 || !['update', 'patch'].includes(info.verb)) return;
  try {
    await signCertificateSigningRequest(ctx, ca, info.name);
  } catch (e) {
    console.error('signing the CSR failed', info.name, e);
  }
}

/** A refusal of a request to a deprecated API carries its warning too (it is sent before the request is served). */
function withDeprecation(res: Response, cr: ClusterRequest): Response {
  try {
    const url = new URL(cr.request.url);
    const info = requestInfo(cr.request.method, cr.path, url.searchParams);
    const deprecated = info.isResourceRequest ? deprecationWarning(info) : undefined;
    if (deprecated) res.headers.append('Warning', `299 - ${JSON.stringify(deprecated)}`);
  } catch {
    // a path that does not parse names no API
  }
  return res;
}

/** The HTTP answer of a registry result: JSON body, pre-serialized text, or a watch stream. */
export function toResponse(r: ApiResult): Response {
  const headers = new Headers({ 'Content-Type': r.contentType ?? JSON_TYPE });
  for (const w of r.warnings ?? []) headers.append('Warning', `299 - ${JSON.stringify(w)}`);
  if (r.stream) {
    headers.set('Cache-Control', 'no-cache, private, no-transform');
    // A compressed stream is buffered by the compressor: watch events and followed logs must
    // reach the client as they happen.
    headers.set('Content-Encoding', 'identity');
    return new Response(r.stream, { status: r.code, headers });
  }
  const text = r.text ?? JSON.stringify(r.body);
  return new Response(text, { status: r.code, headers });
}
