/**
 * The exercise document (apiVersion kubeplay.dev/v1, kind Exercise): a title and a statement in
 * French and English, the course chapter, and checks over the cluster's state, each worth some
 * points, with a hint. Documents are data only — no code — and are validated with zod; every
 * mistake is reported with its path (`spec.checks[1].exists.where[0]: …`).
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { parsePath, PathError } from './paths';
import { SelectorError, parseLabelSelector } from '../apiserver/selectors/labels';
import { resolveResource } from './resources';

export const EXERCISE_API_VERSION = 'kubeplay.dev/v1';

/** Text in both languages of the course. */
const text = z.object({ en: z.string().min(1), fr: z.string().min(1) }).strict();

const dnsLabel = z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS label (lower case alphanumeric characters or "-")');

/** A duration: 30s, 2m, 1h. */
const duration = z.string().regex(/^\d+(s|m|h)$/, 'must be a duration such as 30s, 2m or 1h');

/** A number of objects or values: exactly N, or bounds. */
const countSpec = z.union([z.number().int().min(0), z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict()]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const path = z.string().superRefine((p, ctx) => {
  try {
    parsePath(p);
  } catch (e) {
    if (e instanceof PathError) ctx.addIssue({ code: 'custom', message: e.message });
    else throw e;
  }
});

const OPERATORS = ['equals', 'notEquals', 'in', 'matches', 'gt', 'gte', 'lt', 'lte', 'exists', 'contains', 'count'] as const;

/** One field predicate: a path and exactly one operator. */
const predicate = z
  .object({
    path,
    equals: scalar.optional(),
    notEquals: scalar.optional(),
    in: z.array(scalar).min(1).optional(),
    matches: z.string().optional(),
    gt: z.union([z.number(), z.string()]).optional(),
    gte: z.union([z.number(), z.string()]).optional(),
    lt: z.union([z.number(), z.string()]).optional(),
    lte: z.union([z.number(), z.string()]).optional(),
    exists: z.boolean().optional(),
    contains: scalar.optional(),
    count: countSpec.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ops = OPERATORS.filter((o) => p[o] !== undefined);
    if (ops.length !== 1) ctx.addIssue({ code: 'custom', message: `a predicate has exactly one of ${OPERATORS.join(', ')} (found ${ops.length ? ops.join(', ') : 'none'})` });
    if (p.matches !== undefined) {
      try {
        new RegExp(p.matches);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['matches'], message: `not a regular expression: ${(e as Error).message}` });
      }
    }
  });

const resourceOf = (served: boolean) =>
  z.string().superRefine((r, ctx) => {
    const found = resolveResource(r, served);
    if (typeof found !== 'string') ctx.addIssue({ code: 'custom', message: found.error });
  });
/** A stored resource (what object checks read). */
const resource = resourceOf(false);

const selector = z.string().superRefine((s, ctx) => {
  try {
    parseLabelSelector(s);
  } catch (e) {
    if (e instanceof SelectorError) ctx.addIssue({ code: 'custom', message: `invalid label selector: ${e.message}` });
    else throw e;
  }
});

/** Which objects a check looks at, and what they must be like. */
const selection = z
  .object({
    resource,
    /** Defaults to the exercise's namespace; `*` for every namespace; ignored for cluster-scoped kinds. */
    namespace: z.union([dnsLabel, z.literal('*')]).optional(),
    name: z.string().min(1).optional(),
    selector: selector.optional(),
    where: z.array(predicate).default([]),
    /** How many objects must match (exists: at least one by default). */
    count: countSpec.optional(),
  })
  .strict();

const regex = z.string().superRefine((s, ctx) => {
  try {
    new RegExp(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(e as Error).message}` });
  }
});

/** An Event was recorded (kubectl get events). */
const eventCheck = z
  .object({
    namespace: z.union([dnsLabel, z.literal('*')]).optional(),
    reason: z.string().min(1),
    type: z.enum(['Normal', 'Warning']).optional(),
    involvedObject: z.object({ kind: z.string().min(1).optional(), name: z.string().min(1).optional() }).strict().optional(),
    message: regex.optional(),
    count: countSpec.optional(),
  })
  .strict();

/** A Deployment went back to an earlier revision (kubectl rollout undo). */
const rolloutUndoneCheck = z.object({ namespace: dnsLabel.optional(), deployment: z.string().min(1) }).strict();

/** The student made a request (from the cluster's audit records). */
const commandCheck = z
  .object({
    verb: z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']),
    resource: resourceOf(true),
    subresource: z.string().min(1).optional(),
    count: countSpec.optional(),
  })
  .strict();

const CHECK_KINDS = ['exists', 'absent', 'event', 'rolloutUndone', 'command'] as const;

const check = z
  .object({
    id: dnsLabel,
    points: z.number().int().min(0).max(1000).default(1),
    description: text,
    hint: text.optional(),
    exists: selection.optional(),
    absent: selection.omit({ count: true }).optional(),
    event: eventCheck.optional(),
    rolloutUndone: rolloutUndoneCheck.optional(),
    command: commandCheck.optional(),
    /** The condition must hold this long without a break (exists and absent only). */
    for: duration.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const kinds = CHECK_KINDS.filter((k) => c[k] !== undefined);
    if (kinds.length !== 1) ctx.addIssue({ code: 'custom', message: `a check has exactly one of ${CHECK_KINDS.join(', ')} (found ${kinds.length ? kinds.join(', ') : 'none'})` });
    if (c.for && !c.exists && !c.absent) ctx.addIssue({ code: 'custom', path: ['for'], message: '"for" applies to exists and absent checks only' });
  });

/** The exercise document. */
export const exerciseSchema = z
  .object({
    apiVersion: z.literal(EXERCISE_API_VERSION, { message: `apiVersion must be ${EXERCISE_API_VERSION}` }),
    kind: z.literal('Exercise', { message: 'kind must be Exercise' }),
    metadata: z.object({ name: dnsLabel, labels: z.record(z.string(), z.string()).optional() }).strict(),
    spec: z
      .object({
        title: text,
        statement: text,
        chapter: dnsLabel,
        /** The namespace checks look in unless they name one. */
        namespace: dnsLabel.default('default'),
        checks: z.array(check).min(1).max(50),
      })
      .strict()
      .superRefine((s, ctx) => {
        const seen = new Set<string>();
        s.checks.forEach((c, i) => {
          if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate check id "${c.id}"` });
          seen.add(c.id);
        });
      }),
  })
  .strict();

export type Exercise = z.infer<typeof exerciseSchema>;
export type Check = Exercise['spec']['checks'][number];
export type Selection = z.infer<typeof selection>;
export type Predicate = z.infer<typeof predicate>;
export type CountSpec = z.infer<typeof countSpec>;
export type EventCheck = z.infer<typeof eventCheck>;
export type CommandCheck = z.infer<typeof commandCheck>;

/** An exercise document that does not validate: every problem, one per line, with its path. */
export class ExerciseError extends Error {
  constructor(readonly problems: string[], name?: string) {
    super(`invalid exercise${name ? ` "${name}"` : ''}: ${problems.join('; ')}`);
  }
}

function pathText(p: PropertyKey[]): string {
  let s = '';
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

/** Validate a document (parsed YAML/JSON, or YAML text); throws ExerciseError with every problem. */
export function parseExercise(input: unknown): Exercise {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = parseYaml(input, { maxAliasCount: 0 });
    } catch (e) {
      throw new ExerciseError([`not YAML: ${(e as Error).message.split('\n')[0]}`]);
    }
  }
  const r = exerciseSchema.safeParse(doc);
  if (r.success) return r.data;
  const name = (doc as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  throw new ExerciseError(
    r.error.issues.map((i) => (i.path.length ? `${pathText(i.path)}: ${i.message}` : i.message)),
    typeof name === 'string' ? name : undefined,
  );
}

/** Points of every check together. */
export function maxScore(ex: Exercise): number {
  return ex.spec.checks.reduce((n, c) => n + c.points, 0);
}
