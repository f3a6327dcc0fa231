/** Queries of the audit records D1 holds for a classroom's tenants (keyed by classroom or tenant). */
import { and, asc, desc, eq, gt, gte, lt, or, type SQL } from 'drizzle-orm';
import { auditEvents, tenants } from './schema';
import type { ControlDb } from './db';

/** Which audit records: a classroom, optionally one student, and a time range (epoch ms). */
export interface AuditQuery {
  classroomId: string;
  student?: string;
  /** Only the records of this username. */
  user?: string;
  /** Records received at or after this time. */
  since?: number;
  /** Records received before this time. */
  until?: number;
  limit: number;
  /** `asc` (default): oldest first; `desc`: newest first (a timeline). */
  order?: 'asc' | 'desc';
  /** Where the previous page ended (its `continue`): the records after it, in the same order. */
  after?: AuditCursor;
}

/** A position in the audit records' order: received time, tenant, outbox sequence. */
export type AuditCursor = [receivedAt: number, tenantId: string, seq: number];

/** The `continue` token of a position (opaque to clients, as a Kubernetes list's). */
export function encodeCursor(c: AuditCursor): string {
  return btoa(JSON.stringify(c)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The position a `continue` token names; undefined if it is not one. */
export function decodeCursor(token: string): AuditCursor | undefined {
  try {
    const c = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(c) && c.length === 3 && Number.isFinite(c[0]) && typeof c[1] === 'string' && Number.isInteger(c[2])) return c as AuditCursor;
  } catch {
    /* not a token of ours */
  }
  return undefined;
}

/** A page of audit records, and the token of the next page when there are more. */
export interface AuditPage {
  items: AuditRecord[];
  continue?: string;
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

/**
 * The audit records of a classroom (joined through its tenants), oldest first (or newest first),
 * at most `limit`, after the cursor when given; `continue` names the next page when there is one.
 */
export async function queryAudit(db: ControlDb, q: AuditQuery): Promise<AuditPage> {
  const where: SQL[] = [eq(tenants.classroomId, q.classroomId)];
  if (q.student) where.push(eq(tenants.student, q.student));
  if (q.user) where.push(eq(auditEvents.username, q.user));
  if (q.since !== undefined) where.push(gte(auditEvents.requestReceivedAt, q.since));
  if (q.until !== undefined) where.push(lt(auditEvents.requestReceivedAt, q.until));
  const newest = q.order === 'desc';
  if (q.after) {
    // Strictly beyond the cursor in the (time, tenant, seq) order of the answer.
    const [t, tenant, seq] = q.after;
    const beyond = newest ? lt : gt;
    where.push(
      or(
        beyond(auditEvents.requestReceivedAt, t),
        and(eq(auditEvents.requestReceivedAt, t), beyond(auditEvents.tenantId, tenant)),
        and(eq(auditEvents.requestReceivedAt, t), eq(auditEvents.tenantId, tenant), beyond(auditEvents.seq, seq)),
      )!,
    );
  }
  const dir = newest ? desc : asc;
  const rows = await db
    .select({ a: auditEvents, student: tenants.student })
    .from(auditEvents)
    .innerJoin(tenants, eq(auditEvents.tenantId, tenants.id))
    .where(and(...where))
    .orderBy(dir(auditEvents.requestReceivedAt), dir(auditEvents.tenantId), dir(auditEvents.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1]?.a;
  return {
    items: page.map(({ a, student }) => toRecord(a, student)),
    ...(rows.length > q.limit && last ? { continue: encodeCursor([last.requestReceivedAt, last.tenantId, last.seq]) } : {}),
  };
}

/** Annotation keys of the kubectl command and invocation (audit Events have no field for them). */
export const KUBECTL_COMMAND_ANNOTATION = 'kubeplay.dev/kubectl-command';
export const KUBECTL_SESSION_ANNOTATION = 'kubeplay.dev/kubectl-session';

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
    annotations: {
      'authorization.k8s.io/decision': a.decision,
      ...(a.kubectlCommand ? { [KUBECTL_COMMAND_ANNOTATION]: a.kubectlCommand } : {}),
      ...(a.kubectlSession ? { [KUBECTL_SESSION_ANNOTATION]: a.kubectlSession } : {}),
    },
  };
}
