// The CLI's commands: each takes the parsed words and flags and a connection, prints its
// result, and returns nothing (errors are thrown).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { api } from './client.mjs';
import { int, list, num, when } from './args.mjs';
import { age, table } from './format.mjs';

/** Students added per admin API call by `classroom create` / `student add` (progress steps). */
const DEFAULT_BATCH = 10;

/** Settings from flags: --nodes --cpu --memory --pods --profile --max-objects --rps --watches --role --namespace. */
export function settingsFromFlags(f) {
  const nodes = { count: int(f.nodes, 'nodes'), cpu: f.cpu, memory: f.memory, pods: int(f.pods, 'pods') };
  const limits = { objects: int(f['max-objects'], 'max-objects'), requestsPerSecond: num(f.rps, 'rps'), watches: int(f.watches, 'watches') };
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const s = {};
  if (Object.keys(clean(nodes)).length) s.nodes = clean(nodes);
  if (Object.keys(clean(limits)).length) s.limits = clean(limits);
  if (f.profile !== undefined) {
    if (f.profile !== 'fast' && f.profile !== 'realistic') throw new Error('--profile must be "fast" or "realistic"');
    s.profile = f.profile;
  }
  // --role admin|edit|view [--namespace NS]: that ClusterRole in one namespace instead of cluster-admin.
  if (f.role !== undefined) {
    if (!['admin', 'edit', 'view'].includes(f.role)) throw new Error('--role must be "admin", "edit" or "view"');
    s.access = { role: f.role, ...(f.namespace ? { namespace: f.namespace } : {}) };
  }
  return s;
}

const enc = encodeURIComponent;
const need = (v, what) => {
  if (!v) throw new Error(`missing ${what}`);
  return v;
};

/** Write one student's kubeconfig as DIR/<student>.kubeconfig (owner-only); returns the path. */
function writeKubeconfig(dir, student, text) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${student}.kubeconfig`);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

/**
 * Provision students in batches (one admin API call each) so that progress shows; writes each
 * kubeconfig under `out`. Returns the results; a failed student is reported, not thrown.
 */
async function addInBatches(conn, room, students, out, batch, quiet) {
  const results = [];
  for (let i = 0; i < students.length; i += batch) {
    const part = students.slice(i, i + batch);
    const r = await api(conn, 'POST', `/classrooms/${enc(room)}/students`, { students: part });
    for (const s of r.students) {
      if (s.kubeconfig && out) s.file = writeKubeconfig(out, s.student, s.kubeconfig);
      results.push(s);
    }
    if (!quiet) process.stderr.write(`provisioned ${results.length}/${students.length} students\n`);
  }
  return results;
}

function printProvisioned(results) {
  console.log(table(['STUDENT', 'STATE', 'SERVER', 'KUBECONFIG'], results.map((s) => [s.student, s.state, s.server, s.file ?? (s.error ? `error: ${s.error}` : '')])));
  const failed = results.filter((s) => s.state !== 'active');
  if (failed.length) throw new Error(`${failed.length} student cluster(s) failed: ${failed.map((s) => s.student).join(', ')} (retry with: kubeplay reset CLASSROOM STUDENT)`);
}

/** `classroom create NAME --students a,b,c [settings flags] --out DIR [--batch N]` */
export async function classroomCreate(conn, words, f) {
  const name = need(words[0], 'classroom NAME');
  const students = list(f.students);
  const out = f.out ? resolve(String(f.out)) : undefined;
  if (students.length && !out) throw new Error('--out DIR is required to write the students\' kubeconfigs');
  const settings = settingsFromFlags(f);
  await api(conn, 'POST', '/classrooms', { name, students: [], settings });
  if (!f.quiet) process.stderr.write(`classroom "${name}" created; provisioning ${students.length} student clusters\n`);
  const results = await addInBatches(conn, name, students, out, int(f.batch, 'batch') ?? DEFAULT_BATCH, f.quiet);
  if (results.length) printProvisioned(results);
}

/** `classroom list` */
export async function classroomList(conn, _words, f) {
  const r = await api(conn, 'GET', '/classrooms');
  if (f.output === 'json') return console.log(JSON.stringify(r, null, 2));
  if (!r.items.length) return console.log('No classrooms.');
  console.log(table(['NAME', 'STUDENTS', 'PROFILE', 'AGE'], r.items.map((c) => [c.name, c.students, c.settings.profile ?? 'default', age(c.createdAt)])));
}

/** `classroom show NAME` */
export async function classroomShow(conn, words, f) {
  const name = need(words[0], 'classroom NAME');
  const r = await api(conn, 'GET', `/classrooms/${enc(name)}`);
  if (f.output === 'json') return console.log(JSON.stringify(r, null, 2));
  console.log(`Classroom: ${r.classroom.name}   Settings: ${JSON.stringify(r.classroom.settings)}   Age: ${age(r.classroom.createdAt)}\n`);
  console.log(table(['STUDENT', 'STATE', 'OBJECTS', 'LAST ACTIVITY', 'AGE', 'SERVER'], r.students.map((s) => [s.student, s.state, s.objectCount, s.lastActivityAt ? `${age(s.lastActivityAt)} ago` : 'never', age(s.createdAt), s.server])));
}

/** `classroom delete NAME` */
export async function classroomDelete(conn, words) {
  const name = need(words[0], 'classroom NAME');
  const r = await api(conn, 'DELETE', `/classrooms/${enc(name)}`);
  console.log(`classroom "${r.deleted}" deleted (${r.students} student clusters wiped)`);
}

/** `student add CLASSROOM a,b [--students a,b] --out DIR` */
export async function studentAdd(conn, words, f) {
  const room = need(words[0], 'CLASSROOM');
  const students = [...list(words[1]), ...list(f.students)];
  if (!students.length) throw new Error('missing students: kubeplay student add CLASSROOM alice,bob --out DIR');
  const out = resolve(String(need(f.out, '--out DIR')));
  printProvisioned(await addInBatches(conn, room, students, out, int(f.batch, 'batch') ?? DEFAULT_BATCH, f.quiet));
}

/** `student remove CLASSROOM STUDENT` */
export async function studentRemove(conn, words) {
  const [room, student] = [need(words[0], 'CLASSROOM'), need(words[1], 'STUDENT')];
  await api(conn, 'DELETE', `/classrooms/${enc(room)}/students/${enc(student)}`);
  console.log(`student "${student}" removed from "${room}" (cluster wiped, tokens refused)`);
}

/** `kubeconfig CLASSROOM STUDENT [--out FILE]`: a fresh kubeconfig (a new token). */
export async function kubeconfigCmd(conn, words, f) {
  const [room, student] = [need(words[0], 'CLASSROOM'), need(words[1], 'STUDENT')];
  const r = await api(conn, 'POST', `/classrooms/${enc(room)}/students/${enc(student)}/kubeconfig`, {});
  if (!f.out) return process.stdout.write(r.kubeconfig);
  writeFileSync(resolve(String(f.out)), r.kubeconfig, { mode: 0o600 });
  console.log(`wrote ${f.out} (token ${r.jti}, expires ${r.expiresAt})`);
}

/** `reset CLASSROOM STUDENT [--revoke-tokens] [--keep-grades]` */
export async function resetCmd(conn, words, f) {
  const [room, student] = [need(words[0], 'CLASSROOM'), need(words[1], 'STUDENT')];
  await api(conn, 'POST', `/classrooms/${enc(room)}/students/${enc(student)}/reset`, { revokeTokens: f['revoke-tokens'] === true, keepGrades: f['keep-grades'] === true });
  console.log(`cluster of "${student}" reset to a fresh one${f['revoke-tokens'] ? '; its tokens revoked' : ''}${f['keep-grades'] ? '; its grades kept' : ''}`);
}

/** `revoke CLASSROOM STUDENT [--jti ID]` */
export async function revokeCmd(conn, words, f) {
  const [room, student] = [need(words[0], 'CLASSROOM'), need(words[1], 'STUDENT')];
  const r = await api(conn, 'POST', `/classrooms/${enc(room)}/students/${enc(student)}/revoke`, f.jti ? { jti: String(f.jti) } : {});
  console.log(r.revoked === 'all' ? `every token of "${student}" issued so far is revoked` : `token ${r.revoked} of "${student}" revoked`);
}

/** `audit CLASSROOM [--student S] [--since T] [--until T] [--limit N] [-o json]` */
export async function auditCmd(conn, words, f) {
  const room = need(words[0], 'CLASSROOM');
  const q = new URLSearchParams();
  if (f.student) q.set('student', String(f.student));
  const since = when(f.since);
  const until = when(f.until);
  if (since !== undefined) q.set('since', String(since));
  if (until !== undefined) q.set('until', String(until));
  if (f.limit) q.set('limit', String(int(f.limit, 'limit')));
  const r = await api(conn, 'GET', `/classrooms/${enc(room)}/audit?${q}`);
  if (f.output === 'json') return console.log(JSON.stringify(r, null, 2));
  if (!r.items.length) return console.log('No audit records.');
  const ref = (o) => (o ? [o.resource ? (o.subresource ? `${o.resource}/${o.subresource}` : o.resource) : '', o.namespace ?? '', o.name ?? ''] : ['', '', '']);
  console.log(
    table(
      ['TIME', 'STUDENT', 'USER', 'VERB', 'RESOURCE', 'NAMESPACE', 'NAME', 'CODE', 'URI'],
      r.items.map((e) => [e.requestReceivedTimestamp.replace(/\.\d+Z$/, 'Z'), e.student, e.impersonatedUser ? `${e.user.username} as ${e.impersonatedUser.username}` : e.user.username, e.verb, ...ref(e.objectRef), e.responseStatus.code, e.requestURI]),
    ),
  );
}
