/**
 * The simulated kubelet: pure functions the cluster runtime calls on the pods bound to a node.
 * `kubeletStep` advances a pod by one stage when one is due (see stages.ts for the stages and
 * the kubeplay.dev/ annotations); the runtime commits the returned status and events and calls
 * again after `nextInMs`.
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEnv, KubeletStep, StageContext, Transition } from './types';
import { podTransitions } from './stages';
import { refreshPodStatus, sandboxReady } from './pod-status';
import { ms, profileScale, stamp } from './timing';

export type { TimingProfile, KubeletEnv, KubeletEvent, KubeletStep } from './types';
export { containerUsage } from './observe';
export { containerLogs, hasPreviousLogs, followContainerLogs, readFollowedLogs, type LogCursor, type LogRead, type LogFormat } from './logs';
export * from './annotations';

/** The latest timestamp the kubelet wrote into the pod's status (the default `lastStepAt`). */
function latestStatusTime(pod: KubeObject): number {
  const st = pod.status ?? {};
  const times: (string | undefined)[] = [st.startTime, ...(st.conditions ?? []).map((c: any) => c.lastTransitionTime)];
  for (const s of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) {
    times.push(s.state?.running?.startedAt, s.state?.terminated?.finishedAt);
  }
  return Math.max(0, ...times.map((t) => ms(t) ?? 0));
}

function context(pod: KubeObject, env: KubeletEnv): StageContext {
  const now = env.now.getTime();
  return { env, now, since: env.lastStepAt?.getTime() ?? latestStatusTime(pod), scale: profileScale(env.profile) };
}

function candidates(pod: KubeObject, ctx: StageContext): Transition[] {
  if (!pod.spec?.nodeName) return [];
  return podTransitions(pod, ctx).filter((t) => !t.eventOnly || t.at > ctx.since);
}

function earliest(ts: Transition[]): Transition | undefined {
  return ts.reduce<Transition | undefined>((best, t) => (!best || t.at < best.at ? t : best), undefined);
}

/** Milliseconds until the pod's next stage is due (0 when due now); undefined when none is scheduled. */
export function kubeletNextDue(pod: KubeObject, env: KubeletEnv): number | undefined {
  const ctx = context(pod, env);
  const next = earliest(candidates(pod, ctx));
  return next ? Math.max(0, next.at - ctx.now) : undefined;
}

/**
 * Advances a pod bound to this node by the earliest stage due now. Returns undefined when no
 * stage is due (ask `kubeletNextDue` when to come back). The returned pod carries the new
 * status (phase and conditions recomputed); `deletePod` asks the runtime to remove the object.
 */
export function kubeletStep(pod: KubeObject, env: KubeletEnv): KubeletStep | undefined {
  const ctx = context(pod, env);
  const due = earliest(candidates(pod, ctx).filter((t) => t.at <= ctx.now));
  if (!due) return undefined;
  const result = due.apply(pod);
  // A step's events happened after the previous step's (which may have reported the start of
  // what this one ends, stages being timed from whole-second stamps) and not after now.
  const events = result.events.map((e) => (e.at === undefined ? e : { ...e, at: Math.min(ctx.now, Math.max(e.at, ctx.since + 1)) }));
  if (result.deletePod) return { pod: result.pod, events, deletePod: true, stage: due.stage };
  const next = due.eventOnly ? result.pod : refreshPodStatus(result.pod, stamp(ctx, ctx.now), sandboxReady(result.pod));
  const after = earliest(candidates(next, { ...ctx, since: ctx.now }));
  return { pod: next, events, nextInMs: after ? Math.max(0, after.at - ctx.now) : undefined, stage: due.stage };
}
