/**
 * An exercise's status from the cluster's state: each check's result, message and hint, the
 * score, and the progress kept from one evaluation to the next (when each check first passed,
 * since when a `for` check has held, the best score, when the whole exercise first passed).
 * Pure: `evaluateExercise(ex, view, previous, now)` — the controller stores what it returns.
 */
import type { Exercise } from './schema';
import { maxScore } from './schema';
import { evaluateCheck, type ClusterView } from './checks';

/** One check as the status shows it (`kubectl describe exercise`). */
export interface CheckStatus {
  id: string;
  points: number;
  passed: boolean;
  /** What the check found, in a sentence. */
  message: string;
  description: string;
  /** Shown while the check fails. */
  hint?: string;
  /** Since when the condition of a `for` check has held (RFC 3339). */
  holdingSince?: string;
  firstPassedAt?: string;
}

/** The status of an Exercise object. */
export interface ExerciseStatus {
  /** NotStarted (no check passes), InProgress, or Passed (every check passes now). */
  state: 'NotStarted' | 'InProgress' | 'Passed';
  score: number;
  maxScore: number;
  bestScore: number;
  /** The first time every check passed at once. */
  completedAt?: string;
  checks: CheckStatus[];
}

/** What one evaluation gives: the status, and when to look again (a `for` check waiting). */
export interface Evaluation {
  status: ExerciseStatus;
  recheckAt?: number;
}

/** RFC 3339 in whole seconds, as Kubernetes writes times. */
export const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const DURATION_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration such as 30s. */
export function durationMs(d: string): number {
  return Number(d.slice(0, -1)) * DURATION_MS[d.slice(-1)];
}

/** Evaluate every check of `ex` at `now` (epoch ms), carrying on from the previous status. */
export function evaluateExercise(ex: Exercise, view: ClusterView, previous: Partial<ExerciseStatus> | undefined, now: number, language: 'en' | 'fr' = 'en'): Evaluation {
  const prior = new Map((previous?.checks ?? []).map((c) => [c.id, c]));
  let recheckAt: number | undefined;
  const checks = ex.spec.checks.map((c): CheckStatus => {
    const before = prior.get(c.id);
    const r = evaluateCheck(view, c, ex.spec.namespace);
    let passed = r.passed;
    let message = r.message;
    let holdingSince: string | undefined;
    if (c.for && r.passed) {
      const since = before?.holdingSince ? Date.parse(before.holdingSince) : Math.floor(now / 1000) * 1000;
      holdingSince = rfc3339(since);
      const due = since + durationMs(c.for);
      if (now < due) {
        passed = false;
        message = `${r.message}; it must hold for ${c.for} without a break`;
        recheckAt = Math.min(recheckAt ?? Infinity, due);
      } else {
        message = `${r.message}, for ${c.for}`;
      }
    }
    const out: CheckStatus = { id: c.id, points: c.points, passed, message, description: c.description[language] };
    if (!passed && c.hint) out.hint = c.hint[language];
    if (holdingSince) out.holdingSince = holdingSince;
    const first = before?.firstPassedAt ?? (passed ? rfc3339(now) : undefined);
    if (first) out.firstPassedAt = first;
    return out;
  });
  const score = checks.reduce((n, c) => n + (c.passed ? c.points : 0), 0);
  const all = checks.every((c) => c.passed);
  const status: ExerciseStatus = {
    state: all ? 'Passed' : checks.some((c) => c.passed) ? 'InProgress' : 'NotStarted',
    score,
    maxScore: maxScore(ex),
    bestScore: Math.max(score, previous?.bestScore ?? 0),
    checks,
  };
  const completedAt = previous?.completedAt ?? (all ? rfc3339(now) : undefined);
  if (completedAt) status.completedAt = completedAt;
  return { status, ...(recheckAt !== undefined ? { recheckAt } : {}) };
}
