/**
 * What a request addresses, after k8s.io/apiserver's RequestInfoFactory: the API prefix, group,
 * version, namespace, resource, name, subresource and the Kubernetes verb.
 */
export interface RequestInfo {
  isResourceRequest: boolean;
  /** The path below the cluster prefix, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  verb: string;
  apiPrefix?: 'api' | 'apis';
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** Path segments, for non-resource and discovery requests. */
  parts: string[];
}

/** Subresources of a Namespace, which RequestInfoFactory does not read as a resource inside it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const methodVerbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', GET: 'get', HEAD: 'get' };

/** Parse `path` (below the cluster prefix) and the method into a RequestInfo. */
export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const info: RequestInfo = { isResourceRequest: false, path, verb: method.toLowerCase(), apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', parts };
  if (parts[0] !== 'api' && parts[0] !== 'apis') return info;
  info.apiPrefix = parts[0];
  let rest = parts.slice(1);
  if (info.apiPrefix === 'apis') {
    if (rest.length < 1) return info;
    info.apiGroup = rest[0];
    rest = rest.slice(1);
  }
  if (rest.length < 1) return info;
  info.apiVersion = rest[0];
  rest = rest.slice(1);
  if (rest.length < 1) return info;
  info.isResourceRequest = true;
  info.verb = methodVerbs[method.toUpperCase()] ?? method.toLowerCase();
  if (rest[0] === 'namespaces' && rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2])) {
    // /namespaces/NAME/status and /finalize are subresources of the namespace itself.
    info.namespace = rest[1];
  } else if (rest[0] === 'namespaces' && rest.length >= 3) {
    // /namespaces/NS/RESOURCE[/NAME[/SUB]]
    info.namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length === 2) {
    info.namespace = rest[1];
  }
  info.resource = rest[0];
  if (rest.length >= 2) info.name = rest[1];
  if (rest.length >= 3) info.subresource = rest[2];
  if (info.resource === 'namespaces' && rest.length <= 3) info.namespace = info.name;
  if (info.verb === 'get' && !info.name) {
    const w = query.get('watch');
    info.verb = w === 'true' || w === '1' ? 'watch' : 'list';
  }
  if (info.verb === 'delete' && !info.name) info.verb = 'deletecollection';
  return info;
}
