/**
 * What tools observe of a running container: its logs (kubectl logs) and its resource usage
 * (metrics.k8s.io), both derived from the image behaviour and the container's start time.
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEnv, StageContext } from './types';
import { findContainer } from './pod-status';
import { behaviourOf } from './container-run';
import { jitter, ms, profileScale } from './timing';
import { DATE_TOKEN, type LogLine } from '../images/shell';

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

/** Lines printed between `start` and `end` (epoch ms) by a run of the behaviour; at most the last 5000. */
function linesOf(pod: KubeObject, ctx: StageContext, c: any, start: number, end: number, finished: boolean): string {
  const b = behaviourOf(pod, ctx, c);
  // A finished run printed everything up to its exit, even when the second-granular stamps say 0s.
  const limit = Math.max((end - start) / ctx.scale, finished ? b.timeline.exitAfterMs ?? 0 : 0);
  const out: { at: number; text: string }[] = b.timeline.logs.filter((l) => l.atMs <= limit).map((l) => ({ at: l.atMs, text: l.text }));
  const loop = b.timeline.loop;
  if (loop && loop.lines.length) {
    const iterations = Math.floor((limit - loop.startMs) / loop.periodMs) + 1;
    const first = Math.max(0, iterations - Math.ceil(5000 / loop.lines.length));
    const passes = loop.render?.(first, iterations);
    for (let i = first; i < iterations; i++) {
      for (const l of (passes?.[i - first] ?? loop.lines) as LogLine[]) {
        const at = loop.startMs + i * loop.periodMs + l.atMs;
        if (at <= limit) out.push({ at, text: l.text });
      }
    }
  }
  return out.slice(-5000).map((l) => render(l.text, start + l.at * ctx.scale) + '\n').join('');
}

/**
 * The logs a container printed so far (`previous`: its last terminated run). Empty when it never
 * ran; the caller answers kubectl's errors (e.g. previous terminated container not found).
 */
export function containerLogs(pod: KubeObject, containerName: string, env: KubeletEnv, opts: { previous?: boolean } = {}): string {
  const ctx = ctxOf(env);
  const found = findContainer(pod, containerName);
  if (!found?.status) return '';
  const s = found.status;
  const run = opts.previous ? s.lastState?.terminated : s.state?.running ?? s.state?.terminated;
  const start = ms(run?.startedAt);
  if (!run || start === undefined || start <= 0) return '';
  const end = ms(run.finishedAt) ?? ctx.now;
  return linesOf(pod, ctx, found.spec, start, end, run.finishedAt !== undefined);
}

/** Whether `previous` logs exist (the container has terminated at least once). */
export function hasPreviousLogs(pod: KubeObject, containerName: string): boolean {
  return !!findContainer(pod, containerName)?.status?.lastState?.terminated;
}

/**
 * Usage of a running container for metrics.k8s.io: cpu in nanocores (`1234567n`) and memory
 * in KiB (`2844Ki`), from the image behaviour and annotations, ±3% stable jitter per minute.
 * A container that is not running uses nothing.
 */
export function containerUsage(pod: KubeObject, containerName: string, env: KubeletEnv): { cpu: string; memory: string } {
  const ctx = ctxOf(env);
  const found = findContainer(pod, containerName);
  if (!found?.status?.state?.running) return { cpu: '0', memory: '0' };
  const b = behaviourOf(pod, ctx, found.spec);
  const j = 0.97 + 0.06 * jitter(pod.metadata.uid ?? '', `${containerName}@${Math.floor(ctx.now / 60_000)}`);
  const cpu = Math.round(b.cpuNanocores * j);
  const mem = Math.round((b.memoryBytes * (0.99 + (j - 0.97) / 3)) / 1024);
  return { cpu: `${cpu}n`, memory: `${mem}Ki` };
}
