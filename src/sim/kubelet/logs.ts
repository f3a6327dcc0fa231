/**
 * What a container printed (`kubectl logs`), derived from its program's timeline and the run's
 * start time: each line has the moment it was written, so a followed log (`kubectl logs -f`)
 * knows when the next line comes and reads exactly the lines written since its cursor — in
 * order, none twice, none skipped — until the run it follows ends (the kubelet's follow stops
 * when the container exits, and kubectl with it, restart or not).
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEnv, StageContext } from './types';
import { findContainer } from './pod-status';
import { behaviourOf } from './container-run';
import type { Behaviour } from '../images/behaviour';
import { ms, profileScale } from './timing';
import { DATE_TOKEN, type LogLine, type LoopState } from '../images/shell';

/** Lines a log read returns at most (the newest ones), as a bounded container log file would. */
const MAX_LINES = 5000;

function ctxOf(env: KubeletEnv): StageContext {
  const now = env.now.getTime();
  return { env, now, since: now, scale: profileScale(env.profile) };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Replaces the time placeholders of a log line by the wall time it was printed. */
function render(text: string, at: number): string {
  const d = new Date(at);
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const ymd = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  return text
    .split(DATE_TOKEN).join(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} UTC ${d.getUTCFullYear()}`)
    .split('{{nginx}}').join(`${ymd.replace(/-/g, '/')} ${hms}`)
    .split('{{redis}}').join(`${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`)
    .split('{{iso}}').join(`${ymd} ${hms}`)
    .split('{{apache}}').join(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000 ${d.getUTCFullYear()}`);
}

/**
 * Lines of the timeline written after `from` and up to `to` (program ms since the start), the
 * newest MAX_LINES; `resume` is where a counting loop's last render stood (the new one's is returned).
 */
function linesBetween(b: Behaviour, from: number, to: number, resume?: LoopState): { lines: LogLine[]; loop?: LoopState } {
  const out: LogLine[] = b.timeline.logs.filter((l) => l.atMs > from && l.atMs <= to);
  const loop = b.timeline.loop;
  let state = resume;
  if (loop && loop.lines.length && to >= loop.startMs) {
    const end = Math.floor((to - loop.startMs) / loop.periodMs) + 1;
    const begin = Math.max(0, Math.floor((from - loop.startMs) / loop.periodMs), end - Math.ceil(MAX_LINES / loop.lines.length));
    const rendered = loop.render?.(begin, end, resume);
    state = rendered?.state;
    for (let i = begin; i < end; i++) {
      for (const l of (rendered?.passes[i - begin] ?? loop.lines) as LogLine[]) {
        const at = loop.startMs + i * loop.periodMs + l.atMs;
        if (at > from && at <= to) out.push({ atMs: at, text: l.text });
      }
    }
  }
  return { lines: out.slice(-MAX_LINES), loop: state };
}

/** When (program ms) the first line after `after` is written, if the program writes one. */
function nextLineAfter(b: Behaviour, after: number): number | undefined {
  let next = Infinity;
  for (const l of b.timeline.logs) if (l.atMs > after) next = Math.min(next, l.atMs);
  const loop = b.timeline.loop;
  if (loop && loop.lines.length) {
    const i = Math.max(0, Math.floor((after - loop.startMs) / loop.periodMs));
    for (const pass of [i, i + 1]) {
      for (const l of loop.lines) {
        const at = loop.startMs + pass * loop.periodMs + l.atMs;
        if (at > after) next = Math.min(next, at);
      }
    }
  }
  const exit = b.timeline.exitAfterMs;
  return next === Infinity || (exit !== undefined && next > exit) ? undefined : next;
}

/** A run of a container: started (epoch ms), finished or not, and how far its program got (program ms). */
interface RunView {
  b: Behaviour;
  start: number;
  limit: number;
  finished: boolean;
}

function runView(pod: KubeObject, ctx: StageContext, spec: any, run: any): RunView | undefined {
  const start = ms(run?.startedAt);
  if (!run || start === undefined || start <= 0) return undefined;
  const b = behaviourOf(pod, ctx, spec);
  const finished = run.finishedAt !== undefined;
  const end = ms(run.finishedAt) ?? ctx.now;
  // A finished run printed everything up to its exit, even when the second-granular stamps say 0s.
  const limit = Math.max((end - start) / ctx.scale, finished ? b.timeline.exitAfterMs ?? 0 : 0);
  return { b, start, limit, finished };
}

/** How a log is shown: `timestamps` (kubectl logs --timestamps), lines written at or after `sinceMs` (--since, --since-time). */
export interface LogFormat {
  timestamps?: boolean;
  sinceMs?: number;
}

/** The kubelet's timestamp of a line: RFC 3339 with nine fixed fraction digits (upstream RFC3339NanoFixed). */
function stamp(at: number): string {
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function text(v: RunView, ctx: StageContext, lines: LogLine[], f: LogFormat = {}): string {
  let out = '';
  for (const l of lines) {
    const at = v.start + l.atMs * ctx.scale;
    if (f.sinceMs !== undefined && at < f.sinceMs) continue;
    out += `${f.timestamps ? `${stamp(at)} ` : ''}${render(l.text, at)}\n`;
  }
  return out;
}

/**
 * The logs a container printed so far (`previous`: its last terminated run). Empty when it never
 * ran; the caller answers kubectl's errors (e.g. previous terminated container not found).
 */
export function containerLogs(pod: KubeObject, containerName: string, env: KubeletEnv, opts: { previous?: boolean } & LogFormat = {}): string {
  const ctx = ctxOf(env);
  const found = findContainer(pod, containerName);
  const s = found?.status;
  if (!s) return '';
  const v = runView(pod, ctx, found.spec, opts.previous ? s.lastState?.terminated : s.state?.running ?? s.state?.terminated);
  return v ? text(v, ctx, linesBetween(v.b, -1, v.limit).lines, opts) : '';
}

/** Whether `previous` logs exist (the container has terminated at least once). */
export function hasPreviousLogs(pod: KubeObject, containerName: string): boolean {
  return !!findContainer(pod, containerName)?.status?.lastState?.terminated;
}

/** Where a followed log stands: the run it reads (its startedAt), how far it has read (program ms), where its loop stood. */
export interface LogCursor {
  run: string;
  offset: number;
  loop?: LoopState;
}

/** One read of a followed log. */
export interface LogRead {
  /** Lines written since the cursor. */
  text: string;
  cursor: LogCursor;
  /** The followed run is over (or gone): nothing more will come. */
  ended: boolean;
  /** When (epoch ms) the next line is written, if the program writes one more. */
  nextAt?: number;
}

/** Starts following the container's current run: what it printed so far, from the beginning. */
export function followContainerLogs(pod: KubeObject, containerName: string, env: KubeletEnv, format: LogFormat = {}): LogRead {
  const s = findContainer(pod, containerName)?.status;
  const run = s?.state?.running ?? s?.state?.terminated;
  return readFollowedLogs(pod, containerName, env, { run: run?.startedAt ?? '', offset: -1 }, format);
}

/** What the followed run printed after `cursor` (its last lines too once it has ended). */
export function readFollowedLogs(pod: KubeObject | undefined, containerName: string, env: KubeletEnv, cursor: LogCursor, format: LogFormat = {}): LogRead {
  const ctx = ctxOf(env);
  const found = pod && findContainer(pod, containerName);
  const s = found?.status;
  // The run is the current one while it runs, then the terminated state, then (after a restart) the last state.
  const run = [s?.state?.running, s?.state?.terminated, s?.lastState?.terminated].find((r) => r?.startedAt && r.startedAt === cursor.run);
  const v = pod && found && run ? runView(pod, ctx, found.spec, run) : undefined;
  if (!v) return { text: '', cursor, ended: true };
  const { lines, loop } = linesBetween(v.b, cursor.offset, v.limit, cursor.loop);
  const next: LogCursor = { run: cursor.run, offset: Math.max(cursor.offset, v.limit), loop };
  const ended = v.finished || !s?.state?.running || s.state.running.startedAt !== cursor.run;
  const after = ended ? undefined : nextLineAfter(v.b, next.offset);
  return { text: text(v, ctx, lines, format), cursor: next, ended, nextAt: after === undefined ? undefined : v.start + after * ctx.scale };
}
