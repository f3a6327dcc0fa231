import { controllerOwnerKeys, podFromTemplate } from '../owners';
import type { Controller } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { deleteOps } from '../../apiserver/registry/delete';
import { jsonEqual, timestamp } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { createAs } from '../client';
import { reconcileJob } from './reconcile';

const RESOURCE = 'jobs.batch';
const COMPONENT = 'job-controller';


/**
 * The Job controller: runs pods from the template until `completions` succeed (at most
 * `parallelism` at a time), gives up past `backoffLimit` failures or `activeDeadlineSeconds`,
 * and keeps the Job's status and its Complete/Failed conditions (what `kubectl wait` reads).
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
    const now = timestamp(ctx.now());
    const plan = reconcileJob(job, ctx.store.list('pods', ns).map((e) => e.obj), now);
    for (let i = 0; i < plan.create; i++) {
      const pod = createAs(ctx, COMPONENT, '', 'pods', podFromTemplate(job));
      if (pod) ctx.commit([recordEvent(ctx, job, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: COMPONENT })]);
    }
    for (const pod of plan.stop) ops.push(...deleteOps(ctx, 'pods', pod, { dryRun: false }).ops);
    const current = ctx.store.get(RESOURCE, ns, name)!;
    if (!jsonEqual(current.status ?? {}, plan.status)) {
      ops.push({ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status: plan.status } });
      if (plan.finished && !current.status?.conditions?.some((c: any) => c.type === plan.finished)) {
        const failed = plan.finished === 'Failed';
        ops.push(recordEvent(ctx, job, failed
          ? { type: 'Warning', reason: plan.status.conditions.at(-1).reason, message: plan.status.conditions.at(-1).message, component: COMPONENT }
          : { type: 'Normal', reason: 'Completed', message: 'Job completed', component: COMPONENT }));
      }
    }
    if (ops.length) ctx.commit(ops);
    const deadline = job.spec?.activeDeadlineSeconds;
    if (!plan.finished && deadline !== undefined) {
      const end = Date.parse(plan.status.startTime) + deadline * 1000;
      return { ops: [], requeueAfterMs: Math.max(0, end - ctx.now().getTime()) };
    }
    return { ops: [] };
  },
  resync(ctx) {
    return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
