// The instructor's workflow end to end: a classroom of 30 students made with the CLI, each
// kubeconfig driving its own cluster with the real kubectl, then reset, revoke, audit, delete.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { inject } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl, until } from './kubectl';

const CLASS = `e2e-class-${process.pid}`;
const STUDENTS = Array.from({ length: 30 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const cli = join(new URL('../..', import.meta.url).pathname, 'src', 'cli', 'index.mjs');
let dir = '';
let ca = '';

/** Run `kubeplay …` against the e2e server; never throws. */
function kubeplay(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args, '--server', inject('serverUrl'), '--token', inject('adminToken'), '--ca', ca], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const kc = (student: string) => join(dir, 'kubeconfigs', `${student}.kubeconfig`);
const as = (student: string, ...args: string[]) => kubectl(args, { kubeconfig: kc(student) });
const serverOf = (student: string) => JSON.parse(/server: (".*")/.exec(readFileSync(kc(student), 'utf8'))![1]) as string;
const UNAUTHORIZED = /Unauthorized|You must be logged in|provide credentials/;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeplay-classroom-'));
  ca = join(dir, 'ca.crt');
  writeFileSync(ca, inject('caPem'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a classroom made with the kubeplay CLI', () => {
  it('creates 30 student clusters with one command, showing progress, one kubeconfig each', () => {
    const r = kubeplay('classroom', 'create', CLASS, '--students', STUDENTS.join(','), '--profile', 'fast', '--nodes', '2', '--out', join(dir, 'kubeconfigs'));
    expect(r.code, r.out).toBe(0);
    expect(r.stderr).toMatch(/provisioned 10\/30 students/);
    expect(r.stderr).toMatch(/provisioned 30\/30 students/);
    expect(readdirSync(join(dir, 'kubeconfigs')).sort()).toEqual(STUDENTS.map((s) => `${s}.kubeconfig`));
    expect(r.stdout).toMatch(/^s01 +active +https:\/\/127\.0\.0\.1:\d+\/clusters\/s01-[a-z2-7]{8} /m);
    expect(kubeplay('classroom', 'list').stdout).toMatch(new RegExp(`^${CLASS} +30 +fast `, 'm'));
  });

  it('gives every student a working cluster of their own, with the classroom\'s settings', () => {
    for (const s of STUDENTS) {
      const r = as(s, 'create', 'configmap', 'owner', `--from-literal=student=${s}`);
      expect(r.code, `${s}: ${r.out}`).toBe(0);
    }
    for (const s of STUDENTS) expect(as(s, 'get', 'configmap', 'owner', '-o', 'jsonpath={.data.student}').stdout).toBe(s);
    expect(as('s01', 'get', 'nodes', '--no-headers').stdout.trim().split('\n')).toHaveLength(2);
  });

  it('refuses a student\'s token at another student\'s cluster', () => {
    const r = kubectl(['--server', serverOf('s02'), 'get', 'configmaps'], { kubeconfig: kc('s01') });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(UNAUTHORIZED);
  });

  it('shows the instructor each cluster\'s state', () => {
    const r = kubeplay('classroom', 'show', CLASS);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/^STUDENT +STATE +OBJECTS +LAST ACTIVITY +AGE +SERVER$/m);
    expect(r.stdout.match(/^s\d\d +active +\d+ /gm)).toHaveLength(30);
  });

  it('resets a student\'s cluster to a fresh one; the student\'s kubeconfig keeps working', () => {
    expect(kubeplay('reset', CLASS, 's03').code).toBe(0);
    const r = as('s03', 'get', 'configmap', 'owner');
    expect(r.out).toMatch(/configmaps "owner" not found/);
    expect(as('s03', 'get', 'namespace', 'default').code).toBe(0);
    expect(as('s04', 'get', 'configmap', 'owner').code).toBe(0);
  });

  it('revokes a student\'s tokens: the old kubeconfig is refused, a fresh one works', () => {
    expect(kubeplay('revoke', CLASS, 's05').stdout).toMatch(/every token of "s05" issued so far is revoked/);
    const r = as('s05', 'get', 'configmaps');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(UNAUTHORIZED);
    const fresh = join(dir, 's05-new.kubeconfig');
    expect(kubeplay('kubeconfig', CLASS, 's05', '--out', fresh).code).toBe(0);
    expect(kubectl(['get', 'configmap', 'owner', '-o', 'jsonpath={.data.student}'], { kubeconfig: fresh }).stdout).toBe('s05');
  });

  it('records each student\'s commands in the audit log, without secret values', async () => {
    expect(as('s06', 'create', 'secret', 'generic', 'pw', '--from-literal=password=hunter2').code).toBe(0);
    expect(as('s06', 'get', 'secret', 'pw', '-o', 'yaml').code).toBe(0);
    let out = '';
    const seen = await until(() => {
      const r = kubeplay('audit', CLASS, '--student', 's06', '--since', '10m', '-o', 'json');
      out = r.stdout;
      if (r.code !== 0) return false;
      const items = JSON.parse(r.stdout).items as any[];
      return items.some((e) => e.verb === 'create' && e.objectRef?.resource === 'secrets') && items.some((e) => e.verb === 'get' && e.objectRef?.name === 'pw');
    }, 60_000);
    expect(seen, out.slice(0, 2000)).toBe(true);
    const items = JSON.parse(out).items as any[];
    expect(new Set(items.map((e) => e.student))).toEqual(new Set(['s06']));
    expect(items.find((e) => e.objectRef?.resource === 'secrets')).toMatchObject({ level: 'Metadata', user: { username: 'student:s06' } });
    expect(out).not.toMatch(/hunter2|aHVudGVyMg/);
    const table = kubeplay('audit', CLASS, '--student', 's06');
    expect(table.stdout).toMatch(/^TIME +STUDENT +USER +VERB +RESOURCE +NAMESPACE +NAME +CODE +URI$/m);
    expect(table.stdout).toMatch(/ s06 +student:s06 +create +secrets +default +pw +201 /);
  });

  it('removes a student and deletes the classroom: every kubeconfig is refused afterwards', () => {
    expect(kubeplay('student', 'remove', CLASS, 's07').code).toBe(0);
    expect(as('s07', 'get', 'configmaps').out).toMatch(UNAUTHORIZED);
    const r = kubeplay('classroom', 'delete', CLASS);
    expect(r.stdout).toMatch(new RegExp(`classroom "${CLASS}" deleted \\(29 student clusters wiped\\)`));
    for (const s of ['s01', 's08', 's30']) expect(as(s, 'get', 'configmaps').out).toMatch(UNAUTHORIZED);
    expect(kubeplay('classroom', 'show', CLASS).out).toMatch(`classroom "${CLASS}" not found`);
  });
});
