// Helpers of the admin API tests: an admin token signed by the test key, calls to /admin/v1 and
// to a tenant cluster through the Worker, and what a kubeconfig holds.
import { SignJWT, importJWK } from 'jose';
import { SELF, env } from 'cloudflare:test';

export const ORIGIN = 'https://kubeplay.test';

/** The test signing key (bound by vitest.config.ts). */
export const testJwk = () => JSON.parse((env as unknown as { TEST_SIGNING_JWK: string }).TEST_SIGNING_JWK);

/** An admin token (aud kubeplay-admin) signed with the test key. */
export async function adminToken(claims: { aud?: string; exp?: string } = {}): Promise<string> {
  const jwk = testJwk();
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setSubject('instructor')
    .setAudience(claims.aud ?? 'kubeplay-admin')
    .setIssuer('https://kubeplay.local')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h')
    .setJti(crypto.randomUUID())
    .sign(await importJWK(jwk, 'ES256'));
}

/** Call the admin API; resolves with the status and the JSON body. */
export async function adminCall(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token ?? (await adminToken())}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await SELF.fetch(`${ORIGIN}/admin/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** The server URL and bearer token a kubeconfig holds. */
export function fromKubeconfig(text: string): { server: string; token: string; ca: string } {
  const server = JSON.parse(/server: (".*")/.exec(text)![1]);
  const token = /token: (\S+)/.exec(text)![1];
  const ca = /certificate-authority-data: (\S+)/.exec(text)?.[1] ?? '';
  return { server, token, ca };
}

/** GET a cluster URL (`server` + path) with a bearer token through the Worker. */
export function clusterGet(server: string, path: string, token: string): Promise<Response> {
  return SELF.fetch(`${server}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

/** POST a JSON object to a cluster URL with a bearer token through the Worker. */
export function clusterPost(server: string, path: string, token: string, body: unknown): Promise<Response> {
  return SELF.fetch(`${server}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** The payload of a JWT (not verified). */
export function claimsOf(token: string): Record<string, any> {
  const b64 = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
}
