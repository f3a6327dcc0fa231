import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseExercise } from '../../../src/exercises/schema';
import { solutions } from '../../fixtures/exercises/solutions';

const dir = new URL('../../../src/exercises/catalogue/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const docs = files.map((f) => ({ file: f, ex: parseExercise(readFileSync(join(dir, f), 'utf8')) }));

describe('the exercise catalogue', () => {
  it('holds only valid documents, with unique names', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    const names = docs.map((d) => d.ex.metadata.name);
    expect(new Set(names).size).toBe(names.length);
  });
  it('covers every chapter of the course', () => {
    const chapters = new Set(docs.map((d) => d.ex.spec.chapter));
    for (const c of ['labels', 'multi-container-pod', 'replicaset', 'deployment', 'deployment-strategies', 'daemonset', 'services', 'configmap', 'secret', 'volumes', 'persistent-volumes', 'namespaces', 'rbac', 'resources', 'autoscaling', 'jobs-cronjobs', 'statefulset']) {
      expect(chapters, c).toContain(c);
    }
  });
  it('gives every check a hint, and every exercise a reference and a wrong solution', () => {
    for (const { ex } of docs) {
      for (const c of ex.spec.checks) expect(c.hint, `${ex.metadata.name}/${c.id}`).toBeDefined();
      const s = solutions[ex.metadata.name];
      expect(s, ex.metadata.name).toBeDefined();
      expect(s.reference.length).toBeGreaterThan(0);
      expect(ex.spec.checks.map((c) => c.id), ex.metadata.name).toContain(s.wrong.failing);
    }
  });
});
