import { describe, it, expect } from 'vitest';
import { planBudget, DELETION_TIMEOUT_MS } from '../../../src/controllers/disruption/status';
import { spendDisruption } from '../../../src/apiserver/registry/eviction';

const now = new Date('2026-01-01T00:10:00Z');
const pdb = (spec: any, status: any = {}) => ({ metadata: { name: 'web', namespace: 'n', generation: 1 }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec }, status });
const pod = (name: string, ready = true, extra: any = {}) => ({
  metadata: { name, namespace: 'n', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }], ...extra },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const scale = (replicas: number) => () => ({ uid: 'dep', replicas });

describe('disruption controller', () => {
  it('allows currentHealthy - minAvailable disruptions', () => {
    const plan = planBudget(pdb({ minAvailable: 2 }), [pod('a'), pod('b'), pod('c', false)], scale(3), now);
    expect(plan.status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 0, observedGeneration: 1 });
    expect(plan.status.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '' })]);
  });

  it('computes maxUnavailable against the controllers scale', () => {
    const plan = planBudget(pdb({ maxUnavailable: '25%' }), [pod('a'), pod('b'), pod('c'), pod('d')], scale(4), now);
    expect(plan.status).toMatchObject({ currentHealthy: 4, desiredHealthy: 3, expectedPods: 4, disruptionsAllowed: 1 });
    expect(plan.status.conditions[0]).toMatchObject({ status: 'True', reason: 'SufficientPods' });
  });

  it('fails safe with SyncFailed when a pod has no known controller', () => {
    const plan = planBudget(pdb({ maxUnavailable: 1 }), [pod('a')], () => undefined, now);
    expect(plan.status.disruptionsAllowed).toBe(0);
    expect(plan.status.conditions[0]).toMatchObject({ status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "a"' });
  });

  it('keeps evicted pods out of currentHealthy until they go or the timeout passes', () => {
    const recent = new Date(now.getTime() - 1000).toISOString();
    const plan = planBudget(pdb({ minAvailable: 1 }, { disruptedPods: { a: recent } }), [pod('a'), pod('b'), pod('c', true, { deletionTimestamp: recent })], scale(3), now);
    expect(plan.status).toMatchObject({ currentHealthy: 1, disruptionsAllowed: 0, disruptedPods: { a: recent } });
    expect(plan.recheckAt).toBe(Date.parse(recent) + DELETION_TIMEOUT_MS + 1);
    const old = new Date(now.getTime() - DELETION_TIMEOUT_MS - 1000).toISOString();
    expect(planBudget(pdb({ minAvailable: 1 }, { disruptedPods: { a: old } }), [pod('a'), pod('b')], scale(2), now).status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
  });

  it('records NoPods for a budget that selects nothing', () => {
    expect(planBudget(pdb({ minAvailable: 1 }), [], scale(0), now).events).toEqual([{ type: 'Normal', reason: 'NoPods', message: 'No matching pods found' }]);
  });
});

describe('eviction budget check', () => {
  it('spends one disruption and records the pod', () => {
    const next = spendDisruption(pdb({ minAvailable: 1 }, { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1 }), 'a', '2026-01-01T00:10:00Z');
    expect(next.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { a: '2026-01-01T00:10:00Z' } });
    expect(next.status.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
  });

  it('refuses with 429 and the DisruptionBudget cause when none is allowed', () => {
    try {
      spendDisruption(pdb({ minAvailable: 2 }, { observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 }), 'a', 'x');
      expect.unreachable();
    } catch (e: any) {
      expect(e.status).toMatchObject({
        code: 429, reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 2 currently' }] },
      });
    }
  });

  it('asks to retry while the controller has not seen the budget', () => {
    expect(() => spendDisruption(pdb({ minAvailable: 1 }, { disruptionsAllowed: 5 }), 'a', 'x')).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
  });
});
