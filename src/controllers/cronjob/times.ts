/**
 * When a CronJob is due (pkg/controller/cronjob/utils.go mostRecentScheduleTime,
 * nextScheduleTime, nextScheduleTimeDuration), in our own words.
 */
import type { KubeObject } from '../../apiserver/types';
import type { CronSchedule } from '../../resources/cronjob/next';

/** The padding upstream adds to every requeue, against clock skew (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** How many schedules were missed since the last one: none, a few, or more than 100. */
export type Missed = 'none' | 'few' | 'many';

/** What mostRecentScheduleTime finds. */
export interface RecentSchedule {
  /** The last schedule time, else the creation time (moved up to now - startingDeadlineSeconds). */
  earliest: Date;
  /** The latest activation in (earliest, now], if any. */
  mostRecent?: Date;
  missed: Missed;
  /** Set for schedules whose activations are less than a second apart (or never come). */
  error?: string;
}

/**
 * The most recent activation a Job should exist for. Like upstream it estimates the number of
 * missed activations from the gap between the first two after `earliest`, then walks the
 * schedule from one gap before the estimate, so a long outage costs a bounded amount of work.
 */
export function mostRecentScheduleTime(cj: KubeObject, now: Date, sched: CronSchedule, includeStartingDeadline: boolean): RecentSchedule {
  let earliest = new Date(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? now.toISOString());
  const sds = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && sds != null) {
    const deadline = new Date(now.getTime() - sds * 1000);
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = sched.next(earliest);
  const t2 = t1 && sched.next(t1);
  if (t1 && now < t1) return { earliest, missed: 'none' };
  if (t1 && t2 && now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const gap = t1 && t2 ? Math.round((t2.getTime() - t1.getTime()) / 1000) : 0;
  if (!t1 || !t2 || gap < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.floor((now.getTime() - t1.getTime()) / 1000);
  const missedCount = Math.floor(elapsed / gap) + 1;
  let mostRecent: Date | undefined;
  const from = new Date(t1.getTime() + (missedCount - 2) * gap * 1000);
  for (let t = sched.next(from), steps = 0; t && t <= now && steps < 10_000; t = sched.next(t), steps++) mostRecent = t;
  return { earliest, mostRecent, missed: missedCount > 100 ? 'many' : 'few' };
}

/**
 * The activation to start a Job for now (nextScheduleTime): the most recent one within the
 * starting deadline, or undefined. `tooMany` is set past 100 missed activations (upstream's
 * TooManyMissedTimes warning).
 */
export function nextScheduleTime(cj: KubeObject, now: Date, sched: CronSchedule): { time?: Date; tooMany: boolean; error?: string } {
  const r = mostRecentScheduleTime(cj, now, sched, true);
  if (!r.mostRecent || r.mostRecent > now) return { tooMany: false, error: r.error };
  return { time: r.mostRecent, tooMany: r.missed === 'many' };
}

/**
 * Milliseconds until the CronJob should be looked at again (nextScheduleTimeDuration): the
 * activation after the most recent one, plus the 100 ms padding; undefined if it never fires.
 */
export function nextScheduleDelay(cj: KubeObject, now: Date, sched: CronSchedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, sched, false);
  let base: Date;
  if (r.error) base = now;
  else if (!r.mostRecent) base = r.missed === 'none' ? r.earliest : now;
  else base = r.mostRecent;
  const next = sched.next(base);
  if (!next) return undefined;
  return Math.max(0, next.getTime() + NEXT_SCHEDULE_DELTA_MS - now.getTime());
}
