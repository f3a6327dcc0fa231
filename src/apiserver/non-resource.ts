import { aggregatedDiscovery, AGGREGATED_V2, AGGREGATED_V2BETA1, apiGroupDoc, apiGroupList, apiResourceList, apiVersions, negotiateDiscovery } from './discovery';
import type { RequestInfo } from './request-info';
import type { ControllerContext } from '../controllers/types';
import type { ClusterRequest } from './handler';
import { openapiV2, openapiV3DocumentText, openapiV3Hash, openapiV3Index } from './openapi';
import { StatusError } from './status';
import { serverVersionText } from './version';
import { resourcesOf } from '../resources/resolver';
import { customOpenAPIV2, customOpenAPIV3Document, customOpenAPIV3Index } from './openapi-custom';
import { healthResponse } from './health';
import { rootPaths } from './root-paths';
import { expose, EXPOSITION_CONTENT_TYPE } from './instrumentation/exposition';

const json = (body: unknown, contentType = 'application/json', status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });

const notFoundPage = () =>
  new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });

/**
 * Requests that name no resource: discovery, /version, health checks, /metrics and OpenAPI.
 */
export async function nonResourceRequest(ctx: ControllerContext, cr: ClusterRequest, info: RequestInfo): Promise<Response> {
  const p = info.parts;
  const accept = cr.request.headers.get('accept');
  const path = '/' + p.join('/');
  if (cr.request.method !== 'GET' && cr.request.method !== 'HEAD') throw notFoundPage();
  const health = healthResponse(path, new URL(cr.request.url).searchParams, cr.request.method);
  if (health) return health;
  const served = resourcesOf(ctx.store);
  switch (path) {
    case '/':
      return json(rootPaths(served.groups()));
    case '/version':
      return new Response(serverVersionText(), { headers: { 'Content-Type': 'application/json' } });
    case '/metrics':
      if (!cr.metrics) break;
      return new Response(expose(cr.metrics.families(ctx.store.countsByResource())), { headers: { 'Content-Type': EXPOSITION_CONTENT_TYPE } });
    case '/api':
    case '/apis': {
      const format = negotiateDiscovery(accept);
      if (format) return json(aggregatedDiscovery(served, path === '/api', format), format === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1);
      return json(path === '/api' ? apiVersions(new URL(cr.base).host) : apiGroupList(served));
    }
    case '/openapi/v2': {
      const doc = openapiV2(accept);
      // Custom kinds join the JSON document (the protobuf one describes the built-in kinds).
      const custom = doc.contentType === 'application/json' ? customOpenAPIV2(served) : undefined;
      if (custom !== undefined) return new Response(custom, { headers: { 'Content-Type': 'application/json' } });
      return new Response(doc.body, { headers: { 'Content-Type': doc.contentType, ETag: `"${doc.etag}"` } });
    }
    case '/openapi/v3': {
      const prefix = new URL(cr.base).pathname.replace(/\/$/, '');
      const index = openapiV3Index(prefix);
      if (served.custom().length) Object.assign(index.paths, await customOpenAPIV3Index(served, prefix));
      return json(index);
    }
  }
  if (p[0] === 'openapi' && p[1] === 'v3' && p.length > 2) {
    const gv = p.slice(2).join('/');
    const hash = new URL(cr.request.url).searchParams.get('hash');
    const custom = openapiV3DocumentText(gv) === undefined ? await customOpenAPIV3Document(served, gv) : undefined;
    const doc = custom?.text ?? openapiV3DocumentText(gv);
    if (!doc) throw notFoundPage();
    const cache = hash && hash === (custom ? custom.hash : openapiV3Hash(gv)) ? 'public, immutable' : 'no-cache, private';
    return new Response(doc, { headers: { 'Content-Type': 'application/json', 'Cache-Control': cache } });
  }
  if (p[0] === 'api' && p.length === 2) {
    const list = apiResourceList(served, '', p[1]);
    if (list) return json(list);
  }
  if (p[0] === 'apis' && p.length === 2) {
    const g = apiGroupDoc(served, p[1]);
    if (g) return json(g);
  }
  if (p[0] === 'apis' && p.length === 3) {
    const list = apiResourceList(served, p[1], p[2]);
    if (list) return json(list);
  }
  throw notFoundPage();
}
