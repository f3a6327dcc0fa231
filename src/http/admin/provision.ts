/**
 * Provisioning of student clusters: tenant rows in D1, settings applied to each tenant's Durable
 * Object (concurrent, bounded), one token and kubeconfig per student, tokens recorded in D1.
 */
import type { Env } from '../../env';
import type { TenantSettings } from '../../cluster/settings';
import { issueToken } from '../../auth/issue';
import { kubeconfig, kubeconfigCaPem } from '../../auth/kubeconfig';
import { insertTenants, type ClassroomRow, type TenantRow } from '../../control-plane/classrooms';
import { recordTokens } from '../../control-plane/tokens';
import { chunks, runBatch, type ControlDb } from '../../control-plane/db';
import { tenants } from '../../control-plane/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { AdminError } from './errors';
import { mapSettled } from './pool';
import { mergeSettings, tenantControl } from './tenant-control';

/** How many tenants' Durable Objects are configured at once. */
export const PROVISION_CONCURRENCY = 10;
/** Default lifetime of a student's token: 30 days. */
export const DEFAULT_TOKEN_TTL = 30 * 86400;

/** What a request of the admin API works with. */
export interface AdminCtx {
  env: Env;
  db: ControlDb;
  /** `https://host` the client reached: kubeconfigs point there. */
  origin: string;
}

/** A student's cluster and credentials, as the admin API answers them. */
export interface StudentKubeconfig {
  student: string;
  tenant: string;
  server: string;
  state: string;
  kubeconfig?: string;
  jti?: string;
  /** Token expiry, RFC 3339. */
  expiresAt?: string;
  error?: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** `n` random characters of a DNS-safe alphabet (32 symbols, so no modulo bias). */
export function randomSuffix(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return s;
}

/**
 * A fresh tenant id for a student: the student name and a random suffix, so that a student
 * removed and added again (or a classroom re-created) never reuses a deleted cluster.
 */
export function newTenantId(student: string): string {
  return `${student}-${randomSuffix(8)}`;
}

/** The user a student's token names, and the groups it carries (the student owns the cluster). */
export const studentSubject = (student: string) => `student:${student}`;
const STUDENT_GROUPS = ['system:masters'];

/** The groups of a student's token: cluster-admin (system:masters) unless the settings grant a narrower access. */
function studentGroups(settings: string | undefined): string[] {
  const access = settings ? (JSON.parse(settings) as TenantSettings).access : undefined;
  return access ? [] : STUDENT_GROUPS;
}

/** Settings whose narrower access names the student it binds (the cluster cannot know it). */
function withStudentUser(settings: TenantSettings, student: string): TenantSettings {
  return settings.access ? { ...settings, access: { ...settings.access, user: studentSubject(student) } } : settings;
}

/** The Worker's signing key text; a 503 AdminError when the secret is not set. */
export function signingJwk(env: Env): string {
  if (!env.SIGNING_JWK) throw new AdminError(503, 'no signing key: set the SIGNING_JWK secret of the Worker');
  return env.SIGNING_JWK;
}

/** The API URL of a tenant cluster as clients reach it. */
export const serverUrl = (origin: string, tenantId: string) => `${origin}/clusters/${tenantId}`;

/** Sign a student's token and make its kubeconfig (not yet recorded in D1). */
async function studentCredentials(ctx: AdminCtx, classroom: ClassroomRow, tenant: Pick<TenantRow, 'id' | 'student' | 'tokensNotBefore' | 'settings'>, ttlSeconds: number) {
  const student = tenant.student ?? tenant.id;
  const issued = await issueToken(signingJwk(ctx.env), {
    audience: tenant.id,
    subject: studentSubject(student),
    groups: studentGroups(tenant.settings),
    issuer: ctx.env.ISSUER,
    ttlSeconds,
    notBefore: tenant.tokensNotBefore,
  });
  const server = serverUrl(ctx.origin, tenant.id);
  const text = kubeconfig({ server, caPem: kubeconfigCaPem(ctx.env), token: issued.token, name: `${classroom.name}-${student}`, user: `student-${student}` });
  return { issued, server, text };
}

/**
 * Issue a fresh token for a student's tenant, record it, and return the kubeconfig.
 */
export async function issueKubeconfig(ctx: AdminCtx, classroom: ClassroomRow, tenant: TenantRow, ttlSeconds = DEFAULT_TOKEN_TTL): Promise<StudentKubeconfig> {
  const { issued, server, text } = await studentCredentials(ctx, classroom, tenant, ttlSeconds);
  await recordTokens(ctx.db, [{ jti: issued.jti, tenantId: tenant.id, subject: issued.sub, issuedAt: issued.iat, expiresAt: issued.exp }]);
  return { student: tenant.student ?? '', tenant: tenant.id, server, state: tenant.state, kubeconfig: text, jti: issued.jti, expiresAt: new Date(issued.exp * 1000).toISOString() };
}

/**
 * Create the clusters of `students` in a classroom: insert their tenant rows (state
 * `provisioning`), configure each Durable Object with the classroom's settings merged with the
 * student's own (at most PROVISION_CONCURRENCY at once, one retry), then issue and record one
 * token per provisioned student. A student whose cluster could not be configured is left in
 * state `failed` with its error, and gets no kubeconfig. Results are in the order given.
 */
export async function provisionStudents(
  ctx: AdminCtx,
  classroom: ClassroomRow,
  students: { name: string; settings?: TenantSettings }[],
  ttlSeconds = DEFAULT_TOKEN_TTL,
): Promise<StudentKubeconfig[]> {
  signingJwk(ctx.env);
  const base = JSON.parse(classroom.settings) as TenantSettings;
  const now = Date.now();
  const rows = students.map((s) => ({
    id: newTenantId(s.name),
    classroomId: classroom.id,
    student: s.name,
    state: 'provisioning',
    settings: JSON.stringify(withStudentUser(mergeSettings(base, s.settings), s.name)),
    createdAt: now,
    tokensNotBefore: 0,
    objectCount: 0,
    lastActivityAt: null,
  }));
  await insertTenants(ctx.db, rows);
  const outcomes = await mapSettled(rows, PROVISION_CONCURRENCY, async (row) => {
    const settings = JSON.parse(row.settings) as TenantSettings;
    const stub = tenantControl(ctx.env, row.id);
    try {
      await stub.configure(settings);
    } catch {
      await tenantControl(ctx.env, row.id).configure(settings);
    }
    return studentCredentials(ctx, classroom, row, ttlSeconds);
  });
  const tokenRows = [];
  const failed: string[] = [];
  const results: StudentKubeconfig[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const o = outcomes[i];
    if (o.status === 'fulfilled') {
      const { issued, server, text } = o.value;
      tokenRows.push({ jti: issued.jti, tenantId: row.id, subject: issued.sub, issuedAt: issued.iat, expiresAt: issued.exp });
      results.push({ student: row.student, tenant: row.id, server, state: 'active', kubeconfig: text, jti: issued.jti, expiresAt: new Date(issued.exp * 1000).toISOString() });
    } else {
      failed.push(row.id);
      const error = o.reason instanceof Error ? o.reason.message : String(o.reason);
      results.push({ student: row.student, tenant: row.id, server: serverUrl(ctx.origin, row.id), state: 'failed', error });
    }
  }
  await recordTokens(ctx.db, tokenRows);
  const setState = (ids: string[], state: string) =>
    chunks(ids, 90).map((c) => ctx.db.update(tenants).set({ state }).where(and(eq(tenants.classroomId, classroom.id), inArray(tenants.id, c))));
  await runBatch(ctx.db, [...setState(tokenRows.map((t) => t.tenantId), 'active'), ...setState(failed, 'failed')]);
  return results;
}
