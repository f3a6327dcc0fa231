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

/** How many verified tokens an isolate remembers (the oldest verified is forgotten first). */
export const VERIFIED_TOKENS_KEPT = 1000;

/**
 * Tokens already verified, by JWKS, issuer, tenant and the token itself, with their claims and
 * expiry: a token's signature is checked once per isolate rather than on every request (an
 * ES256 verification is the largest cost of a small request). Only successful verifications are
 * kept, and `exp` is checked again at each use; revocation is the tenant object's check, made
 * on every request whatever this cache says. Keys are not tenant state (see keySet).
 */
const verified = new Map<string, { claims: TokenClaims; expMs: number }>();

/** Why a token was refused (the 401 message stays the generic `Unauthorized`). */
export class TokenError extends Error {}

/**
 * Verify a bearer token for a tenant: signature by a known `kid` with the pinned algorithm,
 * `aud` naming this tenant, our `iss`, and `exp`. Throws TokenError.
 */
export async function verifyTenantToken(token: string, tenant: string, jwks: string, issuer: string): Promise<TokenClaims> {
  const cacheKey = `${jwks}\n${issuer}\n${tenant}\n${token}`;
  const hit = verified.get(cacheKey);
  if (hit) {
    if (Date.now() < hit.expMs) return structuredClone(hit.claims);
    verified.delete(cacheKey);
  }
  const claims = await verifyTenantTokenOnce(token, tenant, jwks, issuer);
  if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
  verified.set(cacheKey, { claims: structuredClone(claims.claims), expMs: claims.expMs });
  return claims.claims;
}

async function verifyTenantTokenOnce(token: string, tenant: string, jwks: string, issuer: string): Promise<{ claims: TokenClaims; expMs: number }> {
  try {
    const { payload } = await jwtVerify(token, keySet(jwks), { algorithms: [TOKEN_ALG], audience: tenant, issuer, requiredClaims: ['sub', 'exp', 'iat', 'jti'] });
    const groups = Array.isArray(payload.groups) ? payload.groups.filter((g): g is string => typeof g === 'string') : [];
    if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
    // A ServiceAccount token's user has the account's uid and the bound pod as extra.
    const sa = serviceAccountUserFields(payload);
    return { claims: { user: { username: String(payload.sub), groups, uid: payload.jti, ...sa }, tenant, jti: payload.jti, iat: payload.iat }, expMs: Number(payload.exp) * 1000 };
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
