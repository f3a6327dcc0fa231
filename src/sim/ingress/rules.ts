/**
 * How ingress-nginx routes a request by its Ingresses: one server per host (exact host, then a
 * `*.` wildcard of one label, then the catch-all server of the host-less rules), and in it the
 * location that matches the path — `Exact` paths first, then the longest `Prefix` (matched by
 * path elements: `/foo` takes `/foo` and `/foo/bar`, not `/foobar`) or `ImplementationSpecific`
 * path (a plain nginx prefix: `/foo` takes `/foobar` too); on a tie the oldest Ingress wins. A
 * request no path takes goes to the Ingress's defaultBackend, else the controller's default
 * backend (404).
 */
import type { KubeObject } from '../../apiserver/types';

/** The class this controller serves (`spec.controller: k8s.io/ingress-nginx`). */
export const NGINX_CLASS = 'nginx';

/** Whether the simulated ingress-nginx serves `ing`: class nginx, or no class (`--watch-ingress-without-class`). */
export function servedByNginx(ing: KubeObject): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  return !cls || cls === NGINX_CLASS;
}

/** Where a request goes: the Ingress and its backend (service or resource), or nowhere (404). */
export interface IngressRoute {
  ingress: KubeObject;
  backend: { service?: { name: string; port?: { number?: number; name?: string } }; resource?: unknown };
  /** The TLS entry of the host (its Secret), when the host has one. */
  tls?: { secretName?: string; hosts?: string[] };
}

function hostMatches(pattern: string, host: string): 'exact' | 'wildcard' | undefined {
  if (pattern === host) return 'exact';
  if (pattern.startsWith('*.')) {
    const dot = host.indexOf('.');
    if (dot > 0 && host.slice(dot + 1) === pattern.slice(2)) return 'wildcard';
  }
  return undefined;
}

/** Whether a rule path of `pathType` takes `path`, and how strongly (-1: not at all). */
export function pathScore(rulePath: string, pathType: string | undefined, path: string): number {
  const p = rulePath || '/';
  if (pathType === 'Exact') return path === p ? 1e6 + p.length : -1;
  if (pathType === 'Prefix') {
    const base = p.replace(/\/+$/, '');
    if (!base) return 1;
    return path === base || path.startsWith(`${base}/`) ? base.length + 1 : -1;
  }
  // ImplementationSpecific: nginx's own prefix location.
  return path.startsWith(p) ? p.length : -1;
}

const age = (o: KubeObject) => `${o.metadata.creationTimestamp ?? ''}|${o.metadata.namespace}/${o.metadata.name}`;

/** The route of `host` (without its port) and `path` (without the query) over `ingresses`. */
export function routeIngress(ingresses: KubeObject[], hostHeader: string, path: string): IngressRoute | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const served = ingresses.filter(servedByNginx).sort((a, b) => age(a).localeCompare(age(b)));
  // The server: exact host, else a wildcard, else the catch-all of host-less rules.
  let level: 'exact' | 'wildcard' | 'any' = 'any';
  for (const ing of served) {
    for (const r of ing.spec?.rules ?? []) {
      const m = r.host ? hostMatches(r.host, host) : undefined;
      if (m === 'exact') level = 'exact';
      else if (m === 'wildcard' && level === 'any') level = 'wildcard';
    }
  }
  const inServer = (r: any) => (level === 'any' ? !r.host : !!r.host && hostMatches(r.host, host) === level);
  let best: { score: number; route: IngressRoute } | undefined;
  let owners: KubeObject[] = [];
  for (const ing of served) {
    const rules = (ing.spec?.rules ?? []).filter(inServer);
    if (rules.length) owners.push(ing);
    for (const r of rules) {
      for (const p of r.http?.paths ?? []) {
        const score = pathScore(p.path, p.pathType, path);
        if (score >= 0 && (!best || score > best.score)) best = { score, route: { ingress: ing, backend: p.backend } };
      }
    }
  }
  if (level === 'any') owners = served;
  const route = best?.route ?? (() => {
    const ing = owners.find((o) => o.spec?.defaultBackend);
    return ing ? { ingress: ing, backend: ing.spec.defaultBackend } : undefined;
  })();
  if (!route) return undefined;
  const tls = level === 'any' ? undefined : served.flatMap((i) => i.spec?.tls ?? []).find((t: any) => (t.hosts ?? []).some((h: string) => hostMatches(h.toLowerCase(), host)));
  return tls ? { ...route, tls } : route;
}

/** Whether a host has TLS in any served Ingress (ingress-nginx then redirects HTTP to HTTPS). */
export function hostHasTls(ingresses: KubeObject[], hostHeader: string): { secretName?: string } | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  return ingresses
    .filter(servedByNginx)
    .flatMap((i) => i.spec?.tls ?? [])
    .find((t: any) => (t.hosts ?? []).some((h: string) => hostMatches(h.toLowerCase(), host)));
}
