/**
 * The admin API's exercise routes: assign exercises to a classroom or to some of its students
 * (each document validated, recorded in D1, pushed into each tenant's Durable Object), list and
 * withdraw them, and the classroom's gradebook (each tenant's outbox delivered first).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../../env';
import { classroomByName, classroomTenants, type ClassroomRow, type TenantRow } from '../../control-plane/classrooms';
import { classroomAssignments, classroomGrades, deleteAssignments, upsertAssignments } from '../../control-plane/grades';
import { ExerciseError, parseExercise, type Exercise } from '../../exercises/schema';
import { classroomName, studentName } from './bodies';
import { AdminError } from './errors';
import { mapSettled } from './pool';
import { PROVISION_CONCURRENCY, type AdminCtx } from './provision';
import { tenantControl } from './tenant-control';
import { gradebook } from './gradebook';

type AdminEnv = { Bindings: Env; Variables: { ctx: AdminCtx; admin: string } };

/** POST …/exercises: documents (YAML text or objects), to every student or some. */
export const assignBody = z
  .object({
    documents: z.array(z.union([z.string().max(200_000), z.record(z.string(), z.unknown())])).min(1).max(50),
    students: z.array(studentName).min(1).optional(),
    language: z.enum(['en', 'fr']).default('en'),
  })
  .strict();

async function roomOf(ctx: AdminCtx, name: string): Promise<ClassroomRow> {
  const room = classroomName.safeParse(name).success ? await classroomByName(ctx.db, name) : undefined;
  if (!room) throw new AdminError(404, `classroom "${name}" not found`);
  return room;
}

/** Validate documents; a 400 naming every problem of every invalid one. */
function validDocuments(documents: unknown[]): Exercise[] {
  const problems: string[] = [];
  const docs: Exercise[] = [];
  documents.forEach((d, i) => {
    try {
      docs.push(parseExercise(d));
    } catch (e) {
      if (!(e instanceof ExerciseError)) throw e;
      problems.push(`documents[${i}]: ${e.message}`);
    }
  });
  if (problems.length) throw new AdminError(400, problems.join('\n'));
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.metadata.name)) throw new AdminError(400, `exercise "${d.metadata.name}" given more than once`);
    seen.add(d.metadata.name);
  }
  return docs;
}

/** Push exercises into tenants' Durable Objects; the students whose push failed, with why. */
export async function pushExercises(ctx: AdminCtx, tenants: TenantRow[], docs: Exercise[], language: 'en' | 'fr'): Promise<{ student: string; error?: string }[]> {
  const outcomes = await mapSettled(tenants, PROVISION_CONCURRENCY, (t) => tenantControl(ctx.env, t.id).assignExercises(docs, { language }));
  return tenants.map((t, i) => {
    const o = outcomes[i];
    return o.status === 'fulfilled' ? { student: t.student ?? t.id } : { student: t.student ?? t.id, error: o.reason instanceof Error ? o.reason.message : String(o.reason) };
  });
}

/** The classroom-wide assignments pushed into new students' clusters (students added later). */
export async function pushClassroomExercises(ctx: AdminCtx, room: ClassroomRow, tenants: TenantRow[]): Promise<void> {
  const rows = (await classroomAssignments(ctx.db, room.id)).filter((a) => a.student === '');
  for (const language of ['en', 'fr'] as const) {
    const docs = rows.filter((a) => a.language === language).map((a) => JSON.parse(a.document) as Exercise);
    if (docs.length) await pushExercises(ctx, tenants, docs, language);
  }
}

/** Mount the exercise routes on the admin app. */
export function exerciseRoutes(admin: Hono<AdminEnv>): void {
  admin.post('/classrooms/:name/exercises', async (c) => {
    const ctx = c.get('ctx');
    const room = await roomOf(ctx, c.req.param('name'));
    const body = assignBody.parse(await c.req.json().catch(() => {
      throw new AdminError(400, 'invalid request: the body is not JSON');
    }));
    const docs = validDocuments(body.documents);
    const all = await classroomTenants(ctx.db, room.id);
    let targets = all;
    if (body.students) {
      const missing = body.students.filter((s) => !all.some((t) => t.student === s));
      if (missing.length) throw new AdminError(404, `not in classroom "${room.name}": ${missing.join(', ')}`);
      targets = all.filter((t) => body.students!.includes(t.student ?? ''));
    }
    const now = Date.now();
    await upsertAssignments(
      ctx.db,
      docs.flatMap((d) => (body.students ?? ['']).map((student) => ({ classroomId: room.id, exercise: d.metadata.name, student, document: JSON.stringify(d), language: body.language, assignedAt: now }))),
    );
    const pushed = await pushExercises(ctx, targets, docs, body.language);
    return c.json({ classroom: room.name, exercises: docs.map((d) => d.metadata.name), students: pushed }, 201);
  });

  admin.get('/classrooms/:name/exercises', async (c) => {
    const ctx = c.get('ctx');
    const room = await roomOf(ctx, c.req.param('name'));
    const rows = await classroomAssignments(ctx.db, room.id);
    const items = rows.map((a) => {
      const d = JSON.parse(a.document) as Exercise;
      return { exercise: a.exercise, chapter: d.spec.chapter, title: d.spec.title, points: d.spec.checks.reduce((n, x) => n + x.points, 0), checks: d.spec.checks.length, student: a.student || '*', language: a.language, assignedAt: new Date(a.assignedAt).toISOString() };
    });
    return c.json({ classroom: room.name, items });
  });

  admin.delete('/classrooms/:name/exercises/:exercise', async (c) => {
    const ctx = c.get('ctx');
    const room = await roomOf(ctx, c.req.param('name'));
    const exercise = c.req.param('exercise');
    const student = c.req.query('student');
    const all = await classroomTenants(ctx.db, room.id);
    const targets = student ? all.filter((t) => t.student === student) : all;
    if (student && !targets.length) throw new AdminError(404, `student "${student}" not found in classroom "${room.name}"`);
    await deleteAssignments(ctx.db, room.id, exercise, student);
    await mapSettled(targets, PROVISION_CONCURRENCY, (t) => tenantControl(ctx.env, t.id).unassignExercises([exercise]));
    return c.json({ classroom: room.name, withdrawn: exercise, students: targets.length });
  });

  // The gradebook: the tenants' outboxes are delivered first, so it shows every grade so far.
  admin.get('/classrooms/:name/grades', async (c) => {
    const ctx = c.get('ctx');
    const room = await roomOf(ctx, c.req.param('name'));
    const student = c.req.query('student');
    let tenants = await classroomTenants(ctx.db, room.id);
    if (student) {
      tenants = tenants.filter((t) => t.student === student);
      if (!tenants.length) throw new AdminError(404, `student "${student}" not found in classroom "${room.name}"`);
    }
    await mapSettled(tenants, PROVISION_CONCURRENCY, (t) => tenantControl(ctx.env, t.id).flushOutbox());
    const [assignments, grades] = await Promise.all([classroomAssignments(ctx.db, room.id), classroomGrades(ctx.db, room.id, student ? tenants.map((t) => t.id) : undefined)]);
    return c.json({ classroom: room.name, ...gradebook(tenants, assignments, grades) });
  });
}
