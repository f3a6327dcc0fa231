import { describe, it, expect } from 'vitest';
import {
  applyRevision, equalRevision, fnv32, hashRevisionData, newRevision, nextRevisionNumber, safeEncode, templatePatch,
} from '../../../src/controllers/history/revision';
import { STATEFULSET_REVISIONS } from '../../../src/controllers/statefulset/controller';
import { DAEMONSET_REVISIONS } from '../../../src/controllers/daemonset/controller';

const owner = (image: string, kind = 'StatefulSet') => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'web', namespace: 's', uid: 'u1', annotations: { 'kubernetes.io/change-cause': 'v1' } },
  spec: { template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } } },
});

describe('ControllerRevisions', () => {
  it('hashes with FNV-1 and FNV-1a as Go computes them', () => {
    // Reference values of hash/fnv for "a": New32 0x050c5d7e, New32a 0xe40c292c.
    expect(fnv32('a', '1')).toBe(0x050c5d7e);
    expect(fnv32('a', '1a')).toBe(0xe40c292c);
    expect(safeEncode('0123')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{4}$/);
  });

  it('stores a patch that replaces the pod template, keys sorted as Go writes a map', () => {
    const patch = templatePatch(owner('nginx'));
    expect(JSON.stringify(patch)).toBe('{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}}}');
  });

  it('names a StatefulSet revision <set>-<hash of its data> and labels it controller.kubernetes.io/hash', () => {
    const r = newRevision(owner('nginx'), STATEFULSET_REVISIONS, 1, 0);
    const hash = hashRevisionData(r.data);
    expect(r.metadata.name).toBe(`web-${hash}`);
    expect(r.metadata.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': hash });
    expect(r.metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'v1' });
    expect(r.metadata.ownerReferences).toMatchObject([{ kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true }]);
    expect(r.revision).toBe(1);
  });

  it('labels a DaemonSet revision controller-revision-hash', () => {
    const r = newRevision(owner('nginx', 'DaemonSet'), DAEMONSET_REVISIONS, 2, 0);
    expect(r.metadata.labels?.['controller-revision-hash']).toBe(r.metadata.name!.slice('web-'.length));
  });

  it('gives another name to another template or collision count, and tells equal data apart', () => {
    const a = newRevision(owner('nginx'), STATEFULSET_REVISIONS, 1, 0);
    const b = newRevision(owner('nginx:1.25'), STATEFULSET_REVISIONS, 2, 0);
    const c = newRevision(owner('nginx'), STATEFULSET_REVISIONS, 1, 1);
    expect(new Set([a.metadata.name, b.metadata.name, c.metadata.name]).size).toBe(3);
    expect(equalRevision(a, c)).toBe(true);
    expect(equalRevision(a, b)).toBe(false);
  });

  it('restores an owner template from a revision, and numbers the next revision', () => {
    const old = newRevision(owner('nginx'), STATEFULSET_REVISIONS, 1, 0);
    expect(applyRevision(owner('nginx:1.25'), old).spec.template.spec.containers[0].image).toBe('nginx');
    expect(nextRevisionNumber([])).toBe(1);
    expect(nextRevisionNumber([old, { ...old, revision: 4 }])).toBe(5);
  });
});
