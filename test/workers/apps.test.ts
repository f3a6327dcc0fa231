// The Worker's app routes: signed links, the session cookie of a tenant's app host, and what
// they must never let through (another tenant, a revoked token, an app credential as API token).
import { describe, it, expect } from 'vitest';
import { SELF, env } from 'cloudflare:test';
import { ORIGIN } from './admin-client';
import { token } from './keys';

const A = 'apps-a';
const B = 'apps-b';
const host = (t: string) => `https://${t}.apps.localhost`;

async function link(tenant: string, tok: string, to = '/_kubeplay/'): Promise<string> {
  const res = await SELF.fetch(`${ORIGIN}/apps/${tenant}/_link?to=${encodeURIComponent(to)}`, { headers: { Authorization: `Bearer ${tok}` } });
  expect(res.status).toBe(200);
  const body = await res.json<{ url: string; root: string }>();
  expect(body.root).toBe(host(tenant));
  return body.url;
}

/** Open a link as a browser would: the session cookie it sets, and where it sends us. */
async function login(url: string): Promise<{ status: number; cookie?: string; location: string | null }> {
  const res = await SELF.fetch(url, { redirect: 'manual' });
  const set = res.headers.get('set-cookie') ?? '';
  return { status: res.status, cookie: /^(kubeplay_app=[^;]+)/.exec(set)?.[1], location: res.headers.get('location') };
}

const page = (tenant: string, headers: Record<string, string>, method = 'GET') => SELF.fetch(`${host(tenant)}/_kubeplay/`, { method, headers });

describe('app links and sessions', () => {
  it('signs a browser in with a link: an HttpOnly cookie of the tenant host, then its pages', async () => {
    const l = await login(await link(A, await token({ aud: A })));
    expect(l.status).toBe(303);
    expect(l.location).toBe('/_kubeplay/');
    expect(l.cookie).toBeDefined();
    const res = await SELF.fetch(await link(A, await token({ aud: A })), { redirect: 'manual' });
    expect(res.headers.get('set-cookie')).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/);
    const p = await page(A, { Cookie: l.cookie! });
    expect(p.status).toBe(200);
    expect(await p.text()).toMatch(/Your cluster from outside/);
  });

  it('never lets one tenant in with another tenant’s ticket, cookie or token', async () => {
    const aLink = await link(A, await token({ aud: A }));
    const ticket = new URL(aLink).searchParams.get('ticket')!;
    expect((await login(`${host(B)}/_kubeplay/login?ticket=${ticket}&to=/`)).status).toBe(401);
    const { cookie } = await login(aLink);
    expect((await page(B, { Cookie: cookie! })).status).toBe(401);
    expect((await page(B, { Authorization: `Bearer ${await token({ aud: A })}` })).status).toBe(403);
    expect((await page(A, { Authorization: `Bearer ${await token({ aud: A })}` })).status).toBe(200);
    // Links are minted only for the tenant's own token.
    expect((await SELF.fetch(`${ORIGIN}/apps/${B}/_link`, { headers: { Authorization: `Bearer ${await token({ aud: A })}` } })).status).toBe(403);
  });

  it('keeps app credentials and API tokens apart', async () => {
    const aLink = await link(A, await token({ aud: A }));
    const ticket = new URL(aLink).searchParams.get('ticket')!;
    const session = (await login(aLink)).cookie!.slice('kubeplay_app='.length);
    for (const t of [ticket, session]) {
      expect((await SELF.fetch(`${ORIGIN}/clusters/${A}/api/v1/namespaces`, { headers: { Authorization: `Bearer ${t}` } })).status).toBe(401);
      expect((await SELF.fetch(`${ORIGIN}/api/v1/namespaces`, { headers: { Authorization: `Bearer ${t}` } })).status).toBe(401);
    }
    // A ticket is no session, and an API token is no session either.
    expect((await page(A, { Cookie: `kubeplay_app=${ticket}` })).status).toBe(401);
    expect((await page(A, { Cookie: `kubeplay_app=${await token({ aud: A })}` })).status).toBe(401);
    // Only a path of the host is a target (no open redirect).
    expect((await login(`${aLink.split('&to=')[0]}&to=${encodeURIComponent('//evil.example/')}`)).location).toBe('/_kubeplay/');
  });

  it('ends the sessions of a revoked token', async () => {
    const tenant = 'apps-revoked';
    const { cookie } = await login(await link(tenant, await token({ aud: tenant })));
    expect((await page(tenant, { Cookie: cookie! })).status).toBe(200);
    await env.CLUSTER.get(env.CLUSTER.idFromName(tenant)).revoke({ notBefore: Math.floor(Date.now() / 1000) + 1 });
    const res = await page(tenant, { Cookie: cookie! });
    expect(res.status).toBe(401);
  });

  it('refuses cookie requests from sibling hosts other than plain navigations', async () => {
    const { cookie } = await login(await link(A, await token({ aud: A })));
    expect((await page(A, { Cookie: cookie!, 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors' })).status).toBe(403);
    expect((await page(A, { Cookie: cookie!, 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'navigate' }, 'POST')).status).toBe(403);
    expect((await page(A, { Cookie: cookie!, 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'navigate' })).status).toBe(200);
    expect((await page(A, { Cookie: cookie!, 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' })).status).toBe(200);
  });
});

describe('the API without the cluster prefix (kubectl get --raw)', () => {
  it('serves the cluster named by the token’s audience, and nothing without a token', async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/v1/namespaces/default`, { headers: { Authorization: `Bearer ${await token({ aud: A })}` } });
    expect(res.status).toBe(200);
    expect((await res.json<any>()).metadata.name).toBe('default');
    expect((await SELF.fetch(`${ORIGIN}/api/v1/namespaces`)).status).toBe(401);
    expect((await SELF.fetch(`${ORIGIN}/apis/apps/v1/deployments`, { headers: { Authorization: `Bearer ${await token({ aud: 'kubeplay-admin' })}` } })).status).toBe(401);
  });
});
