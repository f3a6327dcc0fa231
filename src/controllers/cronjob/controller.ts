import type { Controller, ControllerContext } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { controllerOwnerKeys } from '../owners';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual, timestamp } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { createAs } from '../client';
import { jobRef, jobsOf, planCronJob, type CronEvent } from './sync';

const RESOURCE = 'cronjobs.batch';
const JOBS = 'jobs.batch';
const COMPONENT = 'cronjob-controller';
/** When a Job could not be created, try again after this long (upstream: rate-limited requeue). */
const CREATE_RETRY_MS = 10_000;

function event(ctx: ControllerContext, cj: KubeObject, e: CronEvent): WriteOp {
  return recordEvent(ctx, cj, { ...e, component: COMPONENT });
}

/**
 * Starts the Job a due activation wants, or takes in the one that already has its name (a
 * previous run created it but did not record it). Returns the Job now standing for the
 * activation, or undefined when there is none of ours.
 */
function startJob(ctx: ControllerContext, cj: KubeObject, job: KubeObject): KubeObject | undefined {
  const existing = ctx.store.get(JOBS, cj.metadata.namespace!, job.metadata.name!);
  if (existing) {
    const ours = (existing.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === cj.metadata.uid);
    return ours ? existing : undefined;
  }
  const created = createAs(ctx, COMPONENT, 'batch', 'jobs', job);
  if (created) ctx.commit([event(ctx, cj, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created job ${created.metadata.name}` })]);
  return created;
}

/**
 * The CronJob controller (the v2 controller of pkg/controller/cronjob): starts a Job for each
 * activation of the schedule (in the CronJob's timeZone), honours suspend, concurrencyPolicy and
 * startingDeadlineSeconds, keeps status.active/lastScheduleTime/lastSuccessfulTime and the
 * successful/failed history limits, and asks to run again exactly at the next activation.
 */
export const cronJobController: Controller = {
  name: 'cronjob',
  watches: [RESOURCE, JOBS],
  keysFor(change) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    return controllerOwnerKeys(change, 'CronJob');
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const cj = ctx.store.get(RESOURCE, ns, name);
    if (!cj) return { ops: [] };
    const now = ctx.now();
    const plan = planCronJob(cj, jobsOf(cj, ctx.store.list(JOBS, ns).map((e) => e.obj)), now);
    const ops: WriteOp[] = [];
    for (const j of plan.deletes) {
      const current = ctx.store.get(JOBS, ns, j.metadata.name!);
      if (current && current.metadata.uid === j.metadata.uid) ops.push(...deleteOps(ctx, JOBS, current, { dryRun: false, propagationPolicy: 'Background' }).ops);
    }
    for (const e of plan.events) ops.push(event(ctx, cj, e));
    if (ops.length) ctx.commit(ops);
    const status = plan.status;
    let requeueAfterMs = plan.requeueAfterMs;
    if (plan.create && plan.scheduledTime) {
      const job = startJob(ctx, cj, plan.create);
      if (job) {
        if (!(status.active ?? []).some((r: any) => r.uid === job.metadata.uid)) status.active = [...(status.active ?? []), jobRef(job)];
        status.lastScheduleTime = timestamp(plan.scheduledTime);
      } else if (!ctx.store.get(JOBS, ns, plan.create.metadata.name!)) {
        requeueAfterMs = Math.min(requeueAfterMs ?? CREATE_RETRY_MS, CREATE_RETRY_MS);
      }
    }
    const current = ctx.store.get(RESOURCE, ns, name);
    if (current && !jsonEqual(current.status ?? {}, status)) ctx.commit([{ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status } }]);
    return { ops: [], requeueAfterMs };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
