/**
 * What the admin API does to one student's cluster: reset, revoke, remove, and report state.
 * Each touches the tenant's Durable Object (the authority for its cluster) and its D1 rows.
 */
import type { TenantSettings } from '../../cluster/settings';
import { deleteTenantRows, setTenantStats, setTokensNotBefore, type TenantRow } from '../../control-plane/classrooms';
import { liveRevokedJtis, markRevoked, tokenOf } from '../../control-plane/tokens';
import { AdminError } from './errors';
import type { AdminCtx } from './provision';
import { TOMBSTONE_NOT_BEFORE, tenantControl, type TenantStats } from './tenant-control';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Refuse tokens of a tenant. With a `jti`: that token (it must be one issued for this tenant).
 * Without: every token issued so far — the tenant's not-before epoch becomes the next second
 * (tokens carry whole seconds, so a token of this very second is refused too, and tokens issued
 * from now on are dated at or after it). D1 records it first, then the Durable Object enforces it.
 */
export async function revokeTokens(ctx: AdminCtx, tenant: TenantRow, jti?: string): Promise<{ revoked: string; notBefore?: number }> {
  const now = nowSeconds();
  if (jti) {
    if (!(await tokenOf(ctx.db, tenant.id, jti))) throw new AdminError(404, `token "${jti}" of student "${tenant.student}" not found`);
    await markRevoked(ctx.db, tenant.id, now, jti);
    await tenantControl(ctx.env, tenant.id).revoke({ jtis: [jti] });
    return { revoked: jti };
  }
  const notBefore = now + 1;
  await setTokensNotBefore(ctx.db, tenant.id, notBefore);
  await markRevoked(ctx.db, tenant.id, now);
  await tenantControl(ctx.env, tenant.id).revoke({ notBefore });
  return { revoked: 'all', notBefore };
}

/**
 * Wipe a student's cluster to a fresh one with its settings. The revocations D1 records (the
 * not-before epoch and the revoked jtis not yet expired) are asserted again afterwards, so that a
 * reset never brings a revoked token back. With `revokeTokens`, every token is revoked too. The
 * assigned exercises come back; the student's grades are kept only with `keepGrades`.
 */
export async function resetTenant(ctx: AdminCtx, tenant: TenantRow, revokeAll = false, keepGrades = false): Promise<{ notBefore: number }> {
  const stub = tenantControl(ctx.env, tenant.id);
  await stub.reset(JSON.parse(tenant.settings) as TenantSettings, { keepGrades });
  let notBefore = tenant.tokensNotBefore;
  if (revokeAll) notBefore = (await revokeTokens(ctx, tenant)).notBefore ?? notBefore;
  const jtis = await liveRevokedJtis(ctx.db, tenant.id, nowSeconds());
  if (notBefore > 0 || jtis.length) await stub.revoke({ notBefore: notBefore || undefined, jtis });
  return { notBefore };
}

/**
 * Remove a student's cluster: wipe its Durable Object, leave it refusing every token ever
 * issued (a leftover kubeconfig must not bring it back), and delete its D1 rows.
 */
export async function removeTenant(ctx: AdminCtx, tenant: TenantRow): Promise<void> {
  const stub = tenantControl(ctx.env, tenant.id);
  await stub.destroy();
  await tenantControl(ctx.env, tenant.id).revoke({ notBefore: TOMBSTONE_NOT_BEFORE });
  await deleteTenantRows(ctx.db, tenant.id);
}

/** A tenant's state as the admin API lists it. */
export interface TenantView {
  student: string | null;
  tenant: string;
  server: string;
  state: string;
  objectCount: number;
  lastActivityAt: string | null;
  /** Alarms fired by the cluster (live stats only). */
  alarms?: number;
  /** When its armed alarm is due, null when none is (live stats only). */
  alarmAt?: string | null;
  /** Its pods by state (live stats only). */
  pods?: TenantStats['pods'];
  /** Requests that waited for the rate limit and those it refused (live stats only). */
  throttling?: TenantStats['throttling'];
  createdAt: string;
  tokensNotBefore: number;
  settings: TenantSettings;
}

/** Ask a tenant's Durable Object for its state and record it in D1; undefined if it failed. */
export async function refreshStats(ctx: AdminCtx, tenant: TenantRow): Promise<TenantStats | undefined> {
  try {
    const s = await tenantControl(ctx.env, tenant.id).stats();
    if (s.objects !== tenant.objectCount || s.lastActivityAt !== tenant.lastActivityAt) await setTenantStats(ctx.db, tenant.id, s.objects, s.lastActivityAt);
    return s;
  } catch {
    return undefined;
  }
}

/** The view of a tenant row, with fresher stats when given. */
export function tenantView(origin: string, t: TenantRow, stats?: TenantStats): TenantView {
  const last = stats ? stats.lastActivityAt : t.lastActivityAt;
  return {
    student: t.student,
    tenant: t.id,
    server: `${origin}/clusters/${t.id}`,
    state: t.state,
    objectCount: stats ? stats.objects : t.objectCount,
    lastActivityAt: last === null ? null : new Date(last).toISOString(),
    ...(stats?.alarms !== undefined ? { alarms: stats.alarms } : {}),
    ...(stats?.alarmAt !== undefined ? { alarmAt: stats.alarmAt === null ? null : new Date(stats.alarmAt).toISOString() } : {}),
    ...(stats?.pods ? { pods: stats.pods } : {}),
    ...(stats?.throttling ? { throttling: stats.throttling } : {}),
    createdAt: new Date(t.createdAt).toISOString(),
    tokensNotBefore: t.tokensNotBefore,
    settings: JSON.parse(t.settings) as TenantSettings,
  };
}
