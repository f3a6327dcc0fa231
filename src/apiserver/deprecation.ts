/**
 * Deprecated API versions of the groups kubeplay serves, and the warning kube-apiserver v1.33
 * sends with every request to them (endpoints/deprecation, `Warning: 299 - "…"`):
 * `<group/version> <Kind> is deprecated in v<major>.<minor>+[; use <replacement>]`.
 */
import type { RequestInfo } from './request-info';

/** group/version/resource → [kind, deprecated in, replacement]. */
const DEPRECATED: Record<string, [string, string, string?]> = {
  'v1/endpoints': ['Endpoints', '1.33', 'discovery.k8s.io/v1 EndpointSlice'],
  'v1/componentstatuses': ['ComponentStatus', '1.19'],
};

/** The deprecation warning of a resource request, if its group version is deprecated. */
export function deprecationWarning(info: Pick<RequestInfo, 'apiGroup' | 'apiVersion' | 'resource'>): string | undefined {
  const gv = info.apiGroup ? `${info.apiGroup}/${info.apiVersion}` : info.apiVersion;
  const d = DEPRECATED[`${gv}/${info.resource}`];
  if (!d) return undefined;
  const [kind, since, replacement] = d;
  return `${gv} ${kind} is deprecated in v${since}+${replacement ? `; use ${replacement}` : ''}`;
}
