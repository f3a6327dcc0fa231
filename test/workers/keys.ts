import { SignJWT, importJWK } from 'jose';
import { env } from 'cloudflare:workers';

/** Sign a token with the test signing key (bound by vitest.config.ts), with overrides. */
export async function token(claims: { aud?: string; sub?: string; iss?: string; exp?: string; groups?: string[] } = {}): Promise<string> {
  const jwk = JSON.parse((env as unknown as { TEST_SIGNING_JWK: string }).TEST_SIGNING_JWK);
  const key = await importJWK(jwk, 'ES256');
  return new SignJWT({ groups: claims.groups ?? ['system:masters'] })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setSubject(claims.sub ?? 'student:test')
    .setAudience(claims.aud ?? 'test')
    .setIssuer(claims.iss ?? 'https://kubeplay.local')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h')
    .setJti(crypto.randomUUID())
    .sign(key);
}
