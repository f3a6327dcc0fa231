/**
 * What the CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, sync,
 * cleanupFinishedJobs, syncCronJob) wants for one CronJob and the Jobs it controls: the history
 * to delete, the Jobs to replace, the Job to start for a due activation, the status and events,
 * and when to look again (the next activation, never sooner).
 */
import type { KubeObject } from '../../apiserver/types';
import { formatSchedule, parseSchedule, rfc1123z, rfc3339In, type CronSchedule } from '../../resources/cronjob/next';
import { timeZoneError } from '../../resources/cronjob/schedule';
import { nextScheduleDelay, nextScheduleTime } from './times';

/** The annotation with the activation a scheduled Job was made for (RFC 3339, in the CronJob's zone). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** An event about the CronJob (component cronjob-controller). */
export interface CronEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** The plan for one CronJob. */
export interface CronJobPlan {
  /** The status to write (compare with the stored one). */
  status: Record<string, any>;
  /** Jobs to delete (background propagation): old history, and active Jobs a Replace run ends. */
  deletes: KubeObject[];
  events: CronEvent[];
  /** The Job to create for `scheduledTime`; the caller adds it to status.active once it exists. */
  create?: KubeObject;
  scheduledTime?: Date;
  requeueAfterMs?: number;
}

/** The Job's Complete or Failed condition type when it is finished. */
export function finishedCondition(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** The Jobs a CronJob reconciles: those whose controller reference names it (getJobsToBeReconciled). */
export function jobsOf(cj: KubeObject, jobs: KubeObject[]): KubeObject[] {
  return jobs.filter((j) => (j.metadata.ownerReferences ?? []).some((r) => r.controller && r.kind === 'CronJob' && r.name === cj.metadata.name));
}

/** The ObjectReference status.active holds for a Job (reference.GetReference). */
export function jobRef(job: KubeObject): Record<string, string> {
  return { kind: 'Job', namespace: job.metadata.namespace!, name: job.metadata.name!, uid: job.metadata.uid!, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion! };
}

/** The name of the Job for an activation: `<cronjob>-<minutes since the epoch>` (getJobName). */
export function jobName(cj: KubeObject, scheduled: Date): string {
  return `${cj.metadata.name}-${Math.floor(scheduled.getTime() / 60_000)}`;
}

/**
 * The Job for an activation (getJobFromTemplate2): the template's labels, annotations and spec,
 * the scheduled-timestamp annotation, and a controller reference to the CronJob.
 */
export function jobFromTemplate(cj: KubeObject, scheduled: Date): KubeObject {
  const tpl = structuredClone(cj.spec?.jobTemplate ?? {});
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}) },
      annotations: { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduled, cj.spec?.timeZone) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: tpl.spec ?? {},
  };
}

/** Oldest first by status.startTime (unstarted last), names breaking ties (byJobStartTime). */
function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb || (sa && sb && Date.parse(sa) === Date.parse(sb))) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return Date.parse(sa) - Date.parse(sb);
}

/** Plan one sync of a CronJob at `now`, given the Jobs it controls (see jobsOf). */
export function planCronJob(cj: KubeObject, jobs: KubeObject[], now: Date): CronJobPlan {
  const status: Record<string, any> = structuredClone(cj.status ?? {});
  let active: any[] = [...(status.active ?? [])];
  const events: CronEvent[] = [];
  const deletes: KubeObject[] = [];
  const drop = (uid: string) => (active = active.filter((r) => r.uid !== uid));
  const plan = (more: Partial<CronJobPlan> = {}): CronJobPlan => {
    if (active.length) status.active = active;
    else delete status.active;
    return { status, deletes, events, ...more };
  };

  // cleanupFinishedJobs: keep the newest successfulJobsHistoryLimit / failedJobsHistoryLimit.
  const deleted = new Set<string>();
  for (const [kind, limit] of [['Complete', cj.spec?.successfulJobsHistoryLimit], ['Failed', cj.spec?.failedJobsHistoryLimit]] as const) {
    if (limit == null) continue;
    const finished = jobs.filter((j) => finishedCondition(j) === kind).sort(byStartTime);
    for (const j of finished.slice(0, Math.max(0, finished.length - limit))) {
      deletes.push(j);
      deleted.add(j.metadata.uid!);
      drop(j.metadata.uid!);
      events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${j.metadata.name}` });
    }
  }

  // The Jobs against status.active: adopt nothing, forget finished and vanished ones.
  const children = new Set(jobs.map((j) => j.metadata.uid));
  for (const j of jobs) {
    const found = active.some((r) => r.uid === j.metadata.uid);
    const cond = finishedCondition(j);
    if (!found && !cond) {
      events.push({ type: 'Warning', reason: 'UnexpectedJob', message: `Saw a job that the controller did not create or forgot: ${j.metadata.name}` });
    } else if (cond) {
      if (found) {
        drop(j.metadata.uid!);
        events.push({ type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${j.metadata.name}, condition: ${cond}` });
      }
      const done = j.status?.completionTime;
      if (cond === 'Complete' && done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) status.lastSuccessfulTime = done;
    }
  }
  for (const r of [...active]) {
    if (children.has(r.uid)) continue;
    events.push({ type: 'Normal', reason: 'MissingJob', message: `Active job went missing: ${r.name}` });
    drop(r.uid);
  }

  if (cj.metadata.deletionTimestamp) return plan();
  const tz = cj.spec?.timeZone;
  if (tz != null && timeZoneError(tz)) {
    events.push({ type: 'Warning', reason: 'UnknownTimeZone', message: `invalid timeZone: ${JSON.stringify(tz)}: unknown time zone ${tz}` });
    return plan();
  }
  if (cj.spec?.suspend) return plan();

  const schedule: string = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    events.push({ type: 'Warning', reason: 'UnsupportedSchedule', message: `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details` });
  }
  let sched: CronSchedule;
  try {
    sched = parseSchedule(formatSchedule(schedule, tz));
  } catch (e) {
    events.push({ type: 'Warning', reason: 'UnparseableSchedule', message: `unparseable schedule: ${JSON.stringify(schedule)} : ${(e as Error).message}` });
    return plan();
  }
  const later = () => nextScheduleDelay(cj, now, sched);
  const due = nextScheduleTime(cj, now, sched);
  if (due.error) {
    events.push({ type: 'Warning', reason: 'InvalidSchedule', message: `invalid schedule: ${schedule} : ${due.error}` });
    return plan();
  }
  if (due.tooMany) events.push({ type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
  const scheduled = due.time;
  if (!scheduled) return plan({ requeueAfterMs: later() });

  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null && scheduled.getTime() + sds * 1000 < now.getTime()) {
    events.push({ type: 'Warning', reason: 'MissSchedule', message: `Missed scheduled time to start a job: ${rfc1123z(scheduled)}` });
    return plan({ requeueAfterMs: later() });
  }
  const name = jobName(cj, scheduled);
  const last = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
  if (active.some((r) => r.name === name) || last === Math.floor(scheduled.getTime() / 1000) * 1000) return plan({ requeueAfterMs: later() });
  if (cj.spec?.concurrencyPolicy === 'Forbid' && active.length) {
    events.push({ type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
    return plan({ requeueAfterMs: later() });
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const r of [...active]) {
      const j = jobs.find((x) => x.metadata.uid === r.uid);
      if (!j) continue;
      if (!deleted.has(r.uid)) deletes.push(j);
      drop(r.uid);
      events.push({ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${j.metadata.name}` });
    }
  }
  // Upstream looks for the next activation after recording this one as the last.
  const after = { ...cj, status: { ...status, lastScheduleTime: scheduled.toISOString() } };
  return plan({ create: jobFromTemplate(cj, scheduled), scheduledTime: scheduled, requeueAfterMs: nextScheduleDelay(after, now, sched) });
}
