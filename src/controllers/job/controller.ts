import { controllerOwnerKeys, podFromTemplate } from '../owners';
import type { Controller } from '../types';
import type { WriteOp } from '../../cluster/storage';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual, timestamp } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { createAs } from '../client';
import { reconcileJob } from './reconcile';
import { applyIndex } from './indexed';
import { ttlExpiry } from './ttl';

const RESOURCE = 'jobs.batch';
const COMPONENT = 'job-controller';

/**
 * The Job controller: runs pods from the template until `completions` succeed (at most
 * `parallelism` at a time; one per index for Indexed Jobs), gives up past `backoffLimit`
 * failures, `activeDeadlineSeconds` or a FailJob rule of `podFailurePolicy`, stops its pods
 * while suspended, keeps the Job's status and its Complete/Failed conditions (what `kubectl
 * wait` reads), and deletes finished Jobs once `ttlSecondsAfterFinished` has passed (the
 * ttl-after-finished controller's work).
 */
export const jobController: Controller = {
  name: 'job',
  watches: [RESOURCE, 'pods'],
  keysFor(change) {
    if (change.resource === RESOURCE) return change.type === 'DELETED' ? [] : [`${change.namespace}/${change.name}`];
    return controllerOwnerKeys(change, 'Job');
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const job = ctx.store.get(RESOURCE, ns, name);
    const ops: WriteOp[] = [];
    if (!job || job.metadata.deletionTimestamp) return { ops: [] };
    const nowMs = ctx.now().getTime();
    const expires = ttlExpiry(job);
    if (expires !== undefined) {
      if (expires > nowMs) return { ops: [], requeueAfterMs: expires - nowMs };
      return { ops: deleteOps(ctx, RESOURCE, job, { dryRun: false, propagationPolicy: 'Foreground' }).ops };
    }
    const now = timestamp(ctx.now());
    const plan = reconcileJob(job, ctx.store.list('pods', ns).map((e) => e.obj), now);
    for (let i = 0; i < plan.create; i++) {
      const index = plan.indexes?.[i];
      const template = podFromTemplate(job);
      const pod = createAs(ctx, COMPONENT, '', 'pods', index === undefined ? template : applyIndex(template, name, index));
      if (pod) ctx.commit([recordEvent(ctx, job, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: COMPONENT })]);
    }
    for (const pod of plan.stop) {
      ops.push(...deleteOps(ctx, 'pods', pod, { dryRun: false }).ops);
      ops.push(recordEvent(ctx, job, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: COMPONENT }));
    }
    for (const e of plan.events) ops.push(recordEvent(ctx, job, { ...e, component: COMPONENT }));
    const current = ctx.store.get(RESOURCE, ns, name)!;
    if (!jsonEqual(current.status ?? {}, plan.status)) {
      ops.push({ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status: plan.status } });
      if (plan.finished && !current.status?.conditions?.some((c: any) => c.type === plan.finished)) {
        const last = plan.status.conditions.at(-1);
        ops.push(recordEvent(ctx, job, plan.finished === 'Failed'
          ? { type: 'Warning', reason: last.reason, message: last.message, component: COMPONENT }
          : { type: 'Normal', reason: 'Completed', message: 'Job completed', component: COMPONENT }));
      }
    }
    if (ops.length) ctx.commit(ops);
    if (plan.finished) {
      const after = ttlExpiry({ ...job, status: plan.status });
      return { ops: [], requeueAfterMs: after === undefined ? undefined : Math.max(0, after - nowMs) };
    }
    const deadline = job.spec?.activeDeadlineSeconds;
    if (!job.spec?.suspend && deadline != null && plan.status.startTime) {
      const end = Date.parse(plan.status.startTime) + deadline * 1000;
      return { ops: [], requeueAfterMs: Math.max(0, end - nowMs) };
    }
    return { ops: [] };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
