/**
 * Queries of classrooms and their tenants. Every query is keyed by a classroom id or a tenant id.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { classrooms, tenants, tokens, tenantNamespaces, tenantRbac, auditEvents, exerciseGrades, exerciseAssignments } from './schema';
import { chunks, rowsPerInsert, runBatch, type ControlDb } from './db';

/** A classroom row. */
export type ClassroomRow = typeof classrooms.$inferSelect;
/** A tenant row. */
export type TenantRow = typeof tenants.$inferSelect;

/** The classroom named `name`, or undefined. */
export async function classroomByName(db: ControlDb, name: string): Promise<ClassroomRow | undefined> {
  const rows = await db.select().from(classrooms).where(eq(classrooms.name, name)).limit(1);
  return rows[0];
}

/** Every classroom with its number of students, by name. */
export async function listClassrooms(db: ControlDb): Promise<(ClassroomRow & { students: number })[]> {
  return db
    .select({
      id: classrooms.id,
      name: classrooms.name,
      settings: classrooms.settings,
      createdAt: classrooms.createdAt,
      students: count(tenants.id),
    })
    .from(classrooms)
    .leftJoin(tenants, eq(tenants.classroomId, classrooms.id))
    .groupBy(classrooms.id)
    .orderBy(asc(classrooms.name));
}

/** The tenants of one classroom, by student name. */
export async function classroomTenants(db: ControlDb, classroomId: string): Promise<TenantRow[]> {
  return db.select().from(tenants).where(eq(tenants.classroomId, classroomId)).orderBy(asc(tenants.student));
}

/** The tenant of `student` in a classroom, or undefined. */
export async function tenantOf(db: ControlDb, classroomId: string, student: string): Promise<TenantRow | undefined> {
  const rows = await db.select().from(tenants).where(and(eq(tenants.classroomId, classroomId), eq(tenants.student, student))).limit(1);
  return rows[0];
}

/** Insert a classroom row. Throws on a duplicate name (UNIQUE). */
export async function insertClassroom(db: ControlDb, row: ClassroomRow): Promise<void> {
  await db.insert(classrooms).values(row);
}

/** Insert tenant rows (multi-row inserts within D1's parameter bound, one batch). */
export async function insertTenants(db: ControlDb, rows: (typeof tenants.$inferInsert)[]): Promise<void> {
  await runBatch(db, chunks(rows, rowsPerInsert(9)).map((c) => db.insert(tenants).values(c)));
}

/** Set a tenant's state (`active`, `failed`…). */
export async function setTenantState(db: ControlDb, tenantId: string, state: string): Promise<void> {
  await db.update(tenants).set({ state }).where(eq(tenants.id, tenantId));
}

/** Record a tenant's object count and last activity as its Durable Object reported them. */
export async function setTenantStats(db: ControlDb, tenantId: string, objectCount: number, lastActivityAt: number | null): Promise<void> {
  await db.update(tenants).set({ objectCount, lastActivityAt }).where(eq(tenants.id, tenantId));
}

/** Raise a tenant's token not-before epoch (seconds); never lowers it. */
export async function setTokensNotBefore(db: ControlDb, tenantId: string, notBefore: number): Promise<void> {
  await db
    .update(tenants)
    .set({ tokensNotBefore: sql`max(${tenants.tokensNotBefore}, ${notBefore})` })
    .where(eq(tenants.id, tenantId));
}

/** Remove a tenant and every row keyed by it (tokens, namespaces, RBAC, audit), in one batch. */
export async function deleteTenantRows(db: ControlDb, tenantId: string): Promise<void> {
  await runBatch(db, [
    db.delete(tokens).where(eq(tokens.tenantId, tenantId)),
    db.delete(tenantNamespaces).where(eq(tenantNamespaces.tenantId, tenantId)),
    db.delete(tenantRbac).where(eq(tenantRbac.tenantId, tenantId)),
    db.delete(auditEvents).where(eq(auditEvents.tenantId, tenantId)),
    db.delete(exerciseGrades).where(eq(exerciseGrades.tenantId, tenantId)),
    db.delete(tenants).where(eq(tenants.id, tenantId)),
  ]);
}

/** Remove a classroom row and its exercise assignments (its tenants must be gone first). */
export async function deleteClassroomRow(db: ControlDb, classroomId: string): Promise<void> {
  await runBatch(db, [db.delete(exerciseAssignments).where(eq(exerciseAssignments.classroomId, classroomId)), db.delete(classrooms).where(eq(classrooms.id, classroomId))]);
}
