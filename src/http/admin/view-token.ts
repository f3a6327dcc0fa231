/**
 * Read-only access to a student's cluster for an instructor: a short-lived token for that
 * tenant whose user is in the group `kubeplay:instructors`, which every cluster binds to the
 * ClusterRole `view` (src/rbac/policy.ts). Not system:masters: the token reads what `view`
 * reads (no Secrets, no exec, no writes) through the public Kubernetes API, under the same RBAC
 * as kubectl, so the dashboard's cluster views serve the instructor unchanged.
 */
import { issueToken } from '../../auth/issue';
import type { TenantRow } from '../../control-plane/classrooms';
import { recordTokens } from '../../control-plane/tokens';
import { serverUrl, signingJwk, type AdminCtx } from './provision';

/** The group of instructors' read-only tokens, bound to the ClusterRole `view` in every cluster. */
export const INSTRUCTORS_GROUP = 'kubeplay:instructors';
/** Default lifetime of a read-only token: one hour. */
export const VIEW_TOKEN_TTL = 3600;

/** A read-only token for a student's cluster, as the admin API answers it. */
export interface ViewToken {
  student: string;
  tenant: string;
  server: string;
  token: string;
  /** The user the cluster sees (audit records name it), e.g. `instructor:alice`. */
  user: string;
  groups: string[];
  jti: string;
  /** Expiry, RFC 3339. */
  expiresAt: string;
}

/**
 * Mint a read-only token for `tenant` on behalf of instructor `admin` (the admin token's
 * subject). It is recorded with the tenant's tokens, so a revoke-all refuses it too.
 */
export async function issueViewToken(ctx: AdminCtx, tenant: TenantRow, admin: string, ttlSeconds = VIEW_TOKEN_TTL): Promise<ViewToken> {
  const user = `instructor:${admin}`;
  const issued = await issueToken(signingJwk(ctx.env), {
    audience: tenant.id,
    subject: user,
    groups: [INSTRUCTORS_GROUP],
    issuer: ctx.env.ISSUER,
    ttlSeconds,
    notBefore: tenant.tokensNotBefore,
  });
  await recordTokens(ctx.db, [{ jti: issued.jti, tenantId: tenant.id, subject: issued.sub, issuedAt: issued.iat, expiresAt: issued.exp }]);
  return {
    student: tenant.student ?? '',
    tenant: tenant.id,
    server: serverUrl(ctx.origin, tenant.id),
    token: issued.token,
    user,
    groups: [INSTRUCTORS_GROUP],
    jti: issued.jti,
    expiresAt: new Date(issued.exp * 1000).toISOString(),
  };
}
