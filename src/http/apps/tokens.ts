/**
 * The credentials of app links: a ticket (two minutes, in the link a student opens) and the
 * session it is exchanged for (a cookie of the tenant's app host). Both are ES256 JWTs of the
 * platform whose audience is `apps:<tenant>`, so neither is ever accepted as an API token (the
 * API wants the tenant itself as audience); they carry the `jti` and `iat` of the student's
 * token, so revoking that token ends its app sessions too.
 */
import { createLocalJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { issueToken } from '../../auth/issue';
import { TOKEN_ALG, type TokenCredential } from '../../auth/tokens';
import type { UserInfo } from '../../apiserver/registry/context';

/** How long a link's ticket lives (seconds). */
export const TICKET_SECONDS = 120;
/** How long an app session (the cookie) lives at most (seconds). */
export const SESSION_SECONDS = 8 * 3600;

/** The audience of a tenant's app credentials. */
export const appsAudience = (tenant: string) => `apps:${tenant}`;

/** What an app credential says: who, and the student's token it came from. */
export interface AppClaims {
  user: UserInfo;
  credential: TokenCredential;
  exp: number;
}

const keySets = new Map<string, JWTVerifyGetKey>();

/** Issue a ticket or a session for `tenant` on behalf of a verified user. */
export async function issueAppToken(signingJwk: string, issuer: string, tenant: string, use: 'ticket' | 'session', who: AppClaims | { user: UserInfo; credential: TokenCredential; exp?: number }): Promise<{ token: string; exp: number }> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = Math.max(1, Math.min(use === 'ticket' ? TICKET_SECONDS : SESSION_SECONDS, (who.exp ?? now + SESSION_SECONDS) - now));
  const t = await issueToken(signingJwk, { audience: appsAudience(tenant), subject: who.user.username, groups: who.user.groups, issuer, ttlSeconds: ttl, now, claims: { use, cred: who.credential } });
  return { token: t.token, exp: t.exp };
}

/** Verify an app credential of `use` for `tenant`; undefined when it is not one. */
export async function verifyAppToken(token: string, jwks: string, issuer: string, tenant: string, use: 'ticket' | 'session'): Promise<AppClaims | undefined> {
  let ks = keySets.get(jwks);
  if (!ks) {
    ks = createLocalJWKSet(JSON.parse(jwks));
    keySets.set(jwks, ks);
  }
  try {
    const { payload } = await jwtVerify(token, ks, { algorithms: [TOKEN_ALG], audience: appsAudience(tenant), issuer, requiredClaims: ['sub', 'exp', 'iat', 'jti'] });
    if (payload.use !== use) return undefined;
    const cred = (payload.cred ?? {}) as TokenCredential;
    const groups = Array.isArray(payload.groups) ? payload.groups.filter((g): g is string => typeof g === 'string') : [];
    return { user: { username: String(payload.sub), groups }, credential: { jti: cred.jti, iat: cred.iat }, exp: payload.exp! };
  } catch {
    return undefined;
  }
}
