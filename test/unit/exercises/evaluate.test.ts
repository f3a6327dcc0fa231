import { describe, it, expect } from 'vitest';
import { parseExercise, ExerciseError, type Exercise } from '../../../src/exercises/schema';
import { evaluateExercise } from '../../../src/exercises/evaluate';
import type { ClusterView, CommandUse } from '../../../src/exercises/checks';
import { parsePath, select, PathError } from '../../../src/exercises/paths';
import type { KubeObject } from '../../../src/apiserver/types';

/** A cluster view over plain objects keyed by storage key. */
function view(objects: Record<string, KubeObject[]>, commands: CommandUse[] = []): ClusterView {
  return {
    list: (r, ns) => (objects[r] ?? []).filter((o) => !ns || o.metadata.namespace === ns),
    commands: () => commands,
  };
}

const text = (s: string) => ({ en: s, fr: s });
function exercise(checks: unknown[], namespace = 'ex'): Exercise {
  return parseExercise({ apiVersion: 'kubeplay.dev/v1', kind: 'Exercise', metadata: { name: 'ex1' }, spec: { title: text('T'), statement: text('S'), chapter: 'labels', namespace, checks } });
}
const one = (check: Record<string, unknown>) => exercise([{ id: 'c', description: text('d'), hint: text('try harder'), ...check }]);
const pod = (name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}, ns = 'ex'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels, uid: `uid-${name}` }, ...extra }) as KubeObject;
const NOW = Date.parse('2026-12-03T10:00:00Z');
const check = (ex: Exercise, v: ClusterView, prev?: any, now = NOW) => evaluateExercise(ex, v, prev, now).status.checks[0];

describe('paths', () => {
  it('selects fields, indices, every item, quoted keys and filters', () => {
    const o = { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'mysql' }] }, status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Available', status: 'True' }] } };
    expect(select(o, parsePath('.spec.containers[1].image'))).toEqual(['mysql']);
    expect(select(o, parsePath('.spec.containers[*].name'))).toEqual(['a', 'b']);
    expect(select(o, parsePath(".metadata.labels['app.kubernetes.io/name']"))).toEqual(['web']);
    expect(select(o, parsePath('.status.conditions[?(@.type=="Available")].status'))).toEqual(['True']);
    expect(select(o, parsePath('.spec.missing.deeper'))).toEqual([]);
  });
  it('refuses a path that is not one, saying where', () => {
    expect(() => parsePath('spec.replicas')).toThrow(PathError);
    expect(() => parsePath('.spec[?(@.x>1)]')).toThrow(/unsupported \[\?\(@\.x>1\)\]/);
    expect(() => parsePath('.spec.containers[0')).toThrow(/"\[" without "\]"/);
  });
});

describe('exercise documents', () => {
  it('accepts a valid document and defaults points and namespace', () => {
    const ex = exercise([{ id: 'a', description: text('d'), exists: { resource: 'Pod', name: 'x' } }], 'default');
    expect(ex.spec.checks[0].points).toBe(1);
    expect(ex.spec.namespace).toBe('default');
  });
  it('reports every problem with its path', () => {
    let err: ExerciseError | undefined;
    try {
      parseExercise({ apiVersion: 'v1', kind: 'Exercise', metadata: { name: 'Bad_Name' }, spec: { title: { en: 'x' }, statement: text('s'), chapter: 'c', checks: [{ id: 'a', description: text('d'), exists: { resource: 'podz', where: [{ path: 'spec', equals: 1 }] } }, { id: 'a', description: text('d') }] } });
    } catch (e) {
      err = e as ExerciseError;
    }
    expect(err).toBeInstanceOf(ExerciseError);
    const all = err!.problems.join('\n');
    expect(all).toMatch(/^apiVersion: apiVersion must be kubeplay.dev\/v1$/m);
    expect(all).toMatch(/^metadata\.name: must be a DNS label/m);
    expect(all).toMatch(/^spec\.title\.fr: /m);
    expect(all).toMatch(/^spec\.checks\[0\]\.exists\.resource: unknown resource "podz" \(did you mean pods\?\)$/m);
    expect(all).toMatch(/^spec\.checks\[0\]\.exists\.where\[0\]\.path: invalid path "spec"/m);
    expect(all).toMatch(/^spec\.checks\[1\]: a check has exactly one of exists, absent, event, rolloutUndone, command \(found none\)$/m);
    expect(() => exercise([{ id: 'a', description: text('d'), exists: { resource: 'pods' } }, { id: 'a', description: text('d'), absent: { resource: 'pods' } }])).toThrow(/spec\.checks\[1\]\.id: duplicate check id "a"/);
  });
  it('refuses unknown fields, two operators in a predicate, a bad selector and code-like input', () => {
    expect(() => one({ exists: { resource: 'pods', script: 'rm -rf /' } })).toThrow(/Unrecognized key.*script/);
    expect(() => one({ exists: { resource: 'pods', where: [{ path: '.a', equals: 1, gt: 0 }] } })).toThrow(/exactly one of equals.*\(found equals, gt\)/);
    expect(() => one({ exists: { resource: 'pods', selector: 'a in (b' } })).toThrow(/invalid label selector/);
    expect(() => one({ event: { reason: 'X' }, for: '10s' })).toThrow(/"for" applies to exists and absent checks only/);
  });
  it('parses YAML text, without aliases', () => {
    const yaml = `apiVersion: kubeplay.dev/v1\nkind: Exercise\nmetadata: {name: y}\nspec:\n  title: {en: a, fr: b}\n  statement: {en: a, fr: b}\n  chapter: c\n  checks:\n  - id: x\n    description: {en: a, fr: b}\n    exists: {resource: configmaps, name: cm}\n`;
    expect(parseExercise(yaml).spec.checks[0].exists!.name).toBe('cm');
    expect(() => parseExercise('a: &x [1]\nb: *x\n')).toThrow(/not YAML/);
  });
});

describe('exists checks', () => {
  const ex = one({ exists: { resource: 'pods', name: 'my-pod', where: [{ path: '.metadata.labels.team', equals: 'kube-team' }] } });
  it('passes when the named object matches', () => {
    const c = check(ex, view({ pods: [pod('my-pod', { team: 'kube-team' })] }));
    expect(c.passed).toBe(true);
    expect(c.message).toBe('1 pod "my-pod" in namespace ex as required');
    expect(c.hint).toBeUndefined();
    expect(c.firstPassedAt).toBe('2026-12-03T10:00:00Z');
  });
  it('fails when the object is missing, saying so, with the hint', () => {
    const c = check(ex, view({ pods: [pod('my-pod', {}, {}, 'other')] }));
    expect(c).toMatchObject({ passed: false, message: 'no pod "my-pod" in namespace ex', hint: 'try harder' });
  });
  it('fails on a field that differs, naming the field, its value and the expected one', () => {
    const c = check(ex, view({ pods: [pod('my-pod', { team: 'web-team' })] }));
    expect(c.message).toBe('0 of 1 pod "my-pod" in namespace ex matches, expected at least 1: ex/my-pod .metadata.labels.team is "web-team", expected "kube-team"');
  });
  it('counts objects picked by a label selector', () => {
    const ex3 = one({ exists: { resource: 'pods', selector: 'tier=frontend', count: { min: 3 }, where: [{ path: '.status.phase', equals: 'Running' }] } });
    const running = (n: string) => pod(n, { tier: 'frontend' }, { status: { phase: 'Running' } });
    expect(check(ex3, view({ pods: [running('a'), running('b'), running('c'), pod('d')] })).passed).toBe(true);
    const c = check(ex3, view({ pods: [running('a'), running('b'), pod('c', { tier: 'frontend' }, { status: { phase: 'Pending' } })] }));
    expect(c.message).toBe('2 of 3 pods with labels tier=frontend in namespace ex match, expected at least 3: ex/c .status.phase is "Pending", expected "Running"');
  });
  it('compares numbers and quantities, matches patterns, counts values and tests presence', () => {
    const p = pod('p', {}, { spec: { containers: [{ name: 'a', image: 'nginx:1.25', resources: { limits: { memory: '256Mi' } } }, { name: 'b', image: 'mysql:5.7' }] } });
    const v = view({ pods: [p] });
    const ok = (where: unknown[]) => check(one({ exists: { resource: 'pods', name: 'p', where } }), v);
    expect(ok([{ path: '.spec.containers[0].resources.limits.memory', gte: '128Mi' }]).passed).toBe(true);
    expect(ok([{ path: '.spec.containers[0].resources.limits.memory', lt: '0.25Gi' }]).message).toMatch(/\.spec\.containers\[0\]\.resources\.limits\.memory is "256Mi", expected less than 0.25Gi/);
    expect(ok([{ path: '.spec.containers[*].image', matches: '^(nginx|mysql):' }]).passed).toBe(true);
    expect(ok([{ path: '.spec.containers[*]', count: 2 }]).passed).toBe(true);
    expect(ok([{ path: '.spec.containers[*]', count: 3 }]).message).toMatch(/has 2 \.spec\.containers\[\*\], expected 3/);
    expect(ok([{ path: '.spec.containers[*].name', contains: 'b' }]).passed).toBe(true);
    expect(ok([{ path: '.spec.containers[*].name', contains: 'c' }]).message).toMatch(/\.spec\.containers\[\*\]\.name is "a", "b", expected it to include "c"/);
    expect(ok([{ path: '.spec.nodeName', exists: false }]).passed).toBe(true);
    expect(ok([{ path: '.spec.containers[1].resources', exists: true }]).message).toMatch(/has no \.spec\.containers\[1\]\.resources/);
    expect(ok([{ path: '.spec.containers[*].image', in: ['nginx:1.25'] }]).message).toMatch(/is "mysql:5.7", expected one of "nginx:1.25"/);
  });
  it('reads cluster-scoped resources without a namespace, and every namespace with *', () => {
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, status: { phase: 'Bound' } } as KubeObject;
    expect(check(one({ exists: { resource: 'pv', name: 'pv1', where: [{ path: '.status.phase', equals: 'Bound' }] } }), view({ persistentvolumes: [pv] })).passed).toBe(true);
    expect(check(one({ exists: { resource: 'pods', namespace: '*', name: 'x' } }), view({ pods: [pod('x', {}, {}, 'elsewhere')] })).message).toBe('1 pod "x" in any namespace as required');
  });
});

describe('absent checks', () => {
  const ex = one({ absent: { resource: 'pods', selector: 'app=old' } });
  it('passes when nothing matches', () => {
    expect(check(ex, view({ pods: [pod('a', { app: 'new' })] }))).toMatchObject({ passed: true, message: 'no pods with labels app=old in namespace ex, as required' });
  });
  it('fails naming what should not be there', () => {
    expect(check(ex, view({ pods: [pod('a', { app: 'old' }), pod('b', { app: 'old' })] })).message).toBe('pods with labels app=old in namespace ex should not exist, found a, b');
  });
});

describe('checks that must hold for a while', () => {
  const ex = one({ exists: { resource: 'pods', name: 'p' }, for: '30s' });
  const v = view({ pods: [pod('p')] });
  it('waits, asking to be looked at again when the time is up', () => {
    const e = evaluateExercise(ex, v, undefined, NOW);
    expect(e.status.checks[0]).toMatchObject({ passed: false, holdingSince: '2026-12-03T10:00:00Z', message: '1 pod "p" in namespace ex as required; it must hold for 30s without a break' });
    expect(e.recheckAt).toBe(NOW + 30_000);
    const later = evaluateExercise(ex, v, e.status, NOW + 30_000);
    expect(later.status.checks[0]).toMatchObject({ passed: true, message: '1 pod "p" in namespace ex as required, for 30s' });
    expect(later.recheckAt).toBeUndefined();
  });
  it('starts again after a break', () => {
    const e = evaluateExercise(ex, v, undefined, NOW);
    const broken = evaluateExercise(ex, view({}), e.status, NOW + 10_000);
    expect(broken.status.checks[0].holdingSince).toBeUndefined();
    expect(broken.recheckAt).toBeUndefined();
    const again = evaluateExercise(ex, v, broken.status, NOW + 20_000);
    expect(again.status.checks[0].passed).toBe(false);
    expect(again.recheckAt).toBe(NOW + 50_000);
  });
});

describe('event checks', () => {
  const ev = (reason: string, name: string, message: string, count = 1) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.${reason}`, namespace: 'ex' }, reason, type: 'Normal', message, count, involvedObject: { kind: 'ReplicaSet', name } }) as unknown as KubeObject;
  const ex = one({ event: { reason: 'SuccessfulCreate', involvedObject: { kind: 'ReplicaSet', name: 'frontend' }, count: { min: 4 } } });
  it('counts matching events, repeated ones by their count', () => {
    expect(check(ex, view({ events: [ev('SuccessfulCreate', 'frontend', 'Created pod: a', 3), ev('SuccessfulCreate', 'frontend', 'Created pod: b')] })).passed).toBe(true);
  });
  it('fails saying how many were seen', () => {
    expect(check(ex, view({ events: [ev('SuccessfulCreate', 'frontend', 'Created pod: a', 3), ev('SuccessfulCreate', 'other', 'x', 9)] })).message).toBe('3 SuccessfulCreate events about ReplicaSet/frontend in namespace ex, expected at least 4');
    expect(check(ex, view({})).message).toBe('no SuccessfulCreate events about ReplicaSet/frontend in namespace ex yet');
  });
  it('filters on the message', () => {
    const exm = one({ event: { reason: 'SuccessfulCreate', message: 'pod: b$' } });
    expect(check(exm, view({ events: [ev('SuccessfulCreate', 'frontend', 'Created pod: b')] })).passed).toBe(true);
    expect(check(exm, view({ events: [ev('SuccessfulCreate', 'frontend', 'Created pod: a')] })).passed).toBe(false);
  });
});

describe('rollout undone checks', () => {
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ex', uid: 'd1' } } as KubeObject;
  const rs = (name: string, revision: string, history?: string) =>
    ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'ex', ownerReferences: [{ uid: 'd1', kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }], annotations: { 'deployment.kubernetes.io/revision': revision, ...(history ? { 'deployment.kubernetes.io/revision-history': history } : {}) } } }) as KubeObject;
  const ex = one({ rolloutUndone: { deployment: 'web' } });
  it('passes once a ReplicaSet came back with a new revision', () => {
    expect(check(ex, view({ 'deployments.apps': [d], 'replicasets.apps': [rs('web-a', '3', '1'), rs('web-b', '2')] })).message).toBe('deployment "web" went back to ReplicaSet web-a (revisions 1 → 3)');
  });
  it('fails while the history only went forward', () => {
    expect(check(ex, view({ 'deployments.apps': [d], 'replicasets.apps': [rs('web-a', '1'), rs('web-b', '2')] })).message).toBe('deployment "web" has never gone back to an earlier revision (revisions: 1, 2)');
    expect(check(ex, view({})).message).toBe('no deployment "web" in namespace ex');
  });
});

describe('command checks', () => {
  const ex = one({ command: { verb: 'patch', resource: 'deployments.apps', subresource: 'scale' } });
  it('passes once the student made the request', () => {
    expect(check(ex, view({}, [{ verb: 'patch', resource: 'deployments.apps', subresource: 'scale', count: 2, firstAt: NOW }])).message).toBe('you made 2 "patch deployments/scale" requests');
  });
  it('fails saying which request is expected', () => {
    expect(check(ex, view({}, [{ verb: 'patch', resource: 'deployments.apps', subresource: '', count: 1, firstAt: NOW }])).message).toBe('you have not made a "patch deployments/scale" request yet');
  });
});

describe('the exercise status', () => {
  const ex = exercise([
    { id: 'a', points: 2, description: text('a'), exists: { resource: 'configmaps', name: 'a' } },
    { id: 'b', points: 3, description: text('b'), exists: { resource: 'configmaps', name: 'b' } },
  ]);
  const cm = (n: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace: 'ex' } }) as KubeObject;
  it('scores the passing checks, keeps the best score and when each check and the whole first passed', () => {
    const s0 = evaluateExercise(ex, view({}), undefined, NOW).status;
    expect(s0).toMatchObject({ state: 'NotStarted', score: 0, maxScore: 5, bestScore: 0 });
    const s1 = evaluateExercise(ex, view({ configmaps: [cm('a')] }), s0, NOW + 1000).status;
    expect(s1).toMatchObject({ state: 'InProgress', score: 2, bestScore: 2 });
    const s2 = evaluateExercise(ex, view({ configmaps: [cm('a'), cm('b')] }), s1, NOW + 2000).status;
    expect(s2).toMatchObject({ state: 'Passed', score: 5, completedAt: '2026-12-03T10:00:02Z' });
    expect(s2.checks.map((c) => c.firstPassedAt)).toEqual(['2026-12-03T10:00:01Z', '2026-12-03T10:00:02Z']);
    const s3 = evaluateExercise(ex, view({ configmaps: [cm('b')] }), s2, NOW + 3000).status;
    expect(s3).toMatchObject({ state: 'InProgress', score: 3, bestScore: 5, completedAt: '2026-12-03T10:00:02Z' });
    expect(s3.checks[0]).toMatchObject({ passed: false, firstPassedAt: '2026-12-03T10:00:01Z' });
  });
  it('is the same for the same state (no needless writes)', () => {
    const v = view({ configmaps: [cm('a')] });
    const s1 = evaluateExercise(ex, v, undefined, NOW).status;
    expect(evaluateExercise(ex, v, s1, NOW + 60_000).status).toEqual(s1);
  });
  it('speaks French when asked', () => {
    const exf = parseExercise({ apiVersion: 'kubeplay.dev/v1', kind: 'Exercise', metadata: { name: 'f' }, spec: { title: text('T'), statement: text('S'), chapter: 'c', checks: [{ id: 'a', description: { en: 'A config map', fr: 'Une ConfigMap' }, hint: { en: 'create it', fr: 'créez-la' }, exists: { resource: 'configmaps', name: 'a' } }] } });
    expect(evaluateExercise(exf, view({}), undefined, NOW, 'fr').status.checks[0]).toMatchObject({ description: 'Une ConfigMap', hint: 'créez-la' });
  });
});

describe('what an exercise reads', () => {
  it('is the resource and namespace of each check, so that other changes never wake it', async () => {
    const { ExerciseIndex, reads } = await import('../../../src/controllers/exercise/compiled');
    const ex = exercise([
      { id: 'a', description: text('a'), exists: { resource: 'configmaps', name: 'x' } },
      { id: 'b', description: text('b'), absent: { resource: 'pods', namespace: '*' } },
      { id: 'c', description: text('c'), exists: { resource: 'pv', name: 'v' } },
      { id: 'd', description: text('d'), event: { reason: 'Killing', namespace: 'other' } },
      { id: 'e', description: text('e'), command: { verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io' } },
    ]);
    const obj = { apiVersion: 'kubeplay.dev/v1', kind: 'Exercise', metadata: { name: 'ex1', uid: 'u', generation: 1 }, spec: ex.spec } as unknown as KubeObject;
    const c = new ExerciseIndex().compiled(obj);
    expect(reads(c, 'configmaps', 'ex')).toBe(true);
    expect(reads(c, 'configmaps', 'elsewhere')).toBe(false);
    expect(reads(c, 'pods', 'anywhere')).toBe(true);
    expect(reads(c, 'persistentvolumes', '')).toBe(true);
    expect(reads(c, 'events', 'other')).toBe(true);
    expect(reads(c, 'events', 'ex')).toBe(false);
    expect(reads(c, 'secrets', 'ex')).toBe(false);
    expect([...c.commands]).toEqual(['create selfsubjectaccessreviews.authorization.k8s.io ']);
  });
});
