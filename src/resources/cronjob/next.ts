/**
 * Running a CronJob schedule: robfig/cron's ParseStandard and Schedule.Next as the CronJob
 * controller uses them (pkg/controller/cronjob formatSchedule + cron.ParseStandard). Five-field
 * specs and the `@hourly`-style descriptors go to cron-parser; `@every <duration>` is robfig's
 * constant-delay schedule; a `TZ=`/`CRON_TZ=` prefix (or the CronJob's timeZone, which upstream
 * turns into such a prefix) sets the zone the fields are read in.
 */
import { CronExpressionParser } from 'cron-parser';
import { scheduleError, timeZoneError } from './schedule';

/** A parsed schedule: `next(t)` is the first activation strictly after `t` (undefined: never). */
export interface CronSchedule {
  next(after: Date): Date | undefined;
}

/** robfig's descriptors as five-field specs. */
const DESCRIPTOR_SPECS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration in milliseconds (`1h30m`, `90s`, `1.5h`); undefined when malformed. */
export function parseGoDuration(s: string): number | undefined {
  if (!/^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)/g)) {
    if (m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * GO_UNITS[m[2]];
  }
  return total;
}

/**
 * The spec the controller parses (formatSchedule): the schedule as written when it carries
 * `TZ`, else `TZ=<timeZone> <schedule>` when the CronJob names a zone.
 */
export function formatSchedule(schedule: string, timeZone?: string | null): string {
  if (schedule.includes('TZ')) return schedule;
  if (timeZone != null && !timeZoneError(timeZone)) return `TZ=${timeZone} ${schedule}`;
  return schedule;
}

/**
 * Parse a spec as cron.ParseStandard does; throws with robfig's message when it does not parse.
 * A spec that parses but never fires (`0 0 31 2 *`) gives a schedule whose next is undefined.
 */
export function parseSchedule(spec: string): CronSchedule {
  const problem = scheduleError(spec);
  if (problem) throw new Error(problem);
  let rest = spec;
  let tz: string | undefined;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    tz = rest.slice(rest.indexOf('=') + 1, space);
    if (timeZoneError(tz)) throw new Error(`provided bad location ${tz}: unknown time zone ${tz}`);
    rest = rest.slice(space + 1).trim();
  }
  if (rest.startsWith('@every ')) {
    // ConstantDelaySchedule: at least a second, whole seconds, counted from t's whole second.
    const delay = Math.max(1000, Math.floor(parseGoDuration(rest.slice(7))! / 1000) * 1000);
    return { next: (t) => new Date(Math.floor(t.getTime() / 1000) * 1000 + delay) };
  }
  const fields = DESCRIPTOR_SPECS[rest] ?? rest.split(/\s+/).filter(Boolean).join(' ');
  try {
    CronExpressionParser.parse(fields, tz ? { tz } : {});
  } catch {
    // robfig accepts day-of-month values a month never has; such a schedule never fires.
    return { next: () => undefined };
  }
  return {
    next(after) {
      try {
        const it = CronExpressionParser.parse(fields, { currentDate: after, ...(tz ? { tz } : {}) });
        const d = it.next().toDate();
        return d.getTime() > after.getTime() ? d : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Offset of `zone` from UTC at instant `d`, in minutes. */
function zoneOffsetMinutes(d: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

/** Go's `t.In(zone).Format(time.RFC3339)`: `2026-01-01T09:00:00+09:00`, or `…Z` in UTC. */
export function rfc3339In(d: Date, zone?: string | null): string {
  const off = zone && !timeZoneError(zone) ? zoneOffsetMinutes(d, zone) : 0;
  const local = new Date(Math.floor(d.getTime() / 1000) * 1000 + off * 60_000).toISOString().slice(0, 19);
  if (off === 0) return `${local}Z`;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's `t.UTC().Format(time.RFC1123Z)`: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
