import { Hono } from 'hono';
import type { Env } from '../env';
import type { UserInfo } from '../apiserver/registry/context';
import { statusResponse, tooLarge, unauthorized } from '../apiserver/status';
import { MAX_BODY_BYTES, TOO_LARGE_MESSAGE } from '../apiserver/codecs/body';
import { verifyTenantToken, TokenError, type TokenCredential } from '../auth/tokens';
import { ADMIN_AUDIENCE } from '../auth/issue';
import { admin } from './admin';
import { benchEcho } from './bench-echo';
import { benchFloor } from './bench-floor';
import { isWatchUpgrade, watchOverWebSocket } from './watch-socket';
import { bearerFromProtocols, isWebSocketUpgrade, packStreamRequest, withoutBearerProtocol } from './stream-upgrade';
import { tokenTenant } from '../auth/audience';
import { failedCall, serveByCluster } from './cluster-call';
import { appsByHost, appsByPath } from './apps/routes';
import { healthResponse } from '../apiserver/health';
import { serverVersionText } from '../apiserver/version';

type AppEnv = { Bindings: Env; Variables: { user: UserInfo; tenant: string; credential: TokenCredential } };

/** Paths any client may read without a token (system:public-info-viewer). */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

const TENANT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The Worker's routes: each tenant's Kubernetes API under `/clusters/<tenant>/`. */
export const app = new Hono<AppEnv>();

/** Apps of a tenant on its own host, `<tenant>.<APPS_DOMAIN>` (src/http/apps/routes.ts). */
app.use('*', appsByHost);

/** Anything the Worker itself failed at is a Kubernetes Status, never a bare text body. */
app.onError((e) => failedCall(e));

/** The port-forward benchmark's WebSocket echo, only where the benchmark's dev server enables it. */
app.get('/_bench/echo', (c) => (c.env.BENCH_ECHO === '1' ? benchEcho(c.req.raw) : c.notFound()));

/** The benchmarks' floor routes (src/http/bench-floor.ts), only where BENCH_FLOOR enables them. */
app.route('/_bench/floor', benchFloor);

/** Apps by path with a bearer token, and the signed links (src/http/apps/routes.ts). */
app.route('/apps', appsByPath);

/** The classroom API for instructors (src/http/admin.ts). */
app.route('/admin/v1', admin);

/** Authenticate a cluster request: a token whose audience is the tenant in the URL. */
app.use('/clusters/:tenant/*', async function authenticate(c, next) {
  const tenant = c.req.param('tenant');
  if (!TENANT.test(tenant) || tenant === ADMIN_AUDIENCE) return statusResponse(unauthorized());
  c.set('tenant', tenant);
  const path = clusterPath(c.req.path, tenant);
  const auth = c.req.header('authorization') ?? '';
  // A browser's WebSocket (the dashboard's terminal) carries its token as a subprotocol.
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? (auth ? undefined : bearerFromProtocols(c.req.raw));
  if (!bearer) {
    if (PUBLIC_PATHS.has(path)) {
      c.set('user', { username: 'system:anonymous', groups: ['system:unauthenticated'] });
      c.set('credential', {});
      return next();
    }
    return statusResponse(unauthorized());
  }
  const id = await identify(bearer, tenant, c.env);
  if (!id) return statusResponse(unauthorized());
  c.set('user', id.user);
  c.set('credential', id.credential);
  return next();
});

app.all('/clusters/:tenant/*', async (c) => {
  const tenant = c.get('tenant');
  const refused = await refuseLargeBody(c.req.raw);
  if (refused) return refused;
  const stub = () => c.env.CLUSTER.get(c.env.CLUSTER.idFromName(tenant));
  const url = new URL(c.req.url);
  const call = { path: clusterPath(url.pathname, tenant), base: `${url.protocol}//${url.host}/clusters/${tenant}`, user: c.get('user'), credential: c.get('credential') };
  // exec/attach/port-forward: a WebSocket upgrade goes by fetch (see stream-upgrade.ts).
  if (isWebSocketUpgrade(c.req.raw)) {
    const req = withoutBearerProtocol(c.req.raw);
    // A watch over WebSocket (the dashboard): the cluster streams it as usual, the Worker frames it.
    if (isWatchUpgrade(url)) return watchOverWebSocket(req, (plain) => serveByCluster(stub, plain, call));
    return stub().fetch(packStreamRequest(req, [call.path, call.base, call.user, call.credential])).catch(failedCall);
  }
  return serveByCluster(stub, c.req.raw, call);
});

/**
 * Every other path is one at the root of a kube-apiserver: `kubectl get --raw PATH` sends PATH
 * from the host's root (client-go's RequestURI), not under the kubeconfig's `/clusters/<name>`,
 * and so does the kubectl dispatcher's `/version` probe. The cluster is the audience of the
 * bearer token, which is then verified for it as above; the cluster answers as it does under
 * its prefix (`/version`, `/readyz?verbose`, `/metrics`, `/openapi/v3`, `/api/…`), authorized
 * by its RBAC. Without a token the Worker itself answers what system:public-info-viewer lets
 * anyone read (/healthz, /livez, /readyz, /version), with no cluster behind it; anything else
 * is 401, as under the prefix. `/` itself is the cluster's index of paths with a token, and the
 * dashboard's page without one.
 */
app.all('*', async function rootPath(c) {
  const url = new URL(c.req.url);
  const auth = c.req.header('authorization');
  if (!auth) {
    // The root without a token is the dashboard's page (with one, the cluster's list of paths).
    if (url.pathname === '/' && c.env.ASSETS) return c.env.ASSETS.fetch(c.req.raw);
    const path = url.pathname === '/version/' ? '/version' : url.pathname;
    if (!PUBLIC_PATHS.has(path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return statusResponse(unauthorized());
    return healthResponse(path, url.searchParams, c.req.method) ?? new Response(serverVersionText(), { headers: { 'Content-Type': 'application/json' } });
  }
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  const tenant = m ? tokenTenant(m[1], ADMIN_AUDIENCE) : undefined;
  const id = m && tenant ? await identify(m[1], tenant, c.env) : undefined;
  if (!tenant || !id) return statusResponse(unauthorized());
  const refused = await refuseLargeBody(c.req.raw);
  if (refused) return refused;
  const stub = () => c.env.CLUSTER.get(c.env.CLUSTER.idFromName(tenant));
  return serveByCluster(stub, c.req.raw, { path: url.pathname, base: `${url.protocol}//${url.host}`, user: id.user, credential: id.credential });
});

/** The verified user and credential of a bearer token for `tenant`; undefined when it is refused (401). */
async function identify(token: string, tenant: string, env: Env): Promise<{ user: UserInfo; credential: TokenCredential } | undefined> {
  try {
    const claims = await verifyTenantToken(token, tenant, env.JWKS, env.ISSUER);
    return { user: claims.user, credential: { jti: claims.jti, iat: claims.iat } };
  } catch (e) {
    if (e instanceof TokenError) return undefined;
    throw e;
  }
}

/** A 413 for a body over the limit, refused before the cluster sees it (drained, so the client reads it). */
async function refuseLargeBody(request: Request): Promise<Response | undefined> {
  if (Number(request.headers.get('content-length') ?? '0') <= MAX_BODY_BYTES) return undefined;
  await request.body?.pipeTo(new WritableStream());
  return statusResponse(tooLarge(TOO_LARGE_MESSAGE));
}

/** The path below `/clusters/<tenant>`, `/` at least. */
function clusterPath(pathname: string, tenant: string): string {
  const rest = pathname.slice(`/clusters/${tenant}`.length);
  return rest || '/';
}
