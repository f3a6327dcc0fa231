import { Hono } from 'hono';
import type { Env } from '../env';
import type { UserInfo } from '../apiserver/registry/context';
import { statusResponse, tooLarge, unauthorized } from '../apiserver/status';
import { MAX_BODY_BYTES, TOO_LARGE_MESSAGE } from '../apiserver/codecs/body';
import { verifyTenantToken, TokenError, type TokenCredential } from '../auth/tokens';
import { ADMIN_AUDIENCE } from '../auth/issue';
import { admin } from './admin';
import { benchEcho } from './bench-echo';
import { isWatchUpgrade, watchOverWebSocket } from './watch-socket';
import { bearerFromProtocols, isWebSocketUpgrade, packStreamRequest, withoutBearerProtocol } from './stream-upgrade';
import { tokenTenant } from '../auth/audience';
import { appsByHost, appsByPath } from './apps/routes';

type AppEnv = { Bindings: Env; Variables: { user: UserInfo; tenant: string; credential: TokenCredential } };

/** Paths any client may read without a token (system:public-info-viewer). */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

const TENANT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The Worker's routes: each tenant's Kubernetes API under `/clusters/<tenant>/`. */
export const app = new Hono<AppEnv>();

/** Apps of a tenant on its own host, `<tenant>.<APPS_DOMAIN>` (src/http/apps/routes.ts). */
app.use('*', appsByHost);

app.get('/healthz', (c) => c.text('ok'));

/** The port-forward benchmark's WebSocket echo, only where the benchmark's dev server enables it. */
app.get('/_bench/echo', (c) => (c.env.BENCH_ECHO === '1' ? benchEcho(c.req.raw) : c.notFound()));

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
  try {
    const claims = await verifyTenantToken(bearer, tenant, c.env.JWKS, c.env.ISSUER);
    c.set('user', claims.user);
    c.set('credential', { jti: claims.jti, iat: claims.iat });
  } catch (e) {
    if (e instanceof TokenError) return statusResponse(unauthorized());
    throw e;
  }
  return next();
});

app.all('/clusters/:tenant/*', async (c) => {
  const tenant = c.get('tenant');
  if (Number(c.req.header('content-length') ?? '0') > MAX_BODY_BYTES) {
    // Refused here, before the cluster sees it; the body is drained so the client reads the 413.
    await c.req.raw.body?.pipeTo(new WritableStream());
    return statusResponse(tooLarge(TOO_LARGE_MESSAGE));
  }
  const stub = c.env.CLUSTER.get(c.env.CLUSTER.idFromName(tenant));
  const url = new URL(c.req.url);
  const base = `${url.protocol}//${url.host}/clusters/${tenant}`;
  // exec/attach/port-forward: a WebSocket upgrade goes by fetch (see stream-upgrade.ts).
  if (isWebSocketUpgrade(c.req.raw)) {
    const req = withoutBearerProtocol(c.req.raw);
    // A watch over WebSocket (the dashboard): the cluster streams it as usual, the Worker frames it.
    if (isWatchUpgrade(url)) return watchOverWebSocket(req, (plain) => stub.serve(plain, clusterPath(url.pathname, tenant), base, c.get('user'), c.get('credential')));
    return stub.fetch(packStreamRequest(req, [clusterPath(url.pathname, tenant), base, c.get('user'), c.get('credential')]));
  }
  return stub.serve(c.req.raw, clusterPath(url.pathname, tenant), base, c.get('user'), c.get('credential'));
});

/**
 * `/api/…` and `/apis/…` without the cluster prefix, for clients that drop the server's path:
 * `kubectl get --raw PATH` sends PATH from the host's root (client-go's RequestURI). The
 * tenant is the audience of the bearer token, which is then verified for it as above.
 */
app.all('/:root{apis?}/*', async function rootPath(c) {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const tenant = m ? tokenTenant(m[1], ADMIN_AUDIENCE) : undefined;
  if (!m || !tenant) return statusResponse(unauthorized());
  let user: UserInfo;
  let credential: TokenCredential;
  try {
    const claims = await verifyTenantToken(m[1], tenant, c.env.JWKS, c.env.ISSUER);
    user = claims.user;
    credential = { jti: claims.jti, iat: claims.iat };
  } catch (e) {
    if (e instanceof TokenError) return statusResponse(unauthorized());
    throw e;
  }
  const url = new URL(c.req.url);
  const stub = c.env.CLUSTER.get(c.env.CLUSTER.idFromName(tenant));
  return stub.serve(c.req.raw, url.pathname, `${url.protocol}//${url.host}`, user, credential);
});

/** The path below `/clusters/<tenant>`, `/` at least. */
function clusterPath(pathname: string, tenant: string): string {
  const rest = pathname.slice(`/clusters/${tenant}`.length);
  return rest || '/';
}
