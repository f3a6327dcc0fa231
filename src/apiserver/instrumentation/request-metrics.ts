/**
 * The apiserver's own metrics of one cluster, as k8s.io/apiserver/pkg/endpoints/metrics counts
 * them: `apiserver_request_total` and the `apiserver_request_duration_seconds` histogram per
 * verb, dry run, group, version, resource, subresource, scope and component (and code), and
 * `apiserver_current_inflight_requests` per request kind. They live in the cluster's Durable
 * Object instance, as a kube-apiserver's live in its process: a restart starts them over
 * (`process_start_time_seconds` tells when). Nothing is written to storage for them.
 */
import type { RequestInfo } from '../request-info';
import { KUBERNETES_VERSION, serverVersion } from '../version';
import type { Family, Labels } from './exposition';

/** Upstream's buckets of apiserver_request_duration_seconds (seconds). */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

/** Subresources served by a connection rather than a body: reported as the CONNECT verb. */
const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The labels (all but code) a request is counted under, or undefined for requests kube-apiserver
 * does not instrument this way (discovery, /version, OpenAPI, /metrics). Resource requests:
 * upstream's reported verb (GET or LIST, WATCH, POST, PUT, PATCH or APPLY, DELETE, CONNECT) and
 * scope (resource, namespace, cluster), component `apiserver`; the health endpoints: GET with the
 * path as subresource and no component, as healthz installs them.
 */
export function requestLabels(method: string, info: RequestInfo, query: URLSearchParams, contentType: string | null): Labels | undefined {
  if (!info.isResourceRequest) {
    if (!/^\/(healthz|livez|readyz)(\/|$)/.test(info.path)) return undefined;
    return { verb: 'GET', dry_run: '', group: '', version: '', resource: '', subresource: info.path, scope: '', component: '' };
  }
  const scope = info.name ? 'resource' : info.namespace ? 'namespace' : 'cluster';
  let verb = method.toUpperCase();
  if (verb === 'HEAD') verb = 'GET';
  if (verb === 'GET' && scope !== 'resource') verb = 'LIST';
  if (info.verb === 'watch') verb = 'WATCH';
  if (verb === 'PATCH' && (contentType ?? '').startsWith('application/apply-patch')) verb = 'APPLY';
  if (CONNECT_SUBRESOURCES.has(info.subresource)) verb = 'CONNECT';
  return {
    verb,
    dry_run: query.getAll('dryRun').includes('All') ? 'All' : '',
    group: info.apiGroup,
    version: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    scope,
    component: 'apiserver',
  };
}

interface Series {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** The counters of one cluster's apiserver. */
export class ApiserverMetrics {
  private readonly requests = new Map<string, { labels: Labels; value: number }>();
  private readonly durations = new Map<string, Series>();
  private readonly inflight = { mutating: 0, readOnly: 0 };

  constructor(private readonly startedAt: number) {}

  /**
   * A request starts: counted in flight (mutating or readOnly) until the returned function is
   * called with its HTTP code and duration in seconds; `labels` undefined counts it in flight only.
   */
  start(method: string, labels: Labels | undefined): (code: number, seconds: number) => void {
    const kind = MUTATING.has(method.toUpperCase()) ? 'mutating' : 'readOnly';
    this.inflight[kind]++;
    let done = false;
    return (code, seconds) => {
      if (done) return;
      done = true;
      this.inflight[kind]--;
      if (labels) this.observe(labels, code, seconds);
    };
  }

  private observe(labels: Labels, code: number, seconds: number): void {
    const key = JSON.stringify(labels);
    const counted = { ...labels, code: String(code) };
    const ckey = JSON.stringify(counted);
    const c = this.requests.get(ckey) ?? { labels: counted, value: 0 };
    c.value++;
    this.requests.set(ckey, c);
    const d = this.durations.get(key) ?? { labels, counts: REQUEST_DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    const i = REQUEST_DURATION_BUCKETS.findIndex((le) => seconds <= le);
    if (i >= 0) d.counts[i]++;
    d.sum += seconds;
    d.count++;
    this.durations.set(key, d);
  }

  /** Every family `/metrics` shows, with the stored object counts per resource (`pods`, `deployments.apps`). */
  families(storedObjects: Map<string, number>): Family[] {
    const v = serverVersion();
    return [
      {
        name: 'apiserver_request_total',
        type: 'counter',
        help: '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
        samples: [...this.requests.values()],
      },
      {
        name: 'apiserver_request_duration_seconds',
        type: 'histogram',
        help: '[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
        buckets: REQUEST_DURATION_BUCKETS,
        samples: [...this.durations.values()],
      },
      {
        name: 'apiserver_current_inflight_requests',
        type: 'gauge',
        help: '[STABLE] Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
        samples: [{ labels: { request_kind: 'mutating' }, value: this.inflight.mutating }, { labels: { request_kind: 'readOnly' }, value: this.inflight.readOnly }],
      },
      {
        name: 'apiserver_storage_objects',
        type: 'gauge',
        help: '[STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.',
        samples: [...storedObjects].map(([resource, value]) => ({ labels: { resource }, value })),
      },
      {
        name: 'kubernetes_build_info',
        type: 'gauge',
        help: "[ALPHA] A metric with a constant '1' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.",
        samples: [{
          labels: { build_date: v.buildDate, compiler: v.compiler, git_commit: v.gitCommit, git_tree_state: v.gitTreeState, git_version: KUBERNETES_VERSION.gitVersion, go_version: v.goVersion, major: v.major, minor: v.minor, platform: v.platform },
          value: 1,
        }],
      },
      {
        name: 'process_start_time_seconds',
        type: 'gauge',
        help: 'Start time of the process since unix epoch in seconds.',
        samples: [{ labels: {}, value: this.startedAt / 1000 }],
      },
    ];
  }
}
