import { describe, it, expect } from 'vitest';
import { reconcileJob } from '../../../src/controllers/job/reconcile';
import { applyIndex, formatIndexes, parseIndexes } from '../../../src/controllers/job/indexed';
import { matchPodFailurePolicy } from '../../../src/controllers/job/failure-policy';
import { ttlExpiry } from '../../../src/controllers/job/ttl';
import { podFromTemplate } from '../../../src/controllers/owners';

const now = '2026-01-01T00:01:00Z';
const job = (spec: any = {}, status: any = undefined) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'd', uid: 'job-uid' }, spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...spec }, status });
let n = 0;
const pod = (phase: string, extra: { index?: number; exitCode?: number; conditions?: any[] } = {}) => ({
  metadata: {
    name: `pi-${++n}`,
    namespace: 'd',
    ...(extra.index !== undefined ? { annotations: { 'batch.kubernetes.io/job-completion-index': String(extra.index) } } : {}),
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true }],
  },
  status: { phase, conditions: extra.conditions ?? [], containerStatuses: extra.exitCode !== undefined ? [{ name: 'main', state: { terminated: { exitCode: extra.exitCode } } }] : [] },
});

describe('Indexed Jobs', () => {
  it('start the lowest indexes that are neither done nor running, up to parallelism', () => {
    const plan = reconcileJob(job({ completionMode: 'Indexed', completions: 5, parallelism: 2 }, { completedIndexes: '0' }), [pod('Running', { index: 1 }), pod('Succeeded', { index: 2 })], now);
    expect(plan.indexes).toEqual([3]);
    expect(plan.status.completedIndexes).toBe('0,2');
    expect(plan.status.succeeded).toBe(2);
  });

  it('complete once every index succeeded', () => {
    const plan = reconcileJob(job({ completionMode: 'Indexed', completions: 3, parallelism: 3 }), [0, 1, 2].map((i) => pod('Succeeded', { index: i })), now);
    expect(plan.finished).toBe('Complete');
    expect(plan.status.completedIndexes).toBe('0-2');
  });

  it('give each pod its index annotation, label, hostname, generateName and JOB_COMPLETION_INDEX from the label', () => {
    const p = applyIndex(podFromTemplate(job({ completionMode: 'Indexed', completions: 3 }) as any), 'pi', 2);
    expect(p.metadata.annotations).toMatchObject({ 'batch.kubernetes.io/job-completion-index': '2' });
    expect(p.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-completion-index': '2' });
    expect(p.metadata.generateName).toBe('pi-2-');
    expect(p.spec.hostname).toBe('pi-2');
    expect(p.spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
  });

  it('write completed indexes as compressed intervals', () => {
    expect(formatIndexes([4, 0, 1, 2, 7, 8])).toBe('0-2,4,7-8');
    expect([...parseIndexes('0-2,4', 4)]).toEqual([0, 1, 2]);
  });
});

describe('podFailurePolicy', () => {
  const policy = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };

  it('fails the Job at once on a FailJob exit code, with upstream message', () => {
    const plan = reconcileJob(job({ podFailurePolicy: policy }), [pod('Failed', { exitCode: 42 })], now);
    expect(plan.finished).toBe('Failed');
    expect(plan.status.conditions.at(-1)).toMatchObject({ type: 'Failed', reason: 'PodFailurePolicy', message: 'Container main for pod d/pi-' + n + ' failed with exit code 42 matching FailJob rule at index 0' });
  });

  it('keeps ignored failures out of the backoffLimit count', () => {
    const disrupted = () => pod('Failed', { exitCode: 137, conditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    const plan = reconcileJob(job({ podFailurePolicy: policy, backoffLimit: 0 }), [disrupted(), disrupted()], now);
    expect(plan.finished).toBeUndefined();
    expect(plan.status.failed).toBeUndefined();
    expect(plan.create).toBe(1);
  });

  it('counts failures no rule matches, and names the pod condition when one decides', () => {
    expect(matchPodFailurePolicy(policy, pod('Failed', { exitCode: 1 }) as any)).toEqual({ count: true });
    const byCondition = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };
    const p = pod('Failed', { conditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    expect(matchPodFailurePolicy(byCondition, p as any).failJob).toBe(`Pod d/${p.metadata.name} has condition DisruptionTarget matching FailJob rule at index 0`);
  });
});

describe('suspend and resume', () => {
  it('a suspended Job stops its pods, starts none and says Suspended', () => {
    const running = pod('Running');
    const plan = reconcileJob(job({ suspend: true }, { startTime: '2026-01-01T00:00:00Z' }), [running], now);
    expect(plan.create).toBe(0);
    expect(plan.stop).toEqual([running]);
    expect(plan.status.conditions).toContainEqual(expect.objectContaining({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }));
    expect(plan.events).toEqual([{ type: 'Normal', reason: 'Suspended', message: 'Job suspended' }]);
  });

  it('a Job created suspended has no startTime', () => {
    expect(reconcileJob(job({ suspend: true }), [], now).status.startTime).toBeUndefined();
  });

  it('a resumed Job starts pods again, says Resumed and restarts its startTime', () => {
    const suspendedCond = { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastTransitionTime: '2026-01-01T00:00:00Z' };
    const plan = reconcileJob(job({ activeDeadlineSeconds: 30 }, { startTime: '2026-01-01T00:00:00Z', conditions: [suspendedCond] }), [], now);
    expect(plan.create).toBe(1);
    expect(plan.finished).toBeUndefined();
    expect(plan.status.startTime).toBe(now);
    expect(plan.status.conditions[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(plan.events).toEqual([{ type: 'Normal', reason: 'Resumed', message: 'Job resumed' }]);
  });
});

describe('ttlSecondsAfterFinished', () => {
  it('expires TTL seconds after the Job finished, never while it runs', () => {
    const done = job({ ttlSecondsAfterFinished: 10 }, { completionTime: '2026-01-01T00:00:50Z', conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-01-01T00:00:50Z' }] });
    expect(ttlExpiry(done as any)).toBe(Date.parse('2026-01-01T00:01:00Z'));
    const failed = job({ ttlSecondsAfterFinished: 0 }, { conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: '2026-01-01T00:00:40Z' }] });
    expect(ttlExpiry(failed as any)).toBe(Date.parse('2026-01-01T00:00:40Z'));
    expect(ttlExpiry(job({ ttlSecondsAfterFinished: 10 }) as any)).toBeUndefined();
  });
});

describe('finished pods that are deleted', () => {
  it('do not lower the succeeded and failed counts', () => {
    const plan = reconcileJob(job({ completions: 3, parallelism: 1 }, { succeeded: 2, failed: 1 }), [], now);
    expect(plan.status).toMatchObject({ succeeded: 2, failed: 1 });
    expect(plan.create).toBe(1);
  });
});
