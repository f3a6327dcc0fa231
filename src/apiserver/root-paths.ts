/**
 * The server's root, `GET /`: kube-apiserver's index of the paths it serves (the
 * ListedPathProvider, `{"paths": [...]}`, sorted), here the paths this cluster answers: the
 * discovery roots and every served group and group-version (custom groups included), the
 * health endpoints and their checks, /metrics, /openapi/v2, /openapi/v3 and /version.
 */
import { healthPaths } from './health';

/** The `{"paths": …}` of a cluster serving `groups`. */
export function rootPaths(groups: { name: string; versions: string[] }[]): { paths: string[] } {
  const paths = new Set<string>(['/api', '/api/v1', '/apis', '/apis/', '/metrics', '/openapi/v2', '/openapi/v3', '/openapi/v3/', '/version', ...healthPaths()]);
  for (const g of groups) {
    if (!g.name) continue;
    paths.add(`/apis/${g.name}`);
    for (const v of g.versions) paths.add(`/apis/${g.name}/${v}`);
  }
  return { paths: [...paths].sort() };
}
