import { describe, it, expect } from 'vitest';
import { planCronJob, jobRef } from '../../../src/controllers/cronjob/sync';
import { mostRecentScheduleTime, nextScheduleDelay } from '../../../src/controllers/cronjob/times';
import { formatSchedule, parseSchedule, rfc1123z, rfc3339In } from '../../../src/resources/cronjob/next';

const cronJob = (spec: any = {}, status: any = undefined, created = '2026-01-01T00:00:30Z') => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'd', uid: 'cj-uid', creationTimestamp: created },
  spec: { schedule: '*/1 * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: { metadata: { labels: { app: 'x' }, annotations: { note: 'y' } }, spec: { template: { spec: { restartPolicy: 'OnFailure' } } } }, ...spec },
  status,
});
let n = 0;
const job = (name: string, cond?: 'Complete' | 'Failed', extra: any = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'd', uid: `${name}-uid`, resourceVersion: String(++n), ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true }] },
  status: { startTime: extra.startTime ?? '2026-01-01T00:00:00Z', ...(cond ? { conditions: [{ type: cond, status: 'True' }], ...(cond === 'Complete' ? { completionTime: extra.completionTime ?? '2026-01-01T00:00:05Z' } : {}) } : {}) },
});
const at = (s: string) => new Date(s);

describe('CronJob schedules', () => {
  it('finds the next activation strictly after a time, for fields and descriptors', () => {
    expect(parseSchedule('*/1 * * * *').next(at('2026-01-01T00:00:00Z'))).toEqual(at('2026-01-01T00:01:00Z'));
    expect(parseSchedule('@hourly').next(at('2026-01-01T00:30:00Z'))).toEqual(at('2026-01-01T01:00:00Z'));
    expect(parseSchedule('@every 90s').next(at('2026-01-01T00:00:00.400Z'))).toEqual(at('2026-01-01T00:01:30Z'));
  });

  it('reads the fields in the CronJob time zone (timeZone becomes a TZ= prefix)', () => {
    const spec = formatSchedule('0 9 * * *', 'Asia/Tokyo');
    expect(spec).toBe('TZ=Asia/Tokyo 0 9 * * *');
    expect(parseSchedule(spec).next(at('2026-01-01T01:00:00Z'))).toEqual(at('2026-01-02T00:00:00Z'));
    expect(parseSchedule('CRON_TZ=America/New_York 0 9 * * *').next(at('2026-01-01T00:00:00Z'))).toEqual(at('2026-01-01T14:00:00Z'));
  });

  it('formats times as Go does for the annotation and the MissSchedule event', () => {
    expect(rfc3339In(at('2026-01-02T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-02T09:00:00+09:00');
    expect(rfc3339In(at('2026-01-02T00:00:00Z'))).toBe('2026-01-02T00:00:00Z');
    expect(rfc1123z(at('2026-01-02T03:04:05Z'))).toBe('Fri, 02 Jan 2026 03:04:05 +0000');
  });

  it('estimates the most recent activation after a long outage without walking every one', () => {
    const r = mostRecentScheduleTime(cronJob(), at('2026-01-02T00:00:10Z'), parseSchedule('* * * * *'), false);
    expect(r.mostRecent).toEqual(at('2026-01-02T00:00:00Z'));
    expect(r.missed).toBe('many');
  });

  it('requeues at the next activation plus 100 ms, never sooner', () => {
    expect(nextScheduleDelay(cronJob(), at('2026-01-01T00:00:40Z'), parseSchedule('* * * * *'))).toBe(20_100);
  });
});

describe('the CronJob controller', () => {
  it('starts a Job named after the activation in minutes, with the template metadata and a controller reference', () => {
    const plan = planCronJob(cronJob(), [], at('2026-01-01T00:01:00.100Z'));
    expect(plan.create?.metadata).toMatchObject({
      name: 'hello-29453761',
      labels: { app: 'x' },
      annotations: { note: 'y', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:01:00Z' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(plan.scheduledTime).toEqual(at('2026-01-01T00:01:00Z'));
    expect(plan.requeueAfterMs).toBe(60_000);
  });

  it('does nothing before the first activation, and asks to be woken at it', () => {
    const plan = planCronJob(cronJob(), [], at('2026-01-01T00:00:45Z'));
    expect(plan.create).toBeUndefined();
    expect(plan.requeueAfterMs).toBe(15_100);
  });

  it('does not start an activation twice', () => {
    const plan = planCronJob(cronJob({}, { lastScheduleTime: '2026-01-01T00:01:00Z' }), [], at('2026-01-01T00:01:20Z'));
    expect(plan.create).toBeUndefined();
    expect(plan.requeueAfterMs).toBe(40_100);
  });

  it('starts nothing and sets no timer while suspended', () => {
    const plan = planCronJob(cronJob({ suspend: true }), [], at('2026-01-01T00:05:00Z'));
    expect(plan.create).toBeUndefined();
    expect(plan.requeueAfterMs).toBeUndefined();
  });

  it('with Forbid, skips an activation while a Job is active', () => {
    const running = job('hello-29453761');
    const plan = planCronJob(cronJob({ concurrencyPolicy: 'Forbid' }, { active: [jobRef(running)], lastScheduleTime: '2026-01-01T00:01:00Z' }), [running], at('2026-01-01T00:02:00.1Z'));
    expect(plan.create).toBeUndefined();
    expect(plan.events).toContainEqual({ type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
  });

  it('with Replace, deletes the active Job and starts the new one', () => {
    const running = job('hello-29453761');
    const plan = planCronJob(cronJob({ concurrencyPolicy: 'Replace' }, { active: [jobRef(running)], lastScheduleTime: '2026-01-01T00:01:00Z' }), [running], at('2026-01-01T00:02:00.1Z'));
    expect(plan.deletes.map((j) => j.metadata.name)).toEqual(['hello-29453761']);
    expect(plan.events).toContainEqual({ type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted job hello-29453761' });
    expect(plan.status.active).toBeUndefined();
    expect(plan.create?.metadata.name).toBe('hello-29453762');
  });

  it('with Allow, starts the new Job beside the active one', () => {
    const running = job('hello-29453761');
    const plan = planCronJob(cronJob({}, { active: [jobRef(running)], lastScheduleTime: '2026-01-01T00:01:00Z' }), [running], at('2026-01-01T00:02:00.1Z'));
    expect(plan.deletes).toEqual([]);
    expect(plan.status.active).toHaveLength(1);
    expect(plan.create?.metadata.name).toBe('hello-29453762');
  });

  it('reports a missed start past startingDeadlineSeconds and starts nothing', () => {
    const plan = planCronJob(cronJob({ startingDeadlineSeconds: 10 }, { lastScheduleTime: '2026-01-01T00:00:00Z' }), [], at('2026-01-01T00:01:30Z'));
    // The deadline moves the window's start to now - 10 s: no activation inside it.
    expect(plan.create).toBeUndefined();
    const late = planCronJob(cronJob({ startingDeadlineSeconds: 10 }, { lastScheduleTime: '2026-01-01T00:00:00Z' }), [], at('2026-01-01T00:01:05Z'));
    expect(late.create?.metadata.name).toBe('hello-29453761');
  });

  it('warns about too many missed start times, then starts the most recent one', () => {
    const plan = planCronJob(cronJob({}, undefined, '2026-01-01T00:00:00Z'), [], at('2026-01-01T03:00:10Z'));
    expect(plan.events).toContainEqual({ type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
    expect(plan.scheduledTime).toEqual(at('2026-01-01T03:00:00Z'));
  });

  it('sees finished Jobs leave status.active and records the last successful time', () => {
    const done = job('hello-29453761', 'Complete', { completionTime: '2026-01-01T00:01:07Z' });
    const plan = planCronJob(cronJob({}, { active: [jobRef(done)], lastScheduleTime: '2026-01-01T00:01:00Z' }), [done], at('2026-01-01T00:01:10Z'));
    expect(plan.status.active).toBeUndefined();
    expect(plan.status.lastSuccessfulTime).toBe('2026-01-01T00:01:07Z');
    expect(plan.events).toContainEqual({ type: 'Normal', reason: 'SawCompletedJob', message: 'Saw completed job: hello-29453761, condition: Complete' });
  });

  it('drops active references to Jobs that are gone', () => {
    const gone = job('hello-29453761');
    const plan = planCronJob(cronJob({}, { active: [jobRef(gone)], lastScheduleTime: '2026-01-01T00:01:00Z' }), [], at('2026-01-01T00:01:10Z'));
    expect(plan.status.active).toBeUndefined();
    expect(plan.events).toContainEqual({ type: 'Normal', reason: 'MissingJob', message: 'Active job went missing: hello-29453761' });
  });

  it('keeps the newest successful and failed Jobs within the history limits', () => {
    const ok = [1, 2, 3, 4].map((i) => job(`ok-${i}`, 'Complete', { startTime: `2026-01-01T00:0${i}:00Z` }));
    const bad = [1, 2].map((i) => job(`bad-${i}`, 'Failed', { startTime: `2026-01-01T00:0${i}:00Z` }));
    const plan = planCronJob(cronJob({ suspend: true }), [...ok, ...bad], at('2026-01-01T00:05:00Z'));
    expect(plan.deletes.map((j) => j.metadata.name)).toEqual(['ok-1', 'bad-1']);
    expect(plan.events.filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message)).toEqual(['Deleted job ok-1', 'Deleted job bad-1']);
  });

  it('warns about a running Job it did not start (a manual run)', () => {
    const manual = job('manual-1');
    const plan = planCronJob(cronJob({ suspend: true }), [manual], at('2026-01-01T00:00:40Z'));
    expect(plan.events).toContainEqual({ type: 'Warning', reason: 'UnexpectedJob', message: 'Saw a job that the controller did not create or forgot: manual-1' });
  });
  it('reports a schedule that parses but never fires, as upstream does, and sets no timer', () => {
    const plan = planCronJob(cronJob({ schedule: '0 0 31 2 *' }), [], at('2026-01-01T00:05:00Z'));
    expect(plan.events).toContainEqual({ type: 'Warning', reason: 'InvalidSchedule', message: 'invalid schedule: 0 0 31 2 * : time difference between two schedules is less than 1 second' });
    expect(plan.requeueAfterMs).toBeUndefined();
  });

  it('stamps the scheduled time in the CronJob time zone', () => {
    const plan = planCronJob(cronJob({ schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' }, undefined, '2025-12-31T23:00:00Z'), [], at('2026-01-01T00:00:00.100Z'));
    expect(plan.create?.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T09:00:00+09:00');
  });
});
