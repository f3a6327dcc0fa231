import { describe, it, expect } from 'vitest';
import { nextScale, fenceposts, podTemplateHash, deploymentStatus } from '../../../src/controllers/deployment/rollout';

const deploy = (replicas: number, strategy: any = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }) => ({
  metadata: { name: 'web', generation: 3 }, spec: { replicas, strategy, template: { metadata: { labels: { app: 'web' } } } },
});
const rs = (name: string, spec: number, available: number, created = '2026-01-01T00:00:00Z') => ({
  metadata: { name, creationTimestamp: created }, spec: { replicas: spec }, status: { replicas: spec, availableReplicas: available, readyReplicas: available },
});
const plan = (m: Map<any, number>) => Object.fromEntries([...m].map(([k, v]) => [k.metadata.name, v]));

describe('rolling update arithmetic', () => {
  it('resolves maxSurge up and maxUnavailable down, as ResolveFenceposts', () => {
    expect(fenceposts(deploy(4))).toEqual({ maxSurge: 1, maxUnavailable: 1 });
    expect(fenceposts(deploy(3))).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(fenceposts(deploy(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }))).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('starts a new Deployment with all its replicas', () => {
    expect(plan(nextScale(deploy(3), rs('new', 0, 0), [], 0))).toEqual({ new: 3 });
  });

  it('surges the new ReplicaSet first, then scales the old one down as pods become available', () => {
    const d = deploy(4);
    expect(plan(nextScale(d, rs('new', 0, 0), [rs('old', 4, 4)], 4))).toEqual({ new: 1, old: 3 });
    // 5 pods, 3 must stay available: the old one may lose two (rolling.go's totalScaleDownCount).
    expect(plan(nextScale(d, rs('new', 2, 2), [rs('old', 3, 3)], 3))).toEqual({ old: 1 });
  });

  it('never lets availability drop below replicas - maxUnavailable', () => {
    // 3 replicas, maxUnavailable 0: the old one may only lose a pod once a new one is available.
    expect(plan(nextScale(deploy(3), rs('new', 1, 0), [rs('old', 3, 3)], 3))).toEqual({});
    expect(plan(nextScale(deploy(3), rs('new', 1, 1), [rs('old', 3, 3)], 3))).toEqual({ old: 2 });
  });

  it('Recreate scales the old ReplicaSets to zero and waits for their pods before the new one', () => {
    const d = deploy(3, { type: 'Recreate' });
    expect(plan(nextScale(d, rs('new', 0, 0), [rs('old', 3, 3)], 3))).toEqual({ old: 0 });
    expect(plan(nextScale(d, rs('new', 0, 0), [rs('old', 0, 0)], 2))).toEqual({});
    expect(plan(nextScale(d, rs('new', 0, 0), [rs('old', 0, 0)], 0))).toEqual({ new: 3 });
  });
});

describe('pod-template-hash', () => {
  it('is stable for one template, differs for another, and reads like upstream names', () => {
    const a = podTemplateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx:1.25' }] } });
    expect(a).toBe(podTemplateHash({ spec: { containers: [{ image: 'nginx:1.25', name: 'n' }] }, metadata: { labels: { app: 'web' } } }));
    expect(a).not.toBe(podTemplateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx:1.26' }] } }));
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  });
});

describe('deployment status', () => {
  it('is Available with minimum availability and complete when every replica is updated and available', () => {
    const d = deploy(2);
    const s = deploymentStatus(d, rs('web-new', 2, 2), [rs('web-new', 2, 2)], '2026-01-01T00:00:00Z');
    expect(s).toMatchObject({ observedGeneration: 3, replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    expect(s.conditions.map((c: any) => `${c.type}=${c.status}:${c.reason}`)).toEqual(['Available=True:MinimumReplicasAvailable', 'Progressing=True:NewReplicaSetAvailable']);
  });
});
