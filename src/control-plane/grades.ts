/**
 * Queries of exercise assignments and grades. Assignments are keyed by classroom (and student,
 * empty for the whole classroom); grades by tenant, as each tenant's outbox delivers them.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { exerciseAssignments, exerciseGrades, tenants } from './schema';
import { chunks, runBatch, type ControlDb } from './db';

/** An assignment row. */
export type AssignmentRow = typeof exerciseAssignments.$inferSelect;
/** A grade row with its student. */
export type GradeRecord = typeof exerciseGrades.$inferSelect & { student: string | null };

/** Record assignments (a new document for the same exercise and student replaces the old one). */
export async function upsertAssignments(db: ControlDb, rows: AssignmentRow[]): Promise<void> {
  await runBatch(
    db,
    chunks(rows, 10).map((c) =>
      db
        .insert(exerciseAssignments)
        .values(c)
        .onConflictDoUpdate({ target: [exerciseAssignments.classroomId, exerciseAssignments.exercise, exerciseAssignments.student], set: { document: sqlExcluded('document'), language: sqlExcluded('language'), assignedAt: sqlExcluded('assigned_at') } }),
    ),
  );
}

/** The value a conflicting insert proposed for a column (SQLite's `excluded.col`). */
const sqlExcluded = (col: string) => sql.raw(`excluded.${col}`);

/** The assignments of a classroom, by exercise then student. */
export async function classroomAssignments(db: ControlDb, classroomId: string): Promise<AssignmentRow[]> {
  return db.select().from(exerciseAssignments).where(eq(exerciseAssignments.classroomId, classroomId)).orderBy(asc(exerciseAssignments.exercise), asc(exerciseAssignments.student));
}

/** Remove an exercise's assignments (to one student, or every one of the classroom). */
export async function deleteAssignments(db: ControlDb, classroomId: string, exercise: string, student?: string): Promise<void> {
  const where = student === undefined ? and(eq(exerciseAssignments.classroomId, classroomId), eq(exerciseAssignments.exercise, exercise)) : and(eq(exerciseAssignments.classroomId, classroomId), eq(exerciseAssignments.exercise, exercise), eq(exerciseAssignments.student, student));
  await db.delete(exerciseAssignments).where(where);
}

/** The grades of a classroom's tenants (optionally some of them), with each tenant's student. */
export async function classroomGrades(db: ControlDb, classroomId: string, tenantIds?: string[]): Promise<GradeRecord[]> {
  const base = db
    .select({
      tenantId: exerciseGrades.tenantId, exercise: exerciseGrades.exercise, chapter: exerciseGrades.chapter, state: exerciseGrades.state,
      score: exerciseGrades.score, maxScore: exerciseGrades.maxScore, bestScore: exerciseGrades.bestScore, attempts: exerciseGrades.attempts,
      completedAt: exerciseGrades.completedAt, checks: exerciseGrades.checks, updatedAt: exerciseGrades.updatedAt, student: tenants.student,
    })
    .from(exerciseGrades)
    .innerJoin(tenants, eq(tenants.id, exerciseGrades.tenantId));
  if (!tenantIds) return base.where(eq(tenants.classroomId, classroomId));
  const out: GradeRecord[] = [];
  for (const c of chunks(tenantIds, 90)) out.push(...(await base.where(and(eq(tenants.classroomId, classroomId), inArray(tenants.id, c)))));
  return out;
}
