/**
 * kube-apiserver's health endpoints, `/healthz`, `/livez` and `/readyz`, as
 * k8s.io/apiserver/pkg/server/healthz serves them: `ok`, or with `?verbose` one line per check
 * (`[+]ping ok`) and `livez check passed`; `?exclude=NAME` (repeatable) skips a check
 * (`[+]etcd excluded: ok`, and a `warn:` line for a name that matches none); `/readyz/ping`
 * answers one check. The checks are those of a kubeadm 1.33 control plane, in its order. The
 * simulated control plane has nothing that can fail them while the cluster answers at all.
 */

/** The checks every endpoint runs: the generic ones, then the post-start hooks of kube-apiserver 1.33. */
const LIVE_CHECKS = [
  'ping',
  'log',
  'etcd',
  ...[
    'start-apiserver-admission-initializer',
    'generic-apiserver-start-informers',
    'priority-and-fairness-config-consumer',
    'priority-and-fairness-filter',
    'storage-object-count-tracker-hook',
    'start-apiextensions-informers',
    'start-apiextensions-controllers',
    'crd-informer-synced',
    'start-system-namespaces-controller',
    'start-cluster-authentication-info-controller',
    'start-kube-apiserver-identity-lease-controller',
    'start-kube-apiserver-identity-lease-garbage-collector',
    'start-legacy-token-tracking-controller',
    'start-service-ip-repair-controllers',
    'rbac/bootstrap-roles',
    'scheduling/bootstrap-system-priority-classes',
    'priority-and-fairness-config-producer',
    'bootstrap-controller',
    'start-kubernetes-service-cidr-controller',
    'aggregator-reload-proxy-client-cert',
    'start-kube-aggregator-informers',
    'apiservice-status-local-available-controller',
    'apiservice-status-remote-available-controller',
    'apiservice-registration-controller',
    'apiservice-discovery-controller',
    'kube-apiserver-autoregistration',
  ].map((h) => `poststarthook/${h}`),
  'autoregister-completion',
  'poststarthook/apiservice-openapi-controller',
  'poststarthook/apiservice-openapiv3-controller',
];

/** /readyz adds the readiness-only checks: etcd-readiness and informer-sync after etcd, shutdown last. */
const READY_CHECKS = [...LIVE_CHECKS.slice(0, 3), 'etcd-readiness', 'informer-sync', ...LIVE_CHECKS.slice(3), 'shutdown'];

const CHECKS: Record<string, string[]> = { healthz: LIVE_CHECKS, livez: LIVE_CHECKS, readyz: READY_CHECKS };

/** Every health path (`/livez`, `/livez/ping`…), for the server's root listing. */
export function healthPaths(): string[] {
  return Object.entries(CHECKS).flatMap(([endpoint, checks]) => [`/${endpoint}`, ...checks.map((c) => `/${endpoint}/${c}`)]);
}

/** The endpoint (`livez`…) and check (`ping`, `poststarthook/rbac/bootstrap-roles`) a path names, if it is a health path. */
function parse(path: string): { endpoint: string; check?: string } | undefined {
  const m = /^\/(healthz|livez|readyz)(?:\/(.+))?$/.exec(path);
  if (!m) return undefined;
  return { endpoint: m[1], check: m[2] };
}

/** Whether `path` is one the health endpoints answer (the endpoint itself or one of its checks). */
export function isHealthPath(path: string): boolean {
  const p = parse(path);
  return !!p && (p.check === undefined || CHECKS[p.endpoint].includes(p.check));
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

/** Go's %q of a check name, joined as healthz's formatQuoted does. */
const quoted = (names: string[]) => names.map((n) => JSON.stringify(n)).join(',');

/**
 * The answer of a health path (see isHealthPath), undefined for any other path. HEAD gets the
 * headers alone.
 */
export function healthResponse(path: string, query: URLSearchParams, method = 'GET'): Response | undefined {
  const p = parse(path);
  if (!p || !isHealthPath(path)) return undefined;
  const respond = (text: string) => new Response(method === 'HEAD' ? null : text, { headers: TEXT });
  if (p.check) return respond('ok');
  const excluded = new Set(query.getAll('exclude'));
  let lines = '';
  for (const check of CHECKS[p.endpoint]) {
    if (excluded.delete(check)) lines += `[+]${check} excluded: ok\n`;
    else lines += `[+]${check} ok\n`;
  }
  if (excluded.size) lines += `warn: some health checks cannot be excluded: no matches for ${quoted([...excluded].sort())}\n`;
  if (!query.has('verbose')) return respond('ok');
  return respond(`${lines}${p.endpoint} check passed\n`);
}
