import type { KubeObject } from '../../apiserver/types';
import { formatIndexes, indexesToAdd, parseIndexes, podIndex } from './indexed';
import { matchPodFailurePolicy } from './failure-policy';

/** Whether a Job has finished (a Complete or Failed condition that is True). */
export function jobFinished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** The pods a Job controls. */
export function jobPods(job: KubeObject, pods: KubeObject[]): KubeObject[] {
  return pods.filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === job.metadata.uid));
}

/** An event the Job controller reports about the Job. */
export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** What one reconcile of a Job wants. */
export interface JobPlan {
  /** Pods to start. */
  create: number;
  /** For Indexed Jobs, the completion index of each pod to start. */
  indexes?: number[];
  /** Active pods to stop (the Job finished or is suspended). */
  stop: KubeObject[];
  status: Record<string, any>;
  finished?: 'Complete' | 'Failed';
  events: JobEvent[];
}

const isActive = (p: KubeObject) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

/**
 * Set a condition's status (ensureJobConditionStatus): added when missing (only if True),
 * updated with a new transition time when its status changes. Returns whether it changed.
 */
function ensureCondition(conditions: any[], type: string, status: 'True' | 'False', reason: string, message: string, now: string): boolean {
  const c = conditions.find((x) => x.type === type);
  if (!c) {
    if (status === 'False') return false;
    conditions.push({ type, status, lastProbeTime: now, lastTransitionTime: now, reason, message });
    return true;
  }
  if (c.status === status && c.reason === reason && c.message === message) return false;
  Object.assign(c, { status, reason, message, lastProbeTime: now, lastTransitionTime: c.status === status ? c.lastTransitionTime : now });
  return true;
}

function fail(conditions: any[], reason: string, message: string, now: string): void {
  for (const type of ['FailureTarget', 'Failed']) conditions.push({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message });
}

/**
 * What the Job controller (pkg/controller/job) wants for a Job and its pods: how many pods to
 * start (up to parallelism, never past the completions still needed; for Indexed Jobs, which
 * indexes), which active pods to stop (finished or suspended), and its status — succeeded and
 * failed counts (failures an Ignore rule of podFailurePolicy matched left out), completedIndexes,
 * Suspended/resumed, and Complete, or Failed with reason PodFailurePolicy, BackoffLimitExceeded
 * or DeadlineExceeded. Counts never go down when finished pods are deleted.
 */
export function reconcileJob(job: KubeObject, pods: KubeObject[], now: string): JobPlan {
  const mine = jobPods(job, pods);
  const spec = job.spec ?? {};
  const indexed = spec.completionMode === 'Indexed';
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const backoffLimit: number = spec.backoffLimit ?? 6;
  const suspended = !!spec.suspend;
  const events: JobEvent[] = [];
  const status: Record<string, any> = structuredClone(job.status ?? {});
  const conditions: any[] = [...(status.conditions ?? [])];
  let finished = jobFinished(job);

  const active = mine.filter(isActive);
  const succeededPods = mine.filter((p) => p.status?.phase === 'Succeeded');
  let completed = new Set<number>();
  let succeeded: number;
  if (indexed && completions !== undefined) {
    completed = parseIndexes(status.completedIndexes, completions);
    for (const p of succeededPods) {
      const i = podIndex(p);
      if (i !== undefined && i < completions) completed.add(i);
    }
    succeeded = completed.size;
  } else {
    succeeded = Math.max(succeededPods.length + (status.uncountedSucceeded ?? 0), status.succeeded ?? 0);
  }
  let failJobMessage: string | undefined;
  let failedPods = 0;
  for (const p of mine.filter((x) => x.status?.phase === 'Failed')) {
    const verdict = matchPodFailurePolicy(spec.podFailurePolicy, p);
    if (verdict.count) failedPods++;
    failJobMessage ??= verdict.failJob;
  }
  const restarts = spec.template?.spec?.restartPolicy === 'OnFailure' ? mine.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, s: any) => m + (s.restartCount ?? 0), 0), 0) : 0;
  const failed = Math.max(failedPods + restarts, status.failed ?? 0);

  // Suspend and resume (a finished Job is neither).
  if (!finished) {
    if (suspended) {
      if (ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
    } else {
      if (ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
        events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
        // The active deadline counts from the resumption (upstream resets StartTime).
        status.startTime = now;
      }
      status.startTime ??= now;
    }
  }

  const deadline = spec.activeDeadlineSeconds;
  if (finished) {
    // Already decided.
  } else if (failJobMessage) {
    finished = 'Failed';
    fail(conditions, 'PodFailurePolicy', failJobMessage, now);
  } else if (failed > backoffLimit) {
    finished = 'Failed';
    fail(conditions, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
  } else if (!suspended && deadline != null && status.startTime && Date.parse(now) - Date.parse(status.startTime) >= deadline * 1000) {
    finished = 'Failed';
    fail(conditions, 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
  } else if ((completions !== undefined && succeeded >= completions) || (completions === undefined && succeeded > 0 && !active.length)) {
    finished = 'Complete';
    for (const type of ['SuccessCriteriaMet', 'Complete']) conditions.push({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    status.completionTime = now;
  }

  let create = 0;
  let indexes: number[] | undefined;
  const stop = finished || suspended ? active : [];
  if (!finished && !suspended) {
    if (indexed && completions !== undefined) {
      const running = new Set(active.map(podIndex).filter((i): i is number => i !== undefined));
      const want = Math.max(0, Math.min(parallelism, completions - completed.size) - active.length);
      indexes = indexesToAdd(completed, running, completions, want);
      create = indexes.length;
    } else {
      const remaining = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : completions - succeeded;
      create = Math.max(0, Math.min(parallelism, remaining) - active.length);
    }
  }
  const activeAfter = finished || suspended ? 0 : active.length + create;
  status.active = activeAfter || undefined;
  status.succeeded = succeeded || undefined;
  status.failed = failed || undefined;
  if (indexed) status.completedIndexes = formatIndexes(completed) || undefined;
  status.ready = finished || suspended ? 0 : active.filter((p) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
  status.terminating = mine.filter((p) => !!p.metadata.deletionTimestamp).length;
  status.conditions = conditions.length ? conditions : undefined;
  status.uncountedTerminatedPods = {};
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  return { create, indexes, stop, status, finished, events };
}
