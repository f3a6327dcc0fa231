/**
 * batch/v1 tables: jobs (NAME STATUS COMPLETIONS DURATION AGE) and cronjobs
 * (NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE), per upstream printers.go (v1.33).
 */
import { DOC } from './descriptions';
import {
  AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, age, boolPtr, col, containerCells,
  formatLabelSelector, humanDuration, int, nameOf, parseTime, since, type TablePrinter,
} from './helpers';

/** hasJobCondition: the first condition of that type decides, and it must be True. */
function jobCondition(job: any, type: string): boolean {
  for (const c of (job?.status?.conditions ?? []) as any[]) {
    if (c?.type === type) return c.status === 'True';
  }
  return false;
}

/** Job STATUS: Complete > Failed > Terminating > Suspended > FailureTarget > Running. */
export function jobStatus(job: any): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job?.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: any): string {
  const succeeded = int(job?.status?.succeeded);
  const completions = job?.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${int(completions)}`;
  const parallelism = int(job?.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: empty before start, running time while active, start→completion once done. */
function jobDuration(job: any, now: Date): string {
  const start = parseTime(job?.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(job?.status?.completionTime);
  return humanDuration((end ?? now.getTime()) - start);
}

const jobs: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', DOC.jobSucceeded),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.jobSelector, 1),
  ],
  row(job, now) {
    const [names, images] = containerCells(job?.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(job), jobStatus(job), jobCompletions(job), jobDuration(job, now), age(job, now),
        names, images, formatLabelSelector(job?.spec?.selector),
      ],
    };
  },
};

const cronjobs: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Schedule', 'string', DOC.cjSchedule),
    col('Timezone', 'string', DOC.cjTimeZone),
    col('Suspend', 'boolean', DOC.cjSuspend),
    col('Active', 'integer', DOC.cjActive),
    col('Last Schedule', 'string', DOC.cjLastSchedule),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.jobSelector, 1),
  ],
  row(cj, now) {
    const spec = cj?.spec ?? {};
    const last = cj?.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, now) : '<none>';
    const jobSpec = spec.jobTemplate?.spec ?? {};
    const [names, images] = containerCells(jobSpec.template?.spec?.containers);
    return {
      cells: [
        nameOf(cj), spec.schedule ?? '', spec.timeZone ?? '<none>', boolPtr(spec.suspend),
        (cj?.status?.active ?? []).length, last, age(cj, now), names, images, formatLabelSelector(jobSpec.selector),
      ],
    };
  },
};

/** batch printers keyed by plural. */
export const batchPrinters: Record<string, TablePrinter> = { jobs, cronjobs };
