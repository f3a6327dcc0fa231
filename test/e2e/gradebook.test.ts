// A 30-student classroom graded end to end: three exercises assigned with the CLI, five students
// solving different subsets with the real kubectl, and a gradebook (table, CSV) that shows
// exactly that, while `kubectl get exercises` shows each student their own state.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { until } from './kubectl';
import { classroomCli } from './classroom-cli';
import { solutions } from '../fixtures/exercises/solutions';

const CLASS = `e2e-grades-${process.pid}`;
const STUDENTS = Array.from({ length: 30 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const CM = 'configmap-env-files';
const LABELS = 'labels-selectors';
const RBAC = 'rbac-list-pods';
const MAX: Record<string, number> = { [CM]: 5, [LABELS]: 6, [RBAC]: 6 };
/** Who solves what. */
const SOLVES: Record<string, string[]> = { s01: [LABELS], s02: [CM], s03: [RBAC], s04: [LABELS, CM], s05: [LABELS, CM, RBAC] };
const { kubeplay, as, solve, kubeconfigs, open, close } = classroomCli('kubeplay-grades-');
const grades = () => JSON.parse(kubeplay('grades', '--classroom', CLASS, '-o', 'json').stdout);
/** Each student's completed exercises, from the gradebook. */
const completedBy = (g: any) => Object.fromEntries(g.students.map((s: any) => [s.student, s.exercises.filter((e: any) => e.completedAt).map((e: any) => e.exercise).sort()]));
const expected = Object.fromEntries(STUDENTS.map((s) => [s, [...(SOLVES[s] ?? [])].sort()]));

beforeAll(() => {
  open();
});
afterAll(() => {
  kubeplay('classroom', 'delete', CLASS);
  close();
});

describe('a graded classroom of 30', () => {
  it('assigns three exercises to the whole classroom', () => {
    const c = kubeplay('classroom', 'create', CLASS, '--students', STUDENTS.join(','), '--profile', 'fast', '--nodes', '2', '--out', kubeconfigs(), '--quiet');
    expect(c.code, c.out).toBe(0);
    const r = kubeplay('exercise', 'assign', CLASS, [LABELS, CM, RBAC].join(','));
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(`to classroom "${CLASS}" (30 clusters)`);
    const g = grades();
    expect(g.exercises.map((e: any) => [e.name, e.maxScore])).toEqual([[CM, 5], [LABELS, 6], [RBAC, 6]]);
    expect(g.students).toHaveLength(30);
    expect(g.students.every((s: any) => s.score === 0 && s.maxScore === 17)).toBe(true);
  });

  it('grades exactly the subsets five students solved', async () => {
    for (const [student, names] of Object.entries(SOLVES)) {
      for (const n of names) {
        const r = solve(student, solutions[n].reference);
        expect(r.code, `${student} ${n}: ${r.out}`).toBe(0);
      }
    }
    let g: any;
    const ok = await until(() => {
      g = grades();
      return JSON.stringify(completedBy(g)) === JSON.stringify(expected);
    }, 180_000);
    expect(completedBy(g)).toEqual(expected);
    expect(ok).toBe(true);
    for (const s of g.students) {
      const solved = SOLVES[s.student] ?? [];
      expect(s.score, s.student).toBe(solved.reduce((n, e) => n + MAX[e], 0));
      for (const e of s.exercises) {
        if (!solved.includes(e.exercise)) continue;
        expect(e.state, `${s.student} ${e.exercise}`).toBe('Passed');
        expect(e.attempts, `${s.student} ${e.exercise}`).toBeGreaterThan(0);
        for (const c of e.checks) expect(c.firstPassedAt, `${s.student} ${e.exercise} ${c.id}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
    }
  }, 600_000);

  it('prints the gradebook as a table and as CSV', () => {
    const t = kubeplay('grades', '--classroom', CLASS);
    expect(t.code, t.out).toBe(0);
    expect(t.stdout).toMatch(/^STUDENT +CONFIGMAP-ENV-FILES +LABELS-SELECTORS +RBAC-LIST-PODS +TOTAL +COMPLETED +ATTEMPTS$/m);
    expect(t.stdout).toMatch(/^s01 +0\/5 +6\/6 ✓ +0\/6 +6\/17 +1\/3 +\d+$/m);
    expect(t.stdout).toMatch(/^s02 +5\/5 ✓ +0\/6 +0\/6 +5\/17 +1\/3 +\d+$/m);
    expect(t.stdout).toMatch(/^s03 +0\/5 +0\/6 +6\/6 ✓ +6\/17 +1\/3 +\d+$/m);
    expect(t.stdout).toMatch(/^s04 +5\/5 ✓ +6\/6 ✓ +0\/6 +11\/17 +2\/3 +\d+$/m);
    expect(t.stdout).toMatch(/^s05 +5\/5 ✓ +6\/6 ✓ +6\/6 ✓ +17\/17 +3\/3 +\d+$/m);
    expect(t.stdout.match(/^s\d\d +0\/5 +0\/6 +0\/6 +0\/17 +0\/3 +0$/gm)).toHaveLength(25);
    const csv = kubeplay('grades', '--classroom', CLASS, '-o', 'csv');
    expect(csv.code, csv.out).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('student,exercise,state,score,best_score,max_score,attempts,completed_at,check,check_points,check_passed,check_first_passed_at');
    // 30 students × (3 + 4 + 4 checks).
    expect(lines).toHaveLength(1 + 30 * 11);
    expect(lines).toContainEqual(expect.stringMatching(/^s04,configmap-env-files,Passed,5,5,5,\d+,\d{4}-[\d-]+T[\d:]+Z,env-from-key,2,true,\d{4}-[\d-]+T[\d:]+Z$/));
    expect(lines).toContainEqual('s30,rbac-list-pods,NotStarted,0,0,6,0,,checked,1,false,');
  });

  it('shows each student their own exercises with kubectl', () => {
    const status = (s: string) => Object.fromEntries(as(s, 'get', 'exercises', '--no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 3)).map(([n, st, sc]) => [n, `${st} ${sc}`]));
    expect(status('s01')).toEqual({ [CM]: 'NotStarted 0/5', [LABELS]: 'Passed 6/6', [RBAC]: 'NotStarted 0/6' });
    expect(status('s02')).toEqual({ [CM]: 'Passed 5/5', [LABELS]: 'NotStarted 0/6', [RBAC]: 'NotStarted 0/6' });
    expect(status('s05')).toEqual({ [CM]: 'Passed 5/5', [LABELS]: 'Passed 6/6', [RBAC]: 'Passed 6/6' });
    expect(status('s17')).toEqual({ [CM]: 'NotStarted 0/5', [LABELS]: 'NotStarted 0/6', [RBAC]: 'NotStarted 0/6' });
  });

  it('forgets grades over a reset unless the instructor keeps them', async () => {
    expect(kubeplay('reset', CLASS, 's04').code).toBe(0);
    const k = kubeplay('reset', CLASS, 's05', '--keep-grades');
    expect(k.stdout).toMatch(/its grades kept/);
    const rows = (s: string) => as(s, 'get', 'exercises', '--no-headers').stdout.trim().split('\n');
    // s04 starts over; s05's objects are gone too (nothing passes now), but the commands it
    // used are part of the progress it keeps.
    expect(await until(() => rows('s04').every((l) => / NotStarted /.test(l)) && rows('s05').every((l) => !/ Passed /.test(l)), 60_000)).toBe(true);
    const g = grades();
    const row = (s: string) => g.students.find((x: any) => x.student === s);
    expect(row('s04')).toMatchObject({ score: 0, completed: 0 });
    expect(row('s05')).toMatchObject({ score: 17, completed: 3 });
    expect(row('s05').exercises.every((e: any) => e.score < e.maxScore && e.bestScore === e.maxScore && e.completedAt)).toBe(true);
  });
});
