// Tokens the Worker and the tenant's Durable Object must refuse, each with a 401 Status.
import { describe, it, expect } from 'vitest';
import { SignJWT, exportSPKI, generateKeyPair, importJWK } from 'jose';
import { adminCall, clusterGet, fromKubeconfig, testJwk, ORIGIN } from './admin-client';
import { token } from './keys';

const TENANT = 'sec';
const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ sub: 'student:mallory', groups: ['system:masters'], aud: TENANT, iss: 'https://kubeplay.local', iat: now(), exp: now() + 600, jti: crypto.randomUUID(), ...over });

/** Expect a 401 Status from the cluster API for `tok`. */
async function refused(tok: string, tenant = TENANT) {
  const res = await clusterGet(`${ORIGIN}/clusters/${tenant}`, '/api/v1/namespaces', tok);
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
}

describe('tenant tokens: what the Worker refuses', () => {
  it('accepts a well-formed token (the control case)', async () => {
    expect((await clusterGet(`${ORIGIN}/clusters/${TENANT}`, '/api/v1/namespaces', await token({ aud: TENANT }))).status).toBe(200);
  });

  it('refuses an unsigned token (alg none)', async () => {
    await refused(`${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims()))}.`);
  });

  it('refuses an HS256 token whose HMAC secret is the public key (algorithm confusion)', async () => {
    const jwk = testJwk();
    const { d: _d, ...pub } = jwk;
    const spki = await exportSPKI((await importJWK(pub, 'ES256')) as CryptoKey);
    for (const secret of [spki, JSON.stringify(pub)]) {
      const hs = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: jwk.kid }).sign(new TextEncoder().encode(secret));
      await refused(hs);
    }
  });

  it('refuses a token of an unknown kid, whether signed by a foreign key or by ours', async () => {
    const foreign = await generateKeyPair('ES256', { extractable: true });
    await refused(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'not-ours' }).sign(foreign.privateKey));
    const foreignWithOurKid = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: testJwk().kid }).sign(foreign.privateKey);
    await refused(foreignWithOurKid);
    const ours = await importJWK(testJwk(), 'ES256');
    await refused(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'rotated-away' }).sign(ours));
  });

  it('refuses an expired token', async () => {
    await refused(await token({ aud: TENANT, exp: '-1m' }));
  });

  it('refuses a token of another audience (another tenant, or the admin API)', async () => {
    await refused(await token({ aud: 'other-tenant' }));
    await refused(await token({ aud: 'kubeplay-admin' }));
  });

  it('refuses a token of another issuer, and one without iat or jti', async () => {
    await refused(await token({ aud: TENANT, iss: 'https://evil.example' }));
    const ours = await importJWK(testJwk(), 'ES256');
    const { iat: _i, ...noIat } = claims();
    const { jti: _j, ...noJti } = claims();
    await refused(await new SignJWT(noIat).setProtectedHeader({ alg: 'ES256', kid: testJwk().kid }).sign(ours));
    await refused(await new SignJWT(noJti).setProtectedHeader({ alg: 'ES256', kid: testJwk().kid }).sign(ours));
  });
});

describe('tenant tokens: what the tenant\'s Durable Object refuses (revocation)', () => {
  async function student() {
    const name = `sec-${crypto.randomUUID().slice(0, 8)}`;
    const r = await adminCall('POST', '/classrooms', { name, students: ['sam'], settings: { profile: 'fast' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { room: name, ...fromKubeconfig(r.body.students[0].kubeconfig) };
  }

  it('refuses a token issued before the tenant\'s not-before epoch', async () => {
    const s = await student();
    const tenant = s.server.split('/').pop()!;
    const ours = await importJWK(testJwk(), 'ES256');
    const old = await new SignJWT(claims({ aud: tenant, iat: now() - 30 })).setProtectedHeader({ alg: 'ES256', kid: testJwk().kid }).sign(ours);
    expect((await clusterGet(s.server, '/api/v1/namespaces', old)).status).toBe(200);
    await adminCall('POST', `/classrooms/${s.room}/students/sam/revoke`);
    await refused(old, tenant);
    await refused(s.token, tenant);
  });

  it('refuses a revoked jti while another token of the same tenant still works', async () => {
    const s = await student();
    const tenant = s.server.split('/').pop()!;
    const other = fromKubeconfig((await adminCall('POST', `/classrooms/${s.room}/students/sam/kubeconfig`)).body.kubeconfig);
    const jti = JSON.parse(atob(s.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).jti;
    await adminCall('POST', `/classrooms/${s.room}/students/sam/revoke`, { jti });
    await refused(s.token, tenant);
    expect((await clusterGet(other.server, '/api/v1/namespaces', other.token)).status).toBe(200);
  });
});
