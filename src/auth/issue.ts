import { SignJWT, importJWK, type JWK } from 'jose';
import { TOKEN_ALG } from './tokens';

/** The audience of instructors' admin tokens (tenant tokens name their tenant instead). */
export const ADMIN_AUDIENCE = 'kubeplay-admin';

/** What issuing a token produced: the compact JWT and the claims recorded in D1. */
export interface IssuedToken {
  token: string;
  jti: string;
  /** Issued-at, epoch seconds. */
  iat: number;
  /** Expiry, epoch seconds. */
  exp: number;
  sub: string;
}

/** What to put in a token. `notBefore` (epoch seconds) raises `iat` so that a token issued right
 * after a revoke-all is not refused by the tenant's not-before epoch. */
export interface TokenRequest {
  /** One audience, or several (ServiceAccount tokens). */
  audience: string | string[];
  subject: string;
  groups: string[];
  issuer: string;
  ttlSeconds: number;
  notBefore?: number;
  /** Seconds since the epoch; defaults to the current time. */
  now?: number;
  /** Further private claims (the `kubernetes.io` claim of ServiceAccount tokens). */
  claims?: Record<string, unknown>;
}

interface SigningKey {
  key: CryptoKey | Uint8Array;
  kid: string;
}

const keys = new Map<string, Promise<SigningKey>>();

/**
 * The signing key of a private JWK text (the `SIGNING_JWK` secret): an ES256 key with a `kid`.
 * Imported once per isolate (a platform key, not tenant state). Throws when the JWK is not a
 * private P-256 key or has no kid.
 */
export function signingKey(jwkText: string): Promise<SigningKey> {
  let p = keys.get(jwkText);
  if (!p) {
    p = (async () => {
      const jwk = JSON.parse(jwkText) as JWK;
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('SIGNING_JWK must be a private P-256 (ES256) JWK');
      if (!jwk.kid) throw new Error('SIGNING_JWK must carry a kid');
      const { key_ops: _ops, ext: _ext, ...clean } = jwk;
      return { key: await importJWK(clean, TOKEN_ALG), kid: jwk.kid };
    })();
    p.catch(() => keys.delete(jwkText));
    keys.set(jwkText, p);
  }
  return p;
}

/** Sign a token with the pinned algorithm and the key's `kid`, with a fresh random `jti`. */
export async function issueToken(jwkText: string, req: TokenRequest): Promise<IssuedToken> {
  const { key, kid } = await signingKey(jwkText);
  const now = req.now ?? Math.floor(Date.now() / 1000);
  const iat = Math.max(now, req.notBefore ?? 0);
  const exp = iat + req.ttlSeconds;
  const jti = crypto.randomUUID();
  const token = await new SignJWT({ ...req.claims, groups: req.groups })
    .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: 'JWT' })
    .setSubject(req.subject)
    .setAudience(req.audience)
    .setIssuer(req.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key);
  return { token, jti, iat, exp, sub: req.subject };
}
