/**
 * Stages of a container once it has run: exits (as its image behaves), OOM kills, probes
 * (startup, liveness → kill and restart; readiness → Ready flips and Unhealthy events), and
 * restarts with CrashLoopBackOff. Upstream: kuberuntime_manager.go computePodActions and
 * doBackOff ("back-off %s restarting failed container=%s pod=%s"; event "Back-off restarting
 * failed container %s in pod %s"), "Container %s failed %s probe, will be restarted".
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEvent, StageContext, Transition } from './types';
import { containerBehaviour, type Behaviour } from '../images/behaviour';
import { resolveEnv } from './config';
import { fieldPath, setContainerStatus, terminatedState, waitingStatus } from './pod-status';
import { crashBackoffMs, ms, RESYNC_MS, scaled, stamp } from './timing';
import { formatGoDuration } from './quantity';
import { probeOnce, probeTiming, readinessFlips, startupSuccess, tripTime } from './probes';
import { startContainer, type ContainerRef } from './container-start';

/** The behaviour of a container in this pod (environment resolved now; missing values read as empty). */
export function behaviourOf(pod: KubeObject, ctx: StageContext, c: any): Behaviour {
  const env = resolveEnv(pod, c, ctx.env, pod.status?.podIP);
  return containerBehaviour(pod, c, 'env' in env ? env.env : {});
}

/** `name_namespace(uid)`, upstream's format.Pod. */
export function podDesc(pod: KubeObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
}

/** Grace period (seconds) of a kill: the probe's own, else the pod's, else 30. */
function graceSeconds(pod: KubeObject, probe?: any): number {
  return probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
}

/** Real ms from SIGTERM to exit, and the exit code: the image's handler, or SIGKILL at the grace end. */
export function stopAfter(b: Behaviour, graceS: number): { afterMs: number; exitCode: number } {
  if (b.sigterm && b.sigterm.exitAfterMs < graceS * 1000) return { afterMs: b.sigterm.exitAfterMs, exitCode: b.sigterm.exitCode };
  return { afterMs: graceS * 1000, exitCode: 137 };
}

/** The stage that terminates the container now with an exit code (and reason). */
function exitTransition(pod: KubeObject, ctx: StageContext, ref: ContainerRef, stage: string, at: number, exitCode: number, reason?: string): Transition {
  return {
    stage,
    at,
    apply: (p) => {
      const s = ref.status;
      const started = s.state.running.startedAt;
      const term = terminatedState(exitCode, started, stamp(ctx, ctx.now), s.containerID, reason);
      return { pod: setContainerStatus(p, ref.isInit, { ...s, state: term, ready: false, started: false }), events: [] };
    },
  };
}

/** Transitions of a running container: exit, OOM, probe kills, startup and readiness changes. */
export function runningTransitions(pod: KubeObject, ctx: StageContext, ref: ContainerRef, deleting: boolean): Transition[] {
  const c = ref.spec;
  const s = ref.status;
  const start = ms(s.state.running.startedAt)!;
  const at = (realMs: number) => start + scaled(ctx, realMs);
  const b = behaviourOf(pod, ctx, c);
  const ip = pod.status?.podIP ?? '';
  const fp = fieldPath(ref.isInit, c.name);
  const out: Transition[] = [];
  const exit = b.timeline.exitAfterMs;
  if (b.oomAfterMs !== undefined && (exit === undefined || b.oomAfterMs < exit)) out.push(exitTransition(pod, ctx, ref, 'oom-killed', at(b.oomAfterMs), 137, 'OOMKilled'));
  else if (exit !== undefined) out.push(exitTransition(pod, ctx, ref, 'container-exit', at(exit), b.timeline.exitCode));
  if (deleting || ref.isInit) return out;

  // Startup probe: liveness and readiness wait for it.
  let probesFrom = 0;
  if (c.startupProbe) {
    const ok = startupSuccess(c.startupProbe, c, b, ip);
    const trip = tripTime(c.startupProbe, c, b, ip, 0);
    if (trip && (ok === undefined || trip.at < ok)) {
      out.push(...killTransitions(pod, ctx, ref, b, 'startup', c.startupProbe, at(trip.at), trip.messages));
      return out;
    }
    if (ok === undefined) return out;
    probesFrom = ok;
    if (!s.started) out.push({ stage: 'container-started', at: at(ok), apply: (p) => ({ pod: setContainerStatus(p, false, { ...s, started: true, ready: !c.readinessProbe }), events: [] }) });
  }
  if (c.livenessProbe) {
    const trip = tripTime(c.livenessProbe, c, b, ip, probesFrom);
    if (trip) out.push(...killTransitions(pod, ctx, ref, b, 'liveness', c.livenessProbe, at(trip.at), trip.messages));
  }
  if (c.readinessProbe && (s.started || !c.startupProbe)) {
    const flips = readinessFlips(c.readinessProbe, c, b, ip, probesFrom);
    const rel = (ctx.now - start) / ctx.scale;
    const current = [...flips].reverse().find((f) => f.at <= rel);
    const desired = current?.ready ?? false;
    const pending = desired !== s.ready ? current : flips.find((f) => f.at > rel && f.ready !== s.ready);
    if (pending) {
      out.push({
        stage: pending.ready ? 'container-ready' : 'container-unready',
        at: at(pending.at),
        apply: (p) => ({ pod: setContainerStatus(p, false, { ...s, ready: pending.ready }), events: [] }),
      });
    }
    // Repeated Unhealthy events come at most once a second of cluster time: in the fast profile a
    // 5 s period is 5 ms, and an event every 5 ms would keep the cluster busy for nothing (the
    // kubelet's event recorder rate-limits repeats upstream too).
    const failure = nextFailingTick(c.readinessProbe, c, b, ip, probesFrom, (ctx.since + (ctx.scale < 1 ? MIN_EVENT_REPEAT_MS : 0) - start) / ctx.scale);
    if (failure) {
      out.push({ stage: 'readiness-failed', at: at(failure.at), eventOnly: true, apply: (p) => ({ pod: p, events: [{ type: 'Warning', reason: 'Unhealthy', message: `Readiness probe failed: ${failure.message}`, fieldPath: fp }] }) });
    }
  }
  return out;
}

/** The shortest cluster time between two repeated probe-failure events in a sped-up profile. */
const MIN_EVENT_REPEAT_MS = 1000;

/** The first failing probe tick strictly after `afterRel` (real ms since start), scanning at most 500 ticks. */
function nextFailingTick(probe: any, c: any, b: Behaviour, ip: string, fromRel: number, afterRel: number): { at: number; message: string } | undefined {
  const { initialMs, periodMs } = probeTiming(probe);
  const first = fromRel + initialMs;
  let k = Math.max(0, Math.floor((afterRel - first) / periodMs) + 1);
  for (let n = 0; n < 500; n++, k++) {
    const t = first + k * periodMs;
    if (t <= afterRel) continue;
    const r = probeOnce(probe, c, b, t, ip);
    if (r.message === 'container not running') return undefined;
    if (!r.ok) return { at: t, message: r.message };
  }
  return undefined;
}

/** A failed liveness/startup probe: Unhealthy events and Killing at `killAt`, exit after the stop time. */
function killTransitions(pod: KubeObject, ctx: StageContext, ref: ContainerRef, b: Behaviour, kind: string, probe: any, killAt: number, messages: string[]): Transition[] {
  const c = ref.spec;
  const fp = fieldPath(false, c.name);
  const stop = stopAfter(b, graceSeconds(pod, probe));
  const label = kind === 'liveness' ? 'Liveness' : 'Startup';
  const events: KubeletEvent[] = [
    ...messages.map((m) => ({ type: 'Warning' as const, reason: 'Unhealthy', message: `${label} probe failed: ${m}`, fieldPath: fp })),
    { type: 'Normal', reason: 'Killing', message: `Container ${c.name} failed ${kind} probe, will be restarted`, fieldPath: fp },
  ];
  const out: Transition[] = [{ stage: `${kind}-kill`, at: killAt, eventOnly: true, apply: (p) => ({ pod: p, events }) }];
  out.push(exitTransition(pod, ctx, ref, `${kind}-killed`, killAt + scaled(ctx, stop.afterMs), stop.exitCode));
  return out;
}

/** Whether the kubelet restarts a container that exited with `exitCode` (init containers: only failures). */
export function shouldRestart(pod: KubeObject, isInit: boolean, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (isInit) return exitCode !== 0 && policy !== 'Never';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/**
 * Restart of an exited container: immediate the first time (and after a run of 10 min or more,
 * when upstream's back-off entry has expired), then after 10s, 20s … 5m counted from the last
 * start; meanwhile waiting CrashLoopBackOff.
 */
export function restartTransitions(pod: KubeObject, ctx: StageContext, ref: ContainerRef): Transition[] {
  const s = ref.status;
  const term = s.state?.terminated ?? s.lastState?.terminated;
  if (!term) return [];
  if (s.state?.terminated && !shouldRestart(pod, ref.isInit, term.exitCode)) return [];
  const finished = ms(term.finishedAt)!;
  const started = ms(term.startedAt) ?? 0;
  const runStart = started > 0 ? started : finished; // StartError reports the epoch as startedAt
  const n = s.restartCount ?? 0;
  const ranMs = (finished - runStart) / ctx.scale;
  const backoff = ranMs >= 600_000 ? 0 : crashBackoffMs(n);
  const restartAt = Math.max(finished + scaled(ctx, RESYNC_MS), runStart + scaled(ctx, backoff));
  const out: Transition[] = [];
  const fp = fieldPath(ref.isInit, ref.spec.name);
  if (s.state?.terminated && restartAt > finished + scaled(ctx, RESYNC_MS)) {
    out.push({
      stage: 'crash-loop-backoff',
      at: finished + scaled(ctx, RESYNC_MS),
      apply: (p) => ({
        pod: setContainerStatus(p, ref.isInit, {
          ...waitingStatus(ref.spec, 'CrashLoopBackOff', `back-off ${formatGoDuration(backoff)} restarting failed container=${ref.spec.name} pod=${podDesc(pod)}`, { ...s, lastState: { terminated: term } }),
          image: s.image,
          imageID: s.imageID,
          containerID: s.containerID,
        }),
        events: [{ type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${ref.spec.name} in pod ${podDesc(pod)}`, fieldPath: fp }],
      }),
    });
    return out;
  }
  out.push({ stage: 'container-restart', at: restartAt, apply: (p) => startContainer(p, ctx, { ...ref, status: s.state?.terminated ? s : { ...s, state: { terminated: term } } }, true) });
  return out;
}
