/** Queries of the audit records D1 holds for a classroom's tenants (keyed by classroom or tenant). */
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { auditEvents, tenants } from './schema';
import type { ControlDb } from './db';

/** Which audit records: a classroom, optionally one student, and a time range (epoch ms). */
export interface AuditQuery {
  classroomId: string;
  student?: string;
  /** Records received at or after this time. */
  since?: number;
  /** Records received before this time. */
  until?: number;
  limit: number;
}

/** One audit record, in the shape of an audit.k8s.io/v1 Event, with its student and tenant. */
export interface AuditRecord {
  student: string | null;
  tenant: string;
  level: string;
  auditID: string;
  stage: string;
  requestURI: string;
  verb: string;
  user: { username: string; groups: string[] };
  impersonatedUser?: { username: string };
  userAgent?: string;
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string; apiVersion?: string; subresource?: string };
  responseStatus: { code: number };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations: Record<string, string>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/(\.\d{3})Z$/, '$1000Z');

/** The audit records of a classroom (joined through its tenants), oldest first, at most `limit`. */
export async function queryAudit(db: ControlDb, q: AuditQuery): Promise<AuditRecord[]> {
  const where: SQL[] = [eq(tenants.classroomId, q.classroomId)];
  if (q.student) where.push(eq(tenants.student, q.student));
  if (q.since !== undefined) where.push(gte(auditEvents.requestReceivedAt, q.since));
  if (q.until !== undefined) where.push(lt(auditEvents.requestReceivedAt, q.until));
  const rows = await db
    .select({ a: auditEvents, student: tenants.student })
    .from(auditEvents)
    .innerJoin(tenants, eq(auditEvents.tenantId, tenants.id))
    .where(and(...where))
    .orderBy(asc(auditEvents.requestReceivedAt), asc(auditEvents.tenantId), asc(auditEvents.seq))
    .limit(q.limit);
  return rows.map(({ a, student }) => toRecord(a, student));
}

function toRecord(a: typeof auditEvents.$inferSelect, student: string | null): AuditRecord {
  let groups: string[] = [];
  try {
    const g = JSON.parse(a.groups);
    if (Array.isArray(g)) groups = g.map(String);
  } catch {
    /* a malformed row keeps no groups */
  }
  const ref = { apiGroup: a.apiGroup ?? undefined, apiVersion: a.apiVersion ?? undefined, resource: a.resource ?? undefined, subresource: a.subresource ?? undefined, namespace: a.namespace ?? undefined, name: a.name ?? undefined };
  const hasRef = Object.values(ref).some((v) => v !== undefined);
  return {
    student,
    tenant: a.tenantId,
    level: a.level,
    auditID: a.auditId,
    stage: a.stage,
    requestURI: a.requestUri,
    verb: a.verb,
    user: { username: a.username, groups },
    ...(a.impersonatedUser ? { impersonatedUser: { username: a.impersonatedUser } } : {}),
    ...(a.userAgent ? { userAgent: a.userAgent } : {}),
    ...(hasRef ? { objectRef: ref } : {}),
    responseStatus: { code: a.code },
    requestReceivedTimestamp: iso(a.requestReceivedAt),
    stageTimestamp: iso(a.stageAt),
    annotations: { 'authorization.k8s.io/decision': a.decision },
  };
}
