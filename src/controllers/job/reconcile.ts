import type { KubeObject } from '../../apiserver/types';

/** Whether a Job has finished (a Complete or Failed condition that is True). */
export function jobFinished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** The pods a Job controls. */
export function jobPods(job: KubeObject, pods: KubeObject[]): KubeObject[] {
  return pods.filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === job.metadata.uid));
}

/**
 * What the Job controller (pkg/controller/job) wants for a Job and its pods: how many pods to
 * start (up to parallelism, never past the completions still needed), which active pods to stop
 * once the Job is finished, and its status — succeeded/failed counts, and Complete when
 * `completions` pods succeeded or Failed with reason BackoffLimitExceeded or DeadlineExceeded.
 */
export function reconcileJob(job: KubeObject, pods: KubeObject[], now: string) {
  const mine = jobPods(job, pods);
  const active = mine.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const succeeded = mine.filter((p) => p.status?.phase === 'Succeeded').length + (job.status?.uncountedSucceeded ?? 0);
  const restarts = mine.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, s: any) => m + (s.restartCount ?? 0), 0), 0);
  const failedPods = mine.filter((p) => p.status?.phase === 'Failed').length;
  const failed = failedPods + (job.spec?.template?.spec?.restartPolicy === 'OnFailure' ? restarts : 0);
  const completions: number | undefined = job.spec?.completions ?? undefined;
  const parallelism: number = job.spec?.parallelism ?? 1;
  const backoffLimit: number = job.spec?.backoffLimit ?? 6;
  const status: Record<string, any> = { ...(job.status ?? {}) };
  status.startTime ??= now;
  const conditions: any[] = [...(status.conditions ?? [])];
  let finished = jobFinished(job);
  const deadline = job.spec?.activeDeadlineSeconds;
  if (!finished && deadline !== undefined && Date.parse(now) - Date.parse(status.startTime) >= deadline * 1000) {
    finished = 'Failed';
    conditions.push({ type: 'FailureTarget', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    conditions.push({ type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
  } else if (!finished && failed > backoffLimit) {
    finished = 'Failed';
    conditions.push({ type: 'FailureTarget', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    conditions.push({ type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  } else if (!finished && ((completions !== undefined && succeeded >= completions) || (completions === undefined && succeeded > 0 && !active.length))) {
    finished = 'Complete';
    conditions.push({ type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    conditions.push({ type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    status.completionTime = now;
  }
  let create = 0;
  const stop = finished ? active : [];
  if (!finished && !job.spec?.suspend) {
    const remaining = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : completions - succeeded;
    create = Math.max(0, Math.min(parallelism, remaining) - active.length);
  }
  const activeAfter = finished ? 0 : active.length + create;
  status.active = activeAfter || undefined;
  status.succeeded = succeeded || undefined;
  status.failed = failed || undefined;
  status.ready = finished ? 0 : active.filter((p) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
  status.terminating = mine.filter((p) => !!p.metadata.deletionTimestamp).length;
  status.conditions = conditions.length ? conditions : undefined;
  status.uncountedTerminatedPods = {};
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  return { create, stop, status, finished };
}
