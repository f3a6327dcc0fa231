/**
 * CronJob schedule and timeZone checks with the messages kube-apiserver returns: it parses with
 * robfig/cron's ParseStandard, so errors read like `expected exactly 5 fields, found 1: [foo]`
 * or `end of range (70) above maximum (59): 70`. Our own parser reproduces those messages;
 * cron-parser is the final arbiter for anything it lets through.
 */
import { CronExpressionParser } from 'cron-parser';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Go's strconv.Atoi on a non-negative decimal, with robfig's wording on failure. */
function parseIntOrThrow(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function intOrName(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  return named !== undefined ? named : parseIntOrThrow(s);
}

/** robfig/cron getRange for one comma-separated part. */
function checkRange(expr: string, b: Bounds): void {
  const [rangePart, ...stepParts] = expr.split('/');
  const lowAndHigh = rangePart.split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = intOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], b);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  if (stepParts.length > 1) throw new Error(`too many slashes: ${expr}`);
  if (stepParts.length === 1) {
    const step = parseIntOrThrow(stepParts[0]);
    if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = b.max;
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
}

/** Go time.ParseDuration, loosely (only to accept `@every 1h30m`). */
const GO_DURATION = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/;

/** The error text of cron.ParseStandard for `schedule`, or undefined when it parses. */
export function scheduleError(schedule: string): string | undefined {
  try {
    if (schedule.length === 0) return 'empty spec string';
    let spec = schedule;
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) spec = spec.slice(spec.indexOf(' ') + 1).trim();
    if (spec.startsWith('@')) {
      if (DESCRIPTORS.has(spec)) return undefined;
      if (spec.startsWith('@every ')) {
        const d = spec.slice('@every '.length);
        return GO_DURATION.test(d) ? undefined : `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(d)}`;
      }
      return `unrecognized descriptor: ${spec}`;
    }
    const fields = spec.split(/\s+/).filter((f) => f.length > 0);
    if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
    fields.forEach((f, i) => f.split(',').forEach((part) => checkRange(part, FIELDS[i])));
    try {
      CronExpressionParser.parse(fields.join(' '));
    } catch (e) {
      // robfig accepts a day of month no month has (`0 0 31 2 *`); the controller reports it.
      if (!/explicit day of month/i.test((e as Error).message)) throw e;
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The error text of validateTimeZone for a set timeZone, or undefined when it is known. */
export function timeZoneError(tz: string): string | undefined {
  if (tz.length === 0) return 'timeZone must be nil or non-empty string';
  if (tz.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z\.\-_0-9+]{1,14}$/.test(part)) return `unknown time zone ${tz}`;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return undefined;
  } catch {
    return `unknown time zone ${tz}`;
  }
}
