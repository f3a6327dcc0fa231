/** The admin API's request bodies and query parameters (zod), and the names they accept. */
import { z } from 'zod';

/** A DNS label (RFC 1123) of at most `max` characters: classroom and student names. */
const dnsLabel = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must consist of lower case alphanumeric characters or "-", and must start and end with an alphanumeric character');

/** A classroom name (it names the classroom in every URL of the admin API). */
export const classroomName = dnsLabel(63);
/** A student name (part of the tenant id, which must stay a DNS label). */
export const studentName = dnsLabel(40);

/** A tenant's cluster settings, as the Durable Object's `configure` takes them. */
export const tenantSettings = z
  .object({
    nodes: z
      .object({
        count: z.number().int().min(1).max(50).optional(),
        cpu: z.string().regex(/^\d+(\.\d+)?m?$/).optional(),
        memory: z.string().regex(/^\d+(\.\d+)?([EPTGMK]i?|[mk])?$/).optional(),
        pods: z.number().int().min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
    profile: z.enum(['realistic', 'fast']).optional(),
    limits: z
      .object({
        objects: z.number().int().min(1).optional(),
        requestsPerSecond: z.number().positive().optional(),
        watches: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    access: z
      .object({ role: z.enum(['admin', 'edit', 'view']), namespace: dnsLabel(63).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** Lifetime of issued student tokens, seconds (one hour to one year). */
const ttlSeconds = z.number().int().min(3600).max(366 * 86400).optional();

/** A student: a name, or a name with settings of its own (over the classroom's). */
const student = z.union([studentName, z.object({ name: studentName, settings: tenantSettings.optional() }).strict()]);

/** POST /classrooms */
export const createClassroomBody = z
  .object({
    name: classroomName,
    students: z.array(student).max(1000).default([]),
    settings: tenantSettings.default({}),
    ttlSeconds,
  })
  .strict();

/** POST /classrooms/:name/students */
export const addStudentsBody = z.object({ students: z.array(student).min(1).max(1000), ttlSeconds }).strict();

/** POST …/kubeconfig */
export const kubeconfigBody = z.object({ ttlSeconds }).strict();

/** POST …/revoke: one token by jti, or (no jti) every token issued so far. */
export const revokeBody = z.object({ jti: z.string().min(1).max(200).optional() }).strict();

/** POST …/reset */
export const resetBody = z.object({ revokeTokens: z.boolean().optional(), keepGrades: z.boolean().optional() }).strict();

/** A time in a query: RFC 3339 or epoch milliseconds; undefined when absent. */
export const timeParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: `not a time: ${v}` });
      return z.NEVER;
    }
    return ms;
  });

/** GET …/audit query. */
export const auditQuery = z.object({
  student: studentName.optional(),
  since: timeParam,
  until: timeParam,
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  /** `desc`: newest first (the dashboard's timeline); `asc` (default): oldest first. */
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Only the records of this user (e.g. `student:alice`, leaving out an instructor's reads). */
  user: z.string().min(1).max(256).optional(),
  /** The `continue` token of the previous page. */
  continue: z.string().max(500).optional(),
});

/** POST …/view-token: how long the read-only token lives (one minute to one day; one hour by default). */
export const viewTokenBody = z.object({ ttlSeconds: z.number().int().min(60).max(86400).optional() }).strict();

/** A student entry as given, normalised. */
export type StudentInput = z.infer<typeof student>;

/** The name and own settings of a student entry. */
export function studentEntry(s: StudentInput): { name: string; settings?: z.infer<typeof tenantSettings> } {
  return typeof s === 'string' ? { name: s } : s;
}
