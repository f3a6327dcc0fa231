// The CLI's exercise and gradebook commands: assign exercises from the catalogue (or files) to
// a classroom or some students, list and withdraw them, and print the gradebook (table or CSV).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { api } from './client.mjs';
import { list } from './args.mjs';
import { age, table } from './format.mjs';

const enc = encodeURIComponent;
const CATALOGUE = new URL('../exercises/catalogue/', import.meta.url).pathname;

/** The catalogue's exercises: `{ name, chapter, title, points, file, text }`, by chapter then name. */
export function catalogue(dir = CATALOGUE) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const d = parse(text);
      return { name: d.metadata.name, chapter: d.spec.chapter, title: d.spec.title, points: (d.spec.checks ?? []).reduce((n, c) => n + (c.points ?? 1), 0), file: join(dir, f), text };
    })
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}

const need = (v, what) => {
  if (!v) throw new Error(`missing ${what}`);
  return v;
};

/** `exercise assign CLASSROOM NAME[,NAME…] [-f FILE]… [--student a,b] [--language fr]` */
export async function exerciseAssign(conn, words, f) {
  const room = need(words[0], 'CLASSROOM');
  const names = list(words[1]);
  const files = [f.file, f.f].flat().filter((x) => typeof x === 'string').flatMap((x) => list(x));
  if (!names.length && !files.length) throw new Error('name exercises of the catalogue (kubeplay exercise list) or give -f FILE.yaml');
  const known = names.length ? catalogue() : [];
  const documents = [
    ...names.map((n) => {
      const e = known.find((k) => k.name === n);
      if (!e) throw new Error(`no exercise "${n}" in the catalogue (kubeplay exercise list shows them)`);
      return e.text;
    }),
    ...files.map((p) => readFileSync(resolve(p), 'utf8')),
  ];
  const students = list(f.student ?? f.students);
  const body = { documents, ...(students.length ? { students } : {}), ...(f.language ? { language: f.language } : {}) };
  const r = await api(conn, 'POST', `/classrooms/${enc(room)}/exercises`, body);
  const failed = r.students.filter((s) => s.error);
  console.log(`assigned ${r.exercises.join(', ')} to ${students.length ? students.join(', ') : `classroom "${room}"`} (${r.students.length - failed.length} cluster${r.students.length - failed.length === 1 ? '' : 's'})`);
  if (failed.length) throw new Error(`not pushed to ${failed.map((s) => `${s.student} (${s.error})`).join(', ')}; assign again to retry`);
}

/** `exercise list [CLASSROOM] [-o json]`: the catalogue, or what a classroom was assigned. */
export async function exerciseList(conn, words, f) {
  if (!words[0]) {
    const items = catalogue().map(({ text: _t, file: _f, ...e }) => e);
    if (f.output === 'json') return console.log(JSON.stringify({ items }, null, 2));
    return console.log(table(['NAME', 'CHAPTER', 'POINTS', 'TITLE'], items.map((e) => [e.name, e.chapter, e.points, e.title.en])));
  }
  const r = await api(conn, 'GET', `/classrooms/${enc(words[0])}/exercises`);
  if (f.output === 'json') return console.log(JSON.stringify(r, null, 2));
  if (!r.items.length) return console.log(`No exercises assigned in "${words[0]}".`);
  console.log(table(['EXERCISE', 'CHAPTER', 'POINTS', 'CHECKS', 'ASSIGNED TO', 'AGE'], r.items.map((e) => [e.exercise, e.chapter, e.points, e.checks, e.student, age(e.assignedAt)])));
}

/** `exercise withdraw CLASSROOM NAME [--student S]` */
export async function exerciseWithdraw(conn, words, f) {
  const [room, name] = [need(words[0], 'CLASSROOM'), need(words[1], 'EXERCISE')];
  const q = f.student ? `?student=${enc(f.student)}` : '';
  const r = await api(conn, 'DELETE', `/classrooms/${enc(room)}/exercises/${enc(name)}${q}`);
  console.log(`exercise "${r.withdrawn}" withdrawn from ${r.students} cluster(s)`);
}

/** A CSV field, quoted when it must be (RFC 4180). */
const csv = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** `grades --classroom X [--student S] [-o csv|json]` (or `grades X`) */
export async function gradesCmd(conn, words, f) {
  const room = need(f.classroom ?? words[0], '--classroom NAME');
  const q = f.student ? `?student=${enc(f.student)}` : '';
  const r = await api(conn, 'GET', `/classrooms/${enc(room)}/grades${q}`);
  if (f.output === 'json') return console.log(JSON.stringify(r, null, 2));
  if (f.output === 'csv') {
    const lines = [['student', 'exercise', 'state', 'score', 'best_score', 'max_score', 'attempts', 'completed_at', 'check', 'check_points', 'check_passed', 'check_first_passed_at'].join(',')];
    for (const s of r.students) {
      for (const e of s.exercises) {
        for (const c of e.checks) lines.push([s.student, e.exercise, e.state, e.score, e.bestScore, e.maxScore, e.attempts, e.completedAt, c.id, c.points, c.passed, c.firstPassedAt].map(csv).join(','));
      }
    }
    return console.log(lines.join('\n'));
  }
  if (!r.exercises.length) return console.log(`No exercises assigned in "${room}".`);
  const names = r.exercises.map((e) => e.name);
  const cell = (s, n) => {
    const e = s.exercises.find((x) => x.exercise === n);
    if (!e) return '-';
    return `${e.bestScore}/${e.maxScore}${e.completedAt ? ' ✓' : ''}`;
  };
  console.log(table(['STUDENT', ...names.map((n) => n.toUpperCase()), 'TOTAL', 'COMPLETED', 'ATTEMPTS'], r.students.map((s) => [s.student, ...names.map((n) => cell(s, n)), `${s.score}/${s.maxScore}`, `${s.completed}/${s.exercises.length}`, s.exercises.reduce((n, e) => n + e.attempts, 0)])));
}
