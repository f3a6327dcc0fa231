// The exercise catalogue end to end, with the real kubectl: every exercise assigned to two
// students of a classroom; one runs every reference solution and passes everything, the other
// runs every wrong solution and sees each exercise fail with the message its fixture expects.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { until } from './kubectl';
import { classroomCli } from './classroom-cli';
import { solutions } from '../fixtures/exercises/solutions';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLASS = `e2e-ex-${process.pid}`;
const catalogue = readdirSync(join(ROOT, 'src/exercises/catalogue')).filter((f) => f.endsWith('.yaml')).map((f) => parse(readFileSync(join(ROOT, 'src/exercises/catalogue', f), 'utf8')));
const NAMES: string[] = catalogue.map((d) => d.metadata.name);
const { kubeplay, as, solve, kubeconfigs, open, close } = classroomCli('kubeplay-exercises-');

/** The student's exercises as the API answers them, by name. */
function exercises(student: string): Record<string, any> {
  const r = as(student, 'get', 'exercises', '-o', 'json');
  if (r.code !== 0) return {};
  return Object.fromEntries(JSON.parse(r.stdout).items.map((e: any) => [e.metadata.name, e]));
}

beforeAll(() => {
  open();
  const r = kubeplay('classroom', 'create', CLASS, '--students', 'ref,wrong', '--profile', 'fast', '--out', kubeconfigs(), '--quiet');
  if (r.code !== 0) throw new Error(r.out);
});
afterAll(() => {
  kubeplay('classroom', 'delete', CLASS);
  close();
});

describe('the exercise catalogue', () => {
  it('is listed by the CLI and assigned to a classroom in one command', () => {
    const list = kubeplay('exercise', 'list');
    expect(list.code, list.out).toBe(0);
    expect(list.stdout).toMatch(/^NAME +CHAPTER +POINTS +TITLE$/m);
    for (const n of NAMES) expect(list.stdout).toMatch(new RegExp(`^${n} `, 'm'));
    const r = kubeplay('exercise', 'assign', CLASS, NAMES.join(','));
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`assigned .* to classroom "${CLASS}" \\(2 clusters\\)`));
    expect(kubeplay('exercise', 'list', CLASS).stdout).toMatch(/^labels-selectors +labels +6 +4 +\* +/m);
  });

  it('shows each student the exercises with kubectl: read-only, NotStarted, scored', async () => {
    expect(await until(() => Object.values(exercises('ref')).filter((e) => e.status?.state === 'NotStarted').length === NAMES.length, 60_000)).toBe(true);
    const table = as('ref', 'get', 'exercises');
    expect(table.stdout).toMatch(/^NAME +STATUS +SCORE +AGE$/m);
    expect(table.stdout).toMatch(/^labels-selectors +NotStarted +0\/6 +\d+s$/m);
    expect(as('ref', 'get', 'ex', '-o', 'wide').stdout).toMatch(/^labels-selectors +NotStarted +0\/6 +\S+ +labels +0\/4 +Labels and selectors$/m);
    expect(as('ref', 'get', 'exercises', '-l', 'kubeplay.dev/chapter=services', '-o', 'name').stdout.trim().split('\n').sort()).toEqual(['exercise.kubeplay.dev/ingress-host', 'exercise.kubeplay.dev/services-four-types']);
    const del = as('ref', 'delete', 'exercise', 'labels-selectors');
    expect(del.code).not.toBe(0);
    expect(del.out).toMatch(/MethodNotAllowed/);
    const edit = as('ref', 'label', 'exercise', 'labels-selectors', 'done=yes');
    expect(edit.code).not.toBe(0);
  });

  it('passes every exercise with its reference solution', async () => {
    for (const n of NAMES) {
      const r = solve('ref', solutions[n].reference);
      expect(r.code, `${n}: ${r.out}`).toBe(0);
    }
    const passed = await until(() => Object.values(exercises('ref')).every((e) => e.status?.state === 'Passed'), 240_000);
    if (!passed) {
      const left = Object.values(exercises('ref')).filter((e) => e.status?.state !== 'Passed');
      throw new Error(left.map((e) => `${e.metadata.name}: ${e.status?.checks.filter((c: any) => !c.passed).map((c: any) => `${c.id}: ${c.message}`).join('; ')}`).join('\n'));
    }
    const table = as('ref', 'get', 'exercises').stdout;
    for (const d of catalogue) {
      const max = d.spec.checks.reduce((s: number, c: any) => s + (c.points ?? 1), 0);
      expect(table).toMatch(new RegExp(`^${d.metadata.name} +Passed +${max}/${max} `, 'm'));
    }
  }, 600_000);

  it('fails every exercise with its wrong solution, saying why, with the hint', async () => {
    for (const n of NAMES) {
      const r = solve('wrong', solutions[n].wrong.script);
      expect(r.code, `${n}: ${r.out}`).toBe(0);
    }
    const check = (e: any) => e?.status?.checks?.find((c: any) => c.id === solutions[e.metadata.name].wrong.failing);
    const explained = await until(() => {
      const all = exercises('wrong');
      return NAMES.every((n) => all[n] && solutions[n].wrong.message.test(check(all[n])?.message ?? ''));
    }, 180_000);
    const all = exercises('wrong');
    if (!explained) {
      throw new Error(NAMES.filter((n) => !solutions[n].wrong.message.test(check(all[n])?.message ?? '')).map((n) => `${n}: ${check(all[n])?.message}`).join('\n'));
    }
    for (const n of NAMES) {
      expect(all[n].status.state, n).not.toBe('Passed');
      expect(check(all[n]).passed, n).toBe(false);
      expect(check(all[n]).hint, n).toBeTruthy();
    }
    const d = as('wrong', 'describe', 'exercise', 'labels-selectors');
    expect(d.code, d.out).toBe(0);
    expect(d.stdout).toMatch(/Message: +[^\n]*labels\/my-pod \.metadata\.labels\.team is "web-team", expected "kube-team"/);
    expect(d.stdout).toMatch(/Hint: +kubectl run my-pod -n labels --image=nginx --labels=environment=staging,team=kube-team/);
  }, 600_000);

  it('grades both students in the gradebook', () => {
    const r = kubeplay('grades', '--classroom', CLASS, '-o', 'json');
    expect(r.code, r.out).toBe(0);
    const g = JSON.parse(r.stdout);
    const ref = g.students.find((s: any) => s.student === 'ref');
    const wrong = g.students.find((s: any) => s.student === 'wrong');
    expect(ref.completed).toBe(NAMES.length);
    expect(ref.score).toBe(ref.maxScore);
    expect(wrong.completed).toBe(0);
    expect(wrong.score).toBeLessThan(wrong.maxScore);
  });
});
