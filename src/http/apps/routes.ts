/**
 * Traffic from outside, through the Worker: a student's apps (NodePort, LoadBalancer, Ingress)
 * at `https://<tenant>.<APPS_DOMAIN>/<address>/<path>` — one origin per tenant, so one student's
 * pages can never script another's — authenticated as the student by their bearer token
 * (curl) or by a session cookie of that host, which a short-lived signed link sets (a browser).
 * `https://HOST/apps/<tenant>/<address>/…` serves the same with a bearer token only (a shared
 * origin carries no ambient credential), and `GET /apps/<tenant>/_link?to=/<address>/…` mints
 * the signed link for the holder of the tenant's token. The cluster answers through the
 * Durable Object's `serveApp` RPC method.
 */
import { Hono, type Context, type Next } from 'hono';
import type { Env } from '../../env';
import type { TokenCredential } from '../../auth/tokens';
import type { UserInfo } from '../../apiserver/registry/context';
import { verifyTenantToken, TokenError } from '../../auth/tokens';
import { ADMIN_AUDIENCE } from '../../auth/issue';
import { TENANT_NAME, tokenTenant } from '../../auth/audience';
import { issueAppToken, verifyAppToken, SESSION_SECONDS } from './tokens';
import { platformPage, INDEX_PATH } from '../../apiserver/proxy/apps';

/** The session cookie of a tenant's app host. */
export const SESSION_COOKIE = 'kubeplay_app';
/** The app domain when the Worker names none (`*.apps.localhost` is the loopback). */
export const DEFAULT_APPS_DOMAIN = 'apps.localhost';

type AppsEnv = { Bindings: Env };

const appsDomain = (env: Env) => (env.APPS_DOMAIN || DEFAULT_APPS_DOMAIN).toLowerCase();

/** The app root of a tenant as the student sees it (scheme and port of this request). */
export function tenantAppRoot(requestUrl: string, env: Env, tenant: string): string {
  const u = new URL(requestUrl);
  return `https://${tenant}.${appsDomain(env)}${u.port ? `:${u.port}` : ''}`;
}

/** The tenant whose app host `hostname` is, if any. */
function tenantOfHost(hostname: string, env: Env): string | undefined {
  const suffix = `.${appsDomain(env)}`;
  if (!hostname.toLowerCase().endsWith(suffix)) return undefined;
  const t = hostname.slice(0, -suffix.length).toLowerCase();
  return TENANT_NAME.test(t) && t !== ADMIN_AUDIENCE ? t : undefined;
}

type Who = { ok: true; credential: TokenCredential; user?: UserInfo } | { ok: false; status: 401 | 403 };

/** The student of `tenant` by bearer token: theirs (ok), another tenant's (403), none or bad (401). */
async function bearer(token: string, tenant: string, env: Env): Promise<Who> {
  try {
    const claims = await verifyTenantToken(token, tenant, env.JWKS, env.ISSUER);
    return { ok: true, credential: { jti: claims.jti, iat: claims.iat }, user: claims.user };
  } catch (e) {
    if (!(e instanceof TokenError)) throw e;
  }
  const other = tokenTenant(token, ADMIN_AUDIENCE);
  if (other && other !== tenant) {
    const valid = await verifyTenantToken(token, other, env.JWKS, env.ISSUER).then(() => true, () => false);
    if (valid) return { ok: false, status: 403 };
  }
  return { ok: false, status: 401 };
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function refusal(status: 401 | 403, tenant: string): Response {
  const res =
    status === 403
      ? platformPage(403, 'Not your cluster', `<p>These credentials belong to another student's cluster; this app is in cluster <code>${tenant}</code>.</p>`)
      : platformPage(401, 'Sign in to reach this app', `<p>Open the link <code>npx kubeplay open ADDRESS --kubeconfig YOUR.kubeconfig</code> prints (it signs you in to your cluster's apps for ${SESSION_SECONDS / 3600} hours), or send your kubeconfig's token as <code>Authorization: Bearer …</code>.</p>`);
  if (status === 401) res.headers.set('WWW-Authenticate', 'Bearer realm="kubeplay apps"');
  return res;
}

/** Hand the request to the tenant's cluster. */
async function toCluster(c: Context<AppsEnv>, tenant: string, credential: TokenCredential, path: string, root: string): Promise<Response> {
  const url = new URL(c.req.url);
  const stub = c.env.CLUSTER.get(c.env.CLUSTER.idFromName(tenant));
  const clientIP = c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? '127.0.0.1';
  const res = await stub.serveApp({ method: c.req.method, path, search: url.search, clientIP, root }, credential);
  // An app may not replace the platform's session cookie of its host.
  const out = new Response(res.body, res);
  const cookies: string[] = [];
  out.headers.forEach((v, k) => {
    if (k.toLowerCase() === 'set-cookie') cookies.push(v);
  });
  if (cookies.some((v) => v.trim().startsWith(`${SESSION_COOKIE}=`))) {
    out.headers.delete('Set-Cookie');
    for (const v of cookies) if (!v.trim().startsWith(`${SESSION_COOKIE}=`)) out.headers.append('Set-Cookie', v);
  }
  return out;
}

/** `<tenant>.<APPS_DOMAIN>`: the login of signed links, then the tenant's apps. Other hosts pass on. */
export async function appsByHost(c: Context<AppsEnv>, next: Next): Promise<Response | void> {
  const url = new URL(c.req.url);
  const tenant = tenantOfHost(url.hostname, c.env);
  if (!tenant) return next();
  const root = `${url.protocol}//${url.host}`;
  if (url.pathname === '/_kubeplay/login') {
    const claims = await verifyAppToken(url.searchParams.get('ticket') ?? '', c.env.JWKS, c.env.ISSUER, tenant, 'ticket');
    if (!claims || !c.env.SIGNING_JWK) return platformPage(401, 'This link has expired', '<p>Links are good for two minutes: ask <code>npx kubeplay open</code> for a fresh one.</p>');
    const session = await issueAppToken(c.env.SIGNING_JWK, c.env.ISSUER, tenant, 'session', claims);
    const to = url.searchParams.get('to') || INDEX_PATH;
    // Only a path of this host (never `//elsewhere`): the link cannot send the student away.
    const target = /^\/(?![/\\])/.test(to) && to !== '/' ? to : INDEX_PATH;
    const maxAge = Math.max(1, session.exp - Math.floor(Date.now() / 1000));
    return new Response(null, { status: 303, headers: { Location: target, 'Set-Cookie': `${SESSION_COOKIE}=${session.token}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`, 'Cache-Control': 'no-store' } });
  }
  const auth = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  let who: Who;
  if (auth) {
    who = await bearer(auth[1], tenant, c.env);
  } else {
    const s = await verifyAppToken(cookie(c.req.header('cookie'), SESSION_COOKIE) ?? '', c.env.JWKS, c.env.ISSUER, tenant, 'session');
    who = s ? { ok: true, credential: s.credential } : { ok: false, status: 401 };
    // Sibling tenants' hosts are same-site: a cookie request from them is refused unless it is
    // a plain navigation (their pages cannot make this student's browser post to this app).
    const site = c.req.header('sec-fetch-site');
    if (s && (site === 'same-site' || site === 'cross-site') && !(c.req.header('sec-fetch-mode') === 'navigate' && c.req.method === 'GET')) who = { ok: false, status: 403 };
  }
  if (!who.ok) return refusal(who.status, tenant);
  return toCluster(c, tenant, who.credential, url.pathname, root);
}

/** `/apps/<tenant>/…` on the Worker's own host: bearer tokens only, and the link minting. */
export const appsByPath = new Hono<AppsEnv>();

appsByPath.all('/:tenant/*', async (c) => {
  const tenant = c.req.param('tenant');
  if (!TENANT_NAME.test(tenant)) return refusal(401, tenant);
  const auth = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const who = auth ? await bearer(auth[1], tenant, c.env) : ({ ok: false, status: 401 } as Who);
  if (!who.ok) return refusal(who.status, tenant);
  const url = new URL(c.req.url);
  const rest = url.pathname.slice(`/apps/${tenant}`.length) || '/';
  if (rest === '/_link') {
    if (!c.env.SIGNING_JWK) return c.json({ message: 'this Worker has no signing key for links' }, 500);
    const to = url.searchParams.get('to') || INDEX_PATH;
    const ticket = await issueAppToken(c.env.SIGNING_JWK, c.env.ISSUER, tenant, 'ticket', { user: who.user ?? { username: 'student', groups: [] }, credential: who.credential });
    const link = new URL(`${tenantAppRoot(c.req.url, c.env, tenant)}/_kubeplay/login`);
    link.searchParams.set('ticket', ticket.token);
    link.searchParams.set('to', /^\/(?![/\\])/.test(to) && to !== '/' ? to : INDEX_PATH);
    return c.json({ url: link.toString(), expiresAt: new Date(ticket.exp * 1000).toISOString(), root: tenantAppRoot(c.req.url, c.env, tenant) });
  }
  return toCluster(c, tenant, who.credential, rest, `${url.protocol}//${url.host}/apps/${tenant}`);
});
