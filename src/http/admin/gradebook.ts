/**
 * The gradebook of a classroom, built from its tenants, its assignments and the grades their
 * outboxes delivered: per student, each exercise assigned to them with its score (now and the
 * best reached), attempts, when it was completed and when each check first passed. Pure.
 */
import type { TenantRow } from '../../control-plane/classrooms';
import type { AssignmentRow, GradeRecord } from '../../control-plane/grades';
import type { Exercise } from '../../exercises/schema';
import { maxScore } from '../../exercises/schema';

/** One exercise of the gradebook's columns. */
export interface GradebookExercise {
  name: string;
  chapter: string;
  title: { en: string; fr: string };
  maxScore: number;
  checks: { id: string; points: number }[];
  /** `*` for the whole classroom, else the students it was assigned to. */
  assignedTo: string[] | '*';
}

/** One student's grade on one exercise. */
export interface StudentGrade {
  exercise: string;
  state: string;
  score: number;
  bestScore: number;
  maxScore: number;
  attempts: number;
  completedAt: string | null;
  checks: { id: string; points: number; passed: boolean; firstPassedAt: string | null }[];
}

/** One row of the gradebook. */
export interface GradebookRow {
  student: string;
  tenant: string;
  /** The best scores together, out of the points of the exercises assigned. */
  score: number;
  maxScore: number;
  completed: number;
  exercises: StudentGrade[];
}

/** The gradebook: the exercises assigned, and a row per student. */
export function gradebook(tenants: TenantRow[], assignments: AssignmentRow[], grades: GradeRecord[]): { exercises: GradebookExercise[]; students: GradebookRow[] } {
  const docs = new Map<string, Exercise>();
  const to = new Map<string, Set<string>>();
  for (const a of assignments) {
    if (!docs.has(a.exercise) || a.student === '') docs.set(a.exercise, JSON.parse(a.document) as Exercise);
    const s = to.get(a.exercise) ?? new Set<string>();
    s.add(a.student || '*');
    to.set(a.exercise, s);
  }
  const exercises: GradebookExercise[] = [...docs.entries()].map(([name, d]) => ({
    name,
    chapter: d.spec.chapter,
    title: d.spec.title,
    maxScore: maxScore(d),
    checks: d.spec.checks.map((c) => ({ id: c.id, points: c.points })),
    assignedTo: to.get(name)!.has('*') ? '*' : [...to.get(name)!].sort(),
  }));
  const byTenant = new Map<string, Map<string, GradeRecord>>();
  for (const g of grades) {
    const m = byTenant.get(g.tenantId) ?? new Map<string, GradeRecord>();
    m.set(g.exercise, g);
    byTenant.set(g.tenantId, m);
  }
  const students = tenants.map((t): GradebookRow => {
    const student = t.student ?? t.id;
    const mine = exercises.filter((e) => e.assignedTo === '*' || e.assignedTo.includes(student));
    const rows = mine.map((e): StudentGrade => {
      const g = byTenant.get(t.id)?.get(e.name);
      if (!g) return { exercise: e.name, state: 'NotStarted', score: 0, bestScore: 0, maxScore: e.maxScore, attempts: 0, completedAt: null, checks: e.checks.map((c) => ({ ...c, passed: false, firstPassedAt: null })) };
      return { exercise: e.name, state: g.state, score: g.score, bestScore: g.bestScore, maxScore: g.maxScore, attempts: g.attempts, completedAt: g.completedAt, checks: JSON.parse(g.checks) };
    });
    return {
      student,
      tenant: t.id,
      score: rows.reduce((n, r) => n + r.bestScore, 0),
      maxScore: rows.reduce((n, r) => n + r.maxScore, 0),
      completed: rows.filter((r) => r.completedAt).length,
      exercises: rows,
    };
  });
  return { exercises, students };
}
