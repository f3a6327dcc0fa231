/**
 * CronJobs (batch/v1 SetDefaults_CronJob, ValidateCronJob, pkg/registry/batch/cronjob/strategy.go):
 * concurrencyPolicy Allow, suspend false, history limits 3/1; schedule and timeZone checked as
 * upstream (see ./schedule); the job template follows the Job rules; names are at most 52 chars.
 */
import { invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { ensureObj, isObj, nonNegative } from '../podspec/common';
import { defaultPodTemplate } from '../podspec/defaults';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';
import { validateJobSpec } from '../job/strategy';
import { scheduleError, timeZoneError } from './schedule';

function validate(obj: Record<string, any>, old?: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata.name ?? '';
  if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  const spec = isObj(obj.spec) ? obj.spec : {};
  const schedule = spec.schedule;
  if (!schedule) errs.push(required('spec.schedule', ''));
  else {
    const msg = scheduleError(schedule);
    if (msg) errs.push(invalid('spec.schedule', schedule, msg));
    if (schedule.includes('TZ')) {
      if (!old?.spec?.schedule?.includes('TZ')) errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
      if (spec.timeZone != null) errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    }
  }
  if (typeof spec.timeZone === 'string') {
    const msg = timeZoneError(spec.timeZone);
    if (msg) errs.push(invalid('spec.timeZone', spec.timeZone, msg));
  }
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required('spec.concurrencyPolicy', ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : {};
  errs.push(...validateJobSpec(jt.spec, 'spec.jobTemplate.spec', { selectorRequired: false }));
  if (jt.spec?.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  return errs;
}

/** The strategy of `cronjobs.batch`. */
export const cronJobStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    spec.concurrencyPolicy ||= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jt = ensureObj(spec, 'jobTemplate');
    if (!isObj(jt.metadata)) jt.metadata = { creationTimestamp: null };
    defaultPodTemplate(ensureObj(ensureObj(jt, 'spec'), 'template'));
  },
  prepareForCreate: (obj) => prepareCreate(obj, { generation: true }),
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
  validate: (obj) => validate(obj),
  validateUpdate: (obj, old) => validate(obj, old),
};
