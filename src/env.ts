import type { ClusterObject } from './cluster/cluster-object';
import type { FloorObject } from './bench/floor-object';

/** The Worker's bindings (wrangler.toml, `.dev.vars` locally, secrets in production). */
export interface Env {
  CLUSTER: DurableObjectNamespace<ClusterObject>;
  DB: D1Database;
  /** Token issuer (`iss`). */
  ISSUER: string;
  /** JSON Web Key Set of the public keys that verify tokens. */
  JWKS: string;
  /**
   * The private JWK (ES256, with a `kid` listed in JWKS) that signs the tokens the admin API
   * issues; a Worker secret in production, written into `.dev.vars` by the dev server locally.
   */
  SIGNING_JWK?: string;
  /**
   * PEM of the cluster CA, published in every namespace as kube-root-ca.crt and, unless
   * PUBLIC_CERTIFICATE is `true`, given to kubeconfigs as certificate-authority-data.
   */
  CA_PEM?: string;
  /**
   * `true` where the Worker's host has a publicly trusted certificate (a custom domain on
   * Cloudflare): kubeconfigs then carry no certificate-authority-data.
   */
  PUBLIC_CERTIFICATE?: string;
  /**
   * The domain of the tenants' app hosts, `<tenant>.<APPS_DOMAIN>` (a wildcard DNS name and
   * certificate); `apps.localhost` when unset (the loopback, for `npm start`).
   */
  APPS_DOMAIN?: string;
  /** Default timing profile of new clusters: `realistic` (seconds, like a real cluster) or `fast`. */
  TIMING_PROFILE?: string;
  /**
   * The Worker version's metadata (a new `id` with every deploy, and with every start or reload
   * of the dev server): a cluster resyncs its controllers when it wakes up on new code.
   */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
  /** "1" routes the port-forward benchmark's WebSocket echo (`/_bench/echo`); unset in production. */
  BENCH_ECHO?: string;
  /** "1" routes the benchmarks' floor (`/_bench/floor/…`, src/http/bench-floor.ts); unset in production. */
  BENCH_FLOOR?: string;
  /** The benchmarks' floor object (src/bench/floor-object.ts), reached only through those routes. */
  FLOOR?: DurableObjectNamespace<FloorObject>;
  /** The dashboard's static files (web/dist, `[assets]` in wrangler.toml). */
  ASSETS?: Fetcher;
}
