import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TokenError, verifyTenantToken } from '../../../src/auth/tokens';

const ISSUER = 'https://kubeplay.local';

async function keys() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const pub = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  return { privateKey, jwks: JSON.stringify({ keys: [pub] }) };
}

const sign = (privateKey: CryptoKey, { aud = 't1', sub = 'student:a', ttl = 60 } = {}) =>
  new SignJWT({ groups: ['students'] }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject(sub).setAudience(aud).setIssuer(ISSUER)
    .setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + ttl).setJti(crypto.randomUUID()).sign(privateKey);

describe('verified tenant tokens', () => {
  afterEach(() => vi.useRealTimers());

  it('answers the same claims the second time, and copies the caller may change', async () => {
    const k = await keys();
    const tok = await sign(k.privateKey);
    const first = await verifyTenantToken(tok, 't1', k.jwks, ISSUER);
    first.user.groups.push('system:masters');
    const again = await verifyTenantToken(tok, 't1', k.jwks, ISSUER);
    expect(again.user).toEqual({ username: 'student:a', groups: ['students', 'system:authenticated'], uid: again.jti });
  });

  it('refuses a remembered token once it has expired', async () => {
    const k = await keys();
    const tok = await sign(k.privateKey, { ttl: 30 });
    await verifyTenantToken(tok, 't1', k.jwks, ISSUER);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    await expect(verifyTenantToken(tok, 't1', k.jwks, ISSUER)).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a remembered token for another tenant, or under a key set without its key', async () => {
    const k = await keys();
    const other = await keys();
    const tok = await sign(k.privateKey);
    await verifyTenantToken(tok, 't1', k.jwks, ISSUER);
    await expect(verifyTenantToken(tok, 't2', k.jwks, ISSUER)).rejects.toBeInstanceOf(TokenError);
    await expect(verifyTenantToken(tok, 't1', other.jwks, ISSUER)).rejects.toBeInstanceOf(TokenError);
  });

  it('remembers no refusal: a forged token stays refused', async () => {
    const k = await keys();
    const tok = await sign(k.privateKey);
    const forged = `${tok.slice(0, tok.lastIndexOf('.') + 1)}${'A'.repeat(86)}`;
    await expect(verifyTenantToken(forged, 't1', k.jwks, ISSUER)).rejects.toBeInstanceOf(TokenError);
    await expect(verifyTenantToken(forged, 't1', k.jwks, ISSUER)).rejects.toBeInstanceOf(TokenError);
    expect((await verifyTenantToken(tok, 't1', k.jwks, ISSUER)).user.username).toBe('student:a');
  });
});
