/** Queries of issued tokens (kubeconfigs). Every query is keyed by tenant. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { tokens } from './schema';
import { chunks, rowsPerInsert, runBatch, type ControlDb } from './db';

/** A token row. */
export type TokenRow = typeof tokens.$inferSelect;

/** Record issued tokens (timestamps in epoch seconds, as in the JWT). */
export async function recordTokens(db: ControlDb, rows: { jti: string; tenantId: string; subject: string; issuedAt: number; expiresAt: number }[]): Promise<void> {
  await runBatch(db, chunks(rows, rowsPerInsert(6)).map((c) => db.insert(tokens).values(c)));
}

/** The token `jti` of a tenant, or undefined. */
export async function tokenOf(db: ControlDb, tenantId: string, jti: string): Promise<TokenRow | undefined> {
  const rows = await db.select().from(tokens).where(and(eq(tokens.tenantId, tenantId), eq(tokens.jti, jti))).limit(1);
  return rows[0];
}

/** Mark one token, or every unrevoked token of the tenant, revoked at `at` (seconds). */
export async function markRevoked(db: ControlDb, tenantId: string, at: number, jti?: string): Promise<void> {
  const where = jti ? and(eq(tokens.tenantId, tenantId), eq(tokens.jti, jti)) : and(eq(tokens.tenantId, tenantId), isNull(tokens.revokedAt));
  await db.update(tokens).set({ revokedAt: at }).where(where);
}

/** The jtis of a tenant's revoked tokens that have not expired yet at `now` (seconds). */
export async function liveRevokedJtis(db: ControlDb, tenantId: string, now: number): Promise<string[]> {
  const rows = await db
    .select({ jti: tokens.jti, revokedAt: tokens.revokedAt })
    .from(tokens)
    .where(and(eq(tokens.tenantId, tenantId), gt(tokens.expiresAt, now)));
  return rows.filter((r) => r.revokedAt !== null).map((r) => r.jti);
}

/** A tenant's tokens, newest first. */
export async function tenantTokens(db: ControlDb, tenantId: string): Promise<TokenRow[]> {
  const rows = await db.select().from(tokens).where(eq(tokens.tenantId, tenantId));
  return rows.sort((a, b) => b.issuedAt - a.issuedAt);
}

