/**
 * The exercises of a tenant cluster, beside the Exercise objects themselves: which documents the
 * instructor assigned (kept across a reset), the student's requests that command checks look
 * for, the attempts made at each exercise, and the grade rows the outbox carries to D1. One per
 * Durable Object instance, its state in SQLite; the exercise controller evaluates the checks.
 */
import type { KubeObject } from '../apiserver/types';
import type { AuditRow } from '../control-plane/sink';
import { timestamp, jsonEqual } from '../apiserver/registry/meta';
import type { Change, ObjectStore, WriteOp } from './storage';
import type { Outbox } from './outbox';
import type { CommandUse } from '../exercises/checks';
import type { Exercise } from '../exercises/schema';
import type { ExerciseStatus } from '../exercises/evaluate';
import { auditKey } from '../exercises/resources';
import { EXERCISES, ExerciseIndex, commandKey, exerciseOf, reads } from '../controllers/exercise/compiled';

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** What D1's exercise_grades holds of one exercise of one tenant. */
export interface GradeRow {
  exercise: string;
  chapter: string;
  state: string;
  score: number;
  maxScore: number;
  bestScore: number;
  attempts: number;
  completedAt: string | null;
  checks: { id: string; points: number; passed: boolean; firstPassedAt: string | null }[];
  deleted: boolean;
  at: number;
}

export class Exercises {
  readonly index = new ExerciseIndex();
  private commandCache?: CommandUse[];
  /** Exercises whose attempts changed since their last grade row. */
  private attemptsDirty = new Set<string>();

  constructor(
    private readonly sql: SqlStorage,
    private readonly outbox: Outbox,
  ) {}

  /** Create the tables. Idempotent. */
  init(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS exercise_assignments (name TEXT PRIMARY KEY, spec TEXT NOT NULL, labels TEXT NOT NULL)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS exercise_commands (verb TEXT NOT NULL, resource TEXT NOT NULL, subresource TEXT NOT NULL, first_at INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (verb, resource, subresource))');
    this.sql.exec('CREATE TABLE IF NOT EXISTS exercise_attempts (name TEXT PRIMARY KEY, attempts INTEGER NOT NULL)');
    this.commandCache = undefined;
    this.attemptsDirty.clear();
  }

  /** The requests recorded for command checks. */
  commands(): CommandUse[] {
    this.commandCache ??= this.sql
      .exec<{ verb: string; resource: string; subresource: string; first_at: number; count: number }>('SELECT verb, resource, subresource, first_at, count FROM exercise_commands')
      .toArray()
      .map((r) => ({ verb: r.verb, resource: r.resource, subresource: r.subresource, firstAt: r.first_at, count: r.count }));
    return this.commandCache;
  }

  /**
   * The writes that assign `docs` (validated documents): a new Exercise object each, or the
   * stored one with the new spec (its status and progress kept); unchanged ones are skipped.
   */
  assignOps(store: ObjectStore, docs: Exercise[], language: 'en' | 'fr', now: Date): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const doc of docs) {
      const old = store.get(EXERCISES, '', doc.metadata.name);
      const spec = { ...structuredClone(doc.spec), language };
      const labels = { ...doc.metadata.labels, 'kubeplay.dev/chapter': doc.spec.chapter };
      if (old && jsonEqual(old.spec, spec) && jsonEqual(old.metadata.labels ?? {}, labels)) continue;
      const obj: KubeObject = {
        apiVersion: 'kubeplay.dev/v1',
        kind: 'Exercise',
        metadata: {
          name: doc.metadata.name,
          uid: old?.metadata.uid ?? crypto.randomUUID(),
          creationTimestamp: old?.metadata.creationTimestamp ?? timestamp(now),
          generation: old ? (old.metadata.generation ?? 1) + (jsonEqual(old.spec, spec) ? 0 : 1) : 1,
          labels,
        },
        spec,
        ...(old?.status ? { status: old.status } : {}),
      };
      ops.push({ op: 'put', resource: EXERCISES, object: obj });
    }
    return ops;
  }

  /** The writes that remove exercises (those not assigned are ignored). */
  unassignOps(store: ObjectStore, names: string[]): WriteOp[] {
    return names.flatMap((n) => {
      const o = store.get(EXERCISES, '', n);
      return o ? [{ op: 'delete' as const, resource: EXERCISES, object: o }] : [];
    });
  }

  /** The store's commit hook, inside the transaction: assignments kept, grade rows to the outbox. */
  onCommit(changes: Change[], now: number): void {
    for (const c of changes) {
      if (c.resource !== EXERCISES) continue;
      if (c.type === 'DELETED') {
        this.sql.exec('DELETE FROM exercise_assignments WHERE name = ?', c.name);
        this.sql.exec('DELETE FROM exercise_attempts WHERE name = ?', c.name);
        this.outbox.recordGrade({ ...this.gradeOf(c.object), deleted: true }, now);
        continue;
      }
      if (c.type === 'ADDED' || c.old?.metadata.generation !== c.object.metadata.generation) {
        this.sql.exec(
          'INSERT INTO exercise_assignments (name, spec, labels) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, labels = excluded.labels',
          c.name, JSON.stringify(c.object.spec), JSON.stringify(c.object.metadata.labels ?? {}),
        );
      }
      if (c.type === 'ADDED' || !jsonEqual(c.old?.status ?? {}, c.object.status ?? {})) {
        this.outbox.recordGrade(this.gradeOf(c.object), now);
        this.attemptsDirty.delete(c.name);
      }
    }
  }

  private attemptsOf(name: string): number {
    return this.sql.exec<{ attempts: number }>('SELECT attempts FROM exercise_attempts WHERE name = ?', name).toArray()[0]?.attempts ?? 0;
  }

  /** The grade row of an Exercise object. */
  gradeOf(obj: KubeObject): GradeRow {
    const s = (obj.status ?? {}) as Partial<ExerciseStatus>;
    const spec = obj.spec ?? {};
    return {
      exercise: obj.metadata.name!,
      chapter: String(spec.chapter ?? ''),
      state: s.state ?? 'NotStarted',
      score: s.score ?? 0,
      maxScore: s.maxScore ?? (spec.checks ?? []).reduce((n: number, c: { points?: number }) => n + (c.points ?? 1), 0),
      bestScore: s.bestScore ?? 0,
      attempts: this.attemptsOf(obj.metadata.name!),
      completedAt: s.completedAt ?? null,
      checks: (spec.checks ?? []).map((c: { id: string; points?: number }) => {
        const st = s.checks?.find((x) => x.id === c.id);
        return { id: c.id, points: c.points ?? 1, passed: st?.passed ?? false, firstPassedAt: st?.firstPassedAt ?? null };
      }),
      deleted: false,
      at: Date.now(),
    };
  }

  /**
   * A request the cluster answered: recorded when a command check looks for it, and counted as
   * an attempt at each unfinished exercise whose checks read what it wrote. Returns the
   * exercises to evaluate again (those with command checks that now see one more request).
   */
  onRequest(row: AuditRow, store: ObjectStore, now: number): string[] {
    if (row.code >= 400 || !row.resource) return [];
    const all = this.index.all(store);
    if (!all.length) return [];
    const res = auditKey(row.apiGroup, row.resource)!;
    const ck = commandKey(row.verb, res, row.subresource ?? '');
    const recheck = all.filter(({ c }) => c.commands.has(ck)).map(({ obj }) => obj.metadata.name!);
    if (recheck.length) {
      this.sql.exec(
        'INSERT INTO exercise_commands (verb, resource, subresource, first_at, count) VALUES (?, ?, ?, ?, 1) ON CONFLICT(verb, resource, subresource) DO UPDATE SET count = count + 1',
        row.verb, res, row.subresource ?? '', now,
      );
      this.commandCache = undefined;
    }
    if (WRITE_VERBS.has(row.verb)) {
      const tried = all.filter(({ obj, c }) => !obj.status?.completedAt && (reads(c, res, row.namespace ?? '') || c.commands.has(ck))).map(({ obj }) => obj.metadata.name!);
      for (const n of tried) {
        this.sql.exec('INSERT INTO exercise_attempts (name, attempts) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET attempts = attempts + 1', n);
        this.attemptsDirty.add(n);
      }
    }
    return recheck;
  }

  /** Grade rows for the exercises whose attempts changed since their last one (before a flush). */
  recordAttempts(store: ObjectStore, now: number): void {
    for (const n of this.attemptsDirty) {
      const o = store.get(EXERCISES, '', n);
      if (o) this.outbox.recordGrade(this.gradeOf(o), now);
    }
    this.attemptsDirty.clear();
  }

  /** The statuses of the stored exercises (kept over a reset with --keep-grades). */
  statuses(store: ObjectStore): Map<string, unknown> {
    return new Map(store.list(EXERCISES).filter((e) => e.obj.status).map((e) => [e.obj.metadata.name!, e.obj.status]));
  }

  /** After a wipe: progress forgotten unless grades are kept. */
  forgetProgress(): void {
    this.sql.exec('DELETE FROM exercise_commands');
    this.sql.exec('DELETE FROM exercise_attempts');
    this.commandCache = undefined;
    this.attemptsDirty.clear();
  }

  /** The writes that bring the assigned exercises back after a wipe, with `statuses` if given. */
  restoreOps(now: Date, statuses?: Map<string, unknown>): WriteOp[] {
    const rows = this.sql.exec<{ name: string; spec: string; labels: string }>('SELECT name, spec, labels FROM exercise_assignments ORDER BY name').toArray();
    return rows.map((r) => {
      const obj: KubeObject = {
        apiVersion: 'kubeplay.dev/v1',
        kind: 'Exercise',
        metadata: { name: r.name, uid: crypto.randomUUID(), creationTimestamp: timestamp(now), generation: 1, labels: JSON.parse(r.labels) },
        spec: JSON.parse(r.spec),
      };
      const st = statuses?.get(r.name);
      if (st) obj.status = st as Record<string, unknown>;
      // The stored spec must still be a valid document (it was when assigned).
      exerciseOf(obj);
      return { op: 'put' as const, resource: EXERCISES, object: obj };
    });
  }
}
