import { describe, it, expect } from 'vitest';
import { reconcileJob } from '../../../src/controllers/job/reconcile';

const now = '2026-01-01T00:01:00Z';
const job = (spec: any = {}, status: any = undefined) => ({ metadata: { name: 'pi', namespace: 'd', uid: 'job-uid' }, spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: { spec: { restartPolicy: 'Never' } }, ...spec }, status });
const pod = (phase: string) => ({ metadata: { name: `pi-${Math.random()}`, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true }] }, status: { phase } });

describe('the Job controller', () => {
  it('starts up to parallelism pods, never more than the completions left', () => {
    expect(reconcileJob(job({ completions: 3, parallelism: 2 }), [], now).create).toBe(2);
    expect(reconcileJob(job({ completions: 3, parallelism: 2 }), [pod('Succeeded'), pod('Succeeded'), pod('Running')], now).create).toBe(0);
    expect(reconcileJob(job({ completions: 3, parallelism: 2 }), [pod('Succeeded'), pod('Succeeded')], now).create).toBe(1);
  });

  it('is Complete once completions pods succeeded', () => {
    const plan = reconcileJob(job(), [pod('Succeeded')], now);
    expect(plan.finished).toBe('Complete');
    expect(plan.status).toMatchObject({ succeeded: 1, completionTime: now });
    expect(plan.status.conditions.map((c: any) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('fails with BackoffLimitExceeded past backoffLimit failures', () => {
    const plan = reconcileJob(job({ backoffLimit: 1 }), [pod('Failed'), pod('Failed')], now);
    expect(plan.finished).toBe('Failed');
    expect(plan.status.conditions.at(-1)).toMatchObject({ type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(plan.create).toBe(0);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and stops its pods', () => {
    const plan = reconcileJob(job({ activeDeadlineSeconds: 30 }, { startTime: '2026-01-01T00:00:00Z' }), [pod('Running')], now);
    expect(plan.finished).toBe('Failed');
    expect(plan.stop).toHaveLength(1);
    expect(plan.status.conditions.at(-1).reason).toBe('DeadlineExceeded');
  });
});
