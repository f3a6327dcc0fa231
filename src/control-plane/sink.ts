/**
 * The outbox sink: where a tenant's Durable Object delivers its outbox records — to D1, as
 * idempotent upserts in the outbox's order, in one `DB.batch` (a D1 transaction: all or none).
 * Delivering the same records twice leaves D1 as delivering them once did, so the outbox may be
 * flushed at least once. Every statement is keyed by the tenant.
 */

import type { GradeRow } from '../cluster/exercises';

/** What an audit record holds (the audit.k8s.io/v1 Event fields at Metadata level: no bodies). */
export interface AuditRow {
  auditId: string;
  level: 'Metadata';
  stage: 'ResponseStarted' | 'ResponseComplete';
  /** Epoch milliseconds. */
  requestReceivedAt: number;
  stageAt: number;
  username: string;
  groups: string[];
  impersonatedUser?: string;
  verb: string;
  requestUri: string;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
  decision: 'allow' | 'forbid';
  userAgent?: string;
  /** kubectl's `Kubectl-Command` header (`kubectl scale`): the command behind the request. */
  kubectlCommand?: string;
  /** kubectl's `Kubectl-Session` header: one id per kubectl invocation, shared by its requests. */
  kubectlSession?: string;
}

/** A namespace as D1's tenant_namespaces holds it (`deleted` once it is gone). */
export interface NamespaceRow {
  name: string;
  uid: string;
  phase: string;
  resourceVersion: number;
  deleted: boolean;
  at: number;
}

/** An RBAC object (Role, ClusterRole, RoleBinding, ClusterRoleBinding) for D1's tenant_rbac. */
export interface RbacRow {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  /** The object as JSON (RBAC objects hold no secret data). */
  body: string;
  resourceVersion: number;
  deleted: boolean;
  at: number;
}

/** One outbox record, in the order `seq` of the tenant's outbox. */
export type OutboxRecord = { seq: number } & (
  | { kind: 'audit'; row: AuditRow }
  | { kind: 'namespace'; row: NamespaceRow }
  | { kind: 'rbac'; row: RbacRow }
  /** The cluster was reset: its namespaces and RBAC objects start over (audit records stay), and its grades unless kept. */
  | { kind: 'reset'; row: { at: number; keepGrades?: boolean } }
  /** An exercise's grade (src/cluster/exercises.ts). */
  | { kind: 'grade'; row: GradeRow }
);

/** The tenant's state reported with every delivery (D1's tenants row). */
export interface TenantReport {
  objects: number;
  lastActivityAt: number | null;
}

/** Audit records kept per tenant: older ones are pruned from D1 at flush time. */
export const AUDIT_RETENTION = 10_000;

/** Where outbox records go. `deliver` resolves once every record is durably accepted. */
export interface OutboxSink {
  deliver(tenantId: string, records: OutboxRecord[], report: TenantReport): Promise<void>;
}

/** The sink writing to the D1 control plane (schema: src/control-plane/schema.ts). */
export function d1Sink(db: D1Database): OutboxSink {
  return {
    async deliver(tenantId, records, report) {
      const stmts = records.flatMap((r) => statementsFor(db, tenantId, r));
      if (records.some((r) => r.kind === 'audit')) stmts.push(pruneAudit(db, tenantId));
      stmts.push(db.prepare('UPDATE tenants SET object_count = ?, last_activity_at = ? WHERE id = ?').bind(report.objects, report.lastActivityAt, tenantId));
      await db.batch(stmts);
    },
  };
}

/** The upsert (or deletes) of one record. */
function statementsFor(db: D1Database, tenant: string, r: OutboxRecord): D1PreparedStatement[] {
  switch (r.kind) {
    case 'audit': {
      const a = r.row;
      // A later record for the same auditID corrects the response (code, stage); seq stays the first.
      return [db
        .prepare(
          `INSERT INTO audit_events (tenant_id, audit_id, seq, level, stage, request_received_at, stage_at, username, groups, impersonated_user, verb, request_uri, api_group, api_version, resource, subresource, namespace, name, code, decision, user_agent, kubectl_command, kubectl_session)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(tenant_id, audit_id) DO UPDATE SET stage = excluded.stage, stage_at = excluded.stage_at, code = excluded.code, decision = excluded.decision`,
        )
        .bind(tenant, a.auditId, r.seq, a.level, a.stage, a.requestReceivedAt, a.stageAt, a.username, JSON.stringify(a.groups), a.impersonatedUser ?? null, a.verb, a.requestUri, a.apiGroup ?? null, a.apiVersion ?? null, a.resource ?? null, a.subresource ?? null, a.namespace ?? null, a.name ?? null, a.code, a.decision, a.userAgent ?? null, a.kubectlCommand ?? null, a.kubectlSession ?? null)];
    }
    case 'namespace': {
      const n = r.row;
      return [db
        .prepare(
          `INSERT INTO tenant_namespaces (tenant_id, name, uid, phase, resource_version, deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(tenant_id, name) DO UPDATE SET uid = excluded.uid, phase = excluded.phase, resource_version = excluded.resource_version, deleted = excluded.deleted, updated_at = excluded.updated_at
           WHERE excluded.resource_version >= tenant_namespaces.resource_version`,
        )
        .bind(tenant, n.name, n.uid, n.phase, n.resourceVersion, n.deleted ? 1 : 0, n.at)];
    }
    case 'rbac': {
      const b = r.row;
      return [db
        .prepare(
          `INSERT INTO tenant_rbac (tenant_id, kind, namespace, name, uid, body, resource_version, deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(tenant_id, kind, namespace, name) DO UPDATE SET uid = excluded.uid, body = excluded.body, resource_version = excluded.resource_version, deleted = excluded.deleted, updated_at = excluded.updated_at
           WHERE excluded.resource_version >= tenant_rbac.resource_version`,
        )
        .bind(tenant, b.kind, b.namespace, b.name, b.uid, b.body, b.resourceVersion, b.deleted ? 1 : 0, b.at)];
    }
    case 'reset':
      return [
        db.prepare('DELETE FROM tenant_namespaces WHERE tenant_id = ?').bind(tenant),
        db.prepare('DELETE FROM tenant_rbac WHERE tenant_id = ?').bind(tenant),
        ...(r.row.keepGrades ? [] : [db.prepare('DELETE FROM exercise_grades WHERE tenant_id = ?').bind(tenant)]),
      ];
    case 'grade': {
      const g = r.row;
      if (g.deleted) return [db.prepare('DELETE FROM exercise_grades WHERE tenant_id = ? AND exercise = ?').bind(tenant, g.exercise)];
      // Rows arrive in the outbox's order: a later one replaces an earlier one.
      return [db
        .prepare(
          `INSERT INTO exercise_grades (tenant_id, exercise, chapter, state, score, max_score, best_score, attempts, completed_at, checks, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(tenant_id, exercise) DO UPDATE SET chapter = excluded.chapter, state = excluded.state, score = excluded.score, max_score = excluded.max_score, best_score = excluded.best_score, attempts = excluded.attempts, completed_at = excluded.completed_at, checks = excluded.checks, updated_at = excluded.updated_at`,
        )
        .bind(tenant, g.exercise, g.chapter, g.state, g.score, g.maxScore, g.bestScore, g.attempts, g.completedAt, JSON.stringify(g.checks), g.at)];
    }
  }
}

/** Keep the newest AUDIT_RETENTION audit records of the tenant (by receive time). */
function pruneAudit(db: D1Database, tenant: string): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM audit_events WHERE tenant_id = ?1 AND request_received_at < (
         SELECT request_received_at FROM audit_events WHERE tenant_id = ?1 ORDER BY request_received_at DESC LIMIT 1 OFFSET ?2)`,
    )
    .bind(tenant, AUDIT_RETENTION - 1);
}
