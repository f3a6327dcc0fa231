import { describe, it, expect } from 'vitest';
import { created, updated } from './helpers';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

describe('immutable fields on update', () => {
  it('refuses a new ReplicaSet selector', () => {
    const old = created('replicasets.apps', { metadata: { name: 'r' }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
    const next = structuredClone(old);
    next.spec.selector = { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    expect(updated('replicasets.apps', next, old).errors).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{},"matchExpressions":[{"key":"app","operator":"Exists"}]}: field is immutable',
    ]);
  });

  it('refuses a new Job selector with manualSelector', () => {
    const jt = { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } };
    const old = created('jobs.batch', { metadata: { name: 'j', uid: 'u' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'web' } }, template: jt } });
    const next = structuredClone(old);
    next.spec.selector = { matchLabels: { app: 'web', x: 'y' } };
    next.spec.template.metadata.labels.x = 'y';
    const errs = updated('jobs.batch', next, old).errors;
    expect(errs).toContain('spec.selector: Invalid value: {"matchLabels":{"app":"web","x":"y"}}: field is immutable');
  });

  it('freezes the data of an immutable Secret', () => {
    const old = created('secrets', { metadata: { name: 's' }, data: { a: 'eA==' }, immutable: true });
    const next = { ...structuredClone(old), data: { a: 'eQ==' } };
    expect(updated('secrets', next, old).errors).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('keeps namespace finalizers and status on a plain update', () => {
    const old = created('namespaces', { metadata: { name: 'dev' } });
    const next = { ...structuredClone(old), spec: {}, status: { phase: 'Terminating' } };
    const r = updated('namespaces', next, old);
    expect(r.obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(r.obj.status).toEqual({ phase: 'Active' });
  });
});
