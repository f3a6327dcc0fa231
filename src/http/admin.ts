/**
 * The classroom API, `/admin/v1/…`, for instructors and the `kubeplay` CLI. Every request
 * carries an admin token (a JWT whose audience is the platform, `kubeplay-admin`). Answers are
 * JSON; errors are `{ "code": …, "message": … }`.
 */
import { Hono } from 'hono';
import type { Env } from '../env';
import { ADMIN_AUDIENCE } from '../auth/issue';
import { TokenError, verifyAdminToken } from '../auth/tokens';
import { controlDb } from '../control-plane/db';
import { classroomByName, classroomTenants, deleteClassroomRow, insertClassroom, listClassrooms, tenantOf, type ClassroomRow } from '../control-plane/classrooms';
import { decodeCursor, queryAudit } from '../control-plane/audit-query';
import { addStudentsBody, auditQuery, classroomName, createClassroomBody, kubeconfigBody, resetBody, revokeBody, studentEntry, studentName, viewTokenBody } from './admin/bodies';
import { issueViewToken } from './admin/view-token';
import { AdminError, errorJson, onAdminError } from './admin/errors';
import { mapSettled } from './admin/pool';
import { issueKubeconfig, PROVISION_CONCURRENCY, provisionStudents, randomSuffix, signingJwk, type AdminCtx } from './admin/provision';
import { tenantControl } from './admin/tenant-control';
import { refreshStats, removeTenant, resetTenant, revokeTokens, tenantView } from './admin/operations';
import { exerciseRoutes, pushClassroomExercises } from './admin/exercises';

type AdminEnv = { Bindings: Env; Variables: { ctx: AdminCtx; admin: string } };

/** The admin API (mounted at `/admin/v1`). */
export const admin = new Hono<AdminEnv>();

admin.onError(onAdminError);
admin.notFound((c) => errorJson(c, 404, `no such admin API route: ${c.req.method} ${c.req.path}`));

/** Authenticate an instructor: a bearer admin token, else 401. */
admin.use('*', async (c, next) => {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!m) return errorJson(c, 401, 'Unauthorized: an admin bearer token is required');
  try {
    const claims = await verifyAdminToken(m[1], ADMIN_AUDIENCE, c.env.JWKS, c.env.ISSUER);
    c.set('admin', claims.subject);
  } catch (e) {
    if (e instanceof TokenError) return errorJson(c, 401, 'Unauthorized');
    throw e;
  }
  const url = new URL(c.req.url);
  c.set('ctx', { env: c.env, db: controlDb(c.env.DB), origin: `${url.protocol}//${url.host}` });
  return next();
});

/** The classroom named in the path, or 404. */
async function classroomOf(ctx: AdminCtx, name: string): Promise<ClassroomRow> {
  const room = classroomName.safeParse(name).success ? await classroomByName(ctx.db, name) : undefined;
  if (!room) throw new AdminError(404, `classroom "${name}" not found`);
  return room;
}

/** The tenant of a student of a classroom, or 404. */
async function studentOf(ctx: AdminCtx, room: ClassroomRow, student: string) {
  const t = studentName.safeParse(student).success ? await tenantOf(ctx.db, room.id, student) : undefined;
  if (!t) throw new AdminError(404, `student "${student}" not found in classroom "${room.name}"`);
  return t;
}

/** The classroom as answered: its name, id, settings and creation time. */
const roomView = (r: ClassroomRow) => ({ name: r.name, id: r.id, settings: JSON.parse(r.settings), createdAt: new Date(r.createdAt).toISOString() });

/** Names given more than once in a list. */
function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(names.filter((n) => seen.has(n) || !seen.add(n)))];
}

// Create a classroom with its students: one cluster and one kubeconfig each.
admin.post('/classrooms', async (c) => {
  const ctx = c.get('ctx');
  const body = createClassroomBody.parse(await jsonOrEmpty(c.req.raw));
  const students = body.students.map(studentEntry);
  const dup = duplicates(students.map((s) => s.name));
  if (dup.length) throw new AdminError(400, `students named more than once: ${dup.join(', ')}`);
  signingJwk(ctx.env);
  if (await classroomByName(ctx.db, body.name)) throw new AdminError(409, `classroom "${body.name}" already exists`);
  const room: ClassroomRow = { id: randomSuffix(12), name: body.name, settings: JSON.stringify(body.settings), createdAt: Date.now() };
  try {
    await insertClassroom(ctx.db, room);
  } catch (e) {
    if (/UNIQUE/i.test(String(e))) throw new AdminError(409, `classroom "${body.name}" already exists`);
    throw e;
  }
  const results = await provisionStudents(ctx, room, students, body.ttlSeconds);
  return c.json({ classroom: roomView(room), students: results }, 201);
});

admin.get('/classrooms', async (c) => {
  const rows = await listClassrooms(c.get('ctx').db);
  return c.json({ items: rows.map((r) => ({ ...roomView(r), students: Number(r.students) })) });
});

// A classroom with its tenants and their state (fresh from each Durable Object unless ?stats=false).
admin.get('/classrooms/:name', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const rows = await classroomTenants(ctx.db, room.id);
  const live = c.req.query('stats') !== 'false';
  const stats = live ? await mapSettled(rows, PROVISION_CONCURRENCY, (t) => refreshStats(ctx, t)) : [];
  const students = rows.map((t, i) => {
    const s = stats[i];
    return tenantView(ctx.origin, t, s?.status === 'fulfilled' ? s.value : undefined);
  });
  return c.json({ classroom: roomView(room), students });
});

// Delete a classroom: every cluster wiped, every row removed.
admin.delete('/classrooms/:name', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const rows = await classroomTenants(ctx.db, room.id);
  const outcomes = await mapSettled(rows, PROVISION_CONCURRENCY, (t) => removeTenant(ctx, t));
  const failed = rows.filter((_, i) => outcomes[i].status === 'rejected').map((t) => t.student);
  if (failed.length) throw new AdminError(502, `classroom "${room.name}" not deleted: the clusters of ${failed.join(', ')} could not be wiped; try again`);
  await deleteClassroomRow(ctx.db, room.id);
  return c.json({ deleted: room.name, students: rows.length });
});

// Add students to a classroom.
admin.post('/classrooms/:name/students', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const body = addStudentsBody.parse(await jsonOrEmpty(c.req.raw));
  const students = body.students.map(studentEntry);
  const dup = duplicates(students.map((s) => s.name));
  if (dup.length) throw new AdminError(400, `students named more than once: ${dup.join(', ')}`);
  const existing = new Set((await classroomTenants(ctx.db, room.id)).map((t) => t.student));
  const clash = students.filter((s) => existing.has(s.name)).map((s) => s.name);
  if (clash.length) throw new AdminError(409, `already in classroom "${room.name}": ${clash.join(', ')}`);
  const results = await provisionStudents(ctx, room, students, body.ttlSeconds);
  // Exercises assigned to the whole classroom reach the students who join it later too.
  const added = (await classroomTenants(ctx.db, room.id)).filter((t) => results.some((r) => r.tenant === t.id && r.state === 'active'));
  await pushClassroomExercises(ctx, room, added);
  return c.json({ classroom: roomView(room), students: results }, 201);
});

admin.get('/classrooms/:name/students/:student', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const t = await studentOf(ctx, room, c.req.param('student'));
  return c.json(tenantView(ctx.origin, t, await refreshStats(ctx, t)));
});

// Remove a student: the cluster wiped, the rows removed.
admin.delete('/classrooms/:name/students/:student', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const t = await studentOf(ctx, room, c.req.param('student'));
  await removeTenant(ctx, t);
  return c.json({ deleted: t.student, tenant: t.id });
});

// A fresh kubeconfig for a student (a new token; earlier ones stay valid until revoked).
admin.post('/classrooms/:name/students/:student/kubeconfig', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const t = await studentOf(ctx, room, c.req.param('student'));
  const body = kubeconfigBody.parse(await jsonOrEmpty(c.req.raw));
  return c.json(await issueKubeconfig(ctx, room, t, body.ttlSeconds), 201);
});

// A short-lived read-only token for a student's cluster (the ClusterRole view), for the instructor.
admin.post('/classrooms/:name/students/:student/view-token', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const t = await studentOf(ctx, room, c.req.param('student'));
  const body = viewTokenBody.parse(await jsonOrEmpty(c.req.raw));
  return c.json(await issueViewToken(ctx, t, c.get('admin'), body.ttlSeconds), 201);
});

admin.post('/classrooms/:name/students/:student/reset', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const t = await studentOf(ctx, room, c.req.param('student'));
  const body = resetBody.parse(await jsonOrEmpty(c.req.raw));
  const r = await resetTenant(ctx, t, body.revokeTokens, body.keepGrades);
  return c.json({ reset: t.student, tenant: t.id, tokensNotBefore: r.notBefore, keptGrades: body.keepGrades === true });
});

admin.post('/classrooms/:name/students/:student/revoke', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const t = await studentOf(ctx, room, c.req.param('student'));
  const body = revokeBody.parse(await jsonOrEmpty(c.req.raw));
  return c.json({ student: t.student, tenant: t.id, ...(await revokeTokens(ctx, t, body.jti)) });
});

// Audit records of a classroom, by student and time (oldest first, or newest first with
// order=desc), in pages: `metadata.continue` names the next one, as a Kubernetes list does.
admin.get('/classrooms/:name/audit', async (c) => {
  const ctx = c.get('ctx');
  const room = await classroomOf(ctx, c.req.param('name'));
  const q = auditQuery.parse(c.req.query());
  // The tenants' outboxes are delivered first, so the answer holds every request made so far.
  const tenants = q.student ? [await studentOf(ctx, room, q.student)] : await classroomTenants(ctx.db, room.id);
  await mapSettled(tenants, PROVISION_CONCURRENCY, (t) => tenantControl(ctx.env, t.id).flushOutbox());
  const { continue: token, ...rest } = q;
  const after = token ? decodeCursor(token) : undefined;
  if (token && !after) throw new AdminError(400, 'invalid request: continue: not a continue token of this API');
  const page = await queryAudit(ctx.db, { classroomId: room.id, ...rest, after });
  return c.json({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: page.continue ? { continue: page.continue } : {}, items: page.items });
});

// Exercises: assign, list, withdraw, and the gradebook (src/http/admin/exercises.ts).
exerciseRoutes(admin);

/** The JSON body of a request, `{}` when it has none. */
async function jsonOrEmpty(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminError(400, 'invalid request: the body is not JSON');
  }
}
