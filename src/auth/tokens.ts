import { createLocalJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import type { UserInfo } from '../apiserver/registry/context';
import { serviceAccountUserFields } from '../rbac/sa-token';

/** The one signing algorithm tokens may use (pinned: no `none`, no HMAC). */
export const TOKEN_ALG = 'ES256';

/** What a verified tenant token says. */
export interface TokenClaims {
  user: UserInfo;
  tenant: string;
  jti?: string;
  iat?: number;
}

/**
 * The verified token's identity for revocation, handed by the Worker to the tenant's Durable
 * Object with each request: its `jti` (denied list) and `iat` (not-before epoch, seconds).
 */
export interface TokenCredential {
  jti?: string;
  iat?: number;
}

const keySets = new Map<string, JWTVerifyGetKey>();

/** The verifying key set of a JWKS document (parsed once per isolate; keys are not tenant state). */
function keySet(jwks: string): JWTVerifyGetKey {
  let ks = keySets.get(jwks);
  if (!ks) {
    ks = createLocalJWKSet(JSON.parse(jwks));
    keySets.set(jwks, ks);
  }
  return ks;
}

/** Why a token was refused (the 401 message stays the generic `Unauthorized`). */
export class TokenError extends Error {}

/**
 * Verify a bearer token for a tenant: signature by a known `kid` with the pinned algorithm,
 * `aud` naming this tenant, our `iss`, and `exp`. Throws TokenError.
 */
export async function verifyTenantToken(token: string, tenant: string, jwks: string, issuer: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keySet(jwks), { algorithms: [TOKEN_ALG], audience: tenant, issuer, requiredClaims: ['sub', 'exp', 'iat', 'jti'] });
    const groups = Array.isArray(payload.groups) ? payload.groups.filter((g): g is string => typeof g === 'string') : [];
    if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
    // A ServiceAccount token's user has the account's uid and the bound pod as extra.
    const sa = serviceAccountUserFields(payload);
    return { user: { username: String(payload.sub), groups, uid: payload.jti, ...sa }, tenant, jti: payload.jti, iat: payload.iat };
  } catch (e) {
    if (e instanceof joseErrors.JOSEError || e instanceof SyntaxError || e instanceof TypeError) throw new TokenError(e.message);
    throw e;
  }
}

/** Who holds a verified admin token. */
export interface AdminClaims {
  subject: string;
  jti?: string;
}

/**
 * Verify an instructor's admin token: the pinned algorithm, a known `kid`, `aud` = `audience`
 * (the platform, never a tenant), our `iss`, and `exp`. Throws TokenError.
 */
export async function verifyAdminToken(token: string, audience: string, jwks: string, issuer: string): Promise<AdminClaims> {
  try {
    const { payload } = await jwtVerify(token, keySet(jwks), { algorithms: [TOKEN_ALG], audience, issuer, requiredClaims: ['sub', 'exp', 'iat'] });
    return { subject: String(payload.sub), jti: payload.jti };
  } catch (e) {
    if (e instanceof joseErrors.JOSEError || e instanceof SyntaxError || e instanceof TypeError) throw new TokenError(e.message);
    throw e;
  }
}
