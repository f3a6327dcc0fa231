/**
 * The simulated kubelet as declarative stages, in the manner of KWOK's pod stages: each stage
 * is a guard over the pod (its status says the stage applies), a due time (a delay from a
 * timestamp in the status, with stable jitter), and the status change plus events it makes.
 * Everything is derived from the pod object, its node and the clock, so running a stage twice
 * is harmless and a restarted runtime resumes where it was.
 *
 *   sync              bound pod without status → ContainerCreating (or PodInitializing), hostIP,
 *                     startTime; sandbox up with podIP, or FailedMount for missing volume sources
 *   mount-retry       FailedMount repeats (0.5s doubling to 2m2s); sandbox up once sources exist
 *   image-pull-*      unknown image/tag → ErrImagePull ⇄ ImagePullBackOff (10s doubling to 5m)
 *   container-start   Pulled/Created/Started → running (or CreateContainerConfigError, StartError);
 *                     Pulling goes out when the sandbox is up, Pulled when the pull ended (each
 *                     event carries the moment it happened, so `describe` shows their ages)
 *   container-exit    the image's program exits (Completed / Error with its code), oom-killed
 *   *-kill / *-killed liveness or startup probe trips: Unhealthy ×failureThreshold, Killing, exit
 *   container-ready   readiness flips (Ready condition), readiness-failed: Unhealthy events
 *   crash-loop-backoff / container-restart   restart per restartPolicy with upstream back-off
 *   killing / container-stopped / pod-deleted   graceful deletion (deletionTimestamp)
 *
 * Annotations on the pod override behaviour (names exported below):
 *   kubeplay.dev/start-delay: 5s        containers start this much later (after the pull)
 *   kubeplay.dev/fail: ErrImagePull     the image pull fails (as an unknown tag does)
 *   kubeplay.dev/fail: CrashLoop        containers exit 1 after 1s (or after run-for)
 *   kubeplay.dev/fail: OOM              containers are OOMKilled 1s after start
 *   kubeplay.dev/exit-code: "1"         exit code used when a container exits
 *   kubeplay.dev/run-for: 30s           containers exit after this long whatever the image does
 *   kubeplay.dev/memory-usage: 200Mi    reported memory; above the limit → OOMKilled
 *   kubeplay.dev/cpu-usage: 300m        reported cpu (capped by the limit)
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEvent, StageContext, Transition } from './types';
import { conditionTime, fieldPath, sandboxReady, setContainerStatus, terminatedState, waitingStatus } from './pod-status';
import { mountFailures } from './config';
import { mountRetryOffset, ms, RESYNC_MS, scaled, stamp, SYNC_MS } from './timing';
import { podPullingEvents, startTransitions, type ContainerRef } from './container-start';
import { behaviourOf, restartTransitions, runningTransitions, stopAfter } from './container-run';

export { START_DELAY, FAIL, EXIT_CODE, RUN_FOR, MEMORY_USAGE, CPU_USAGE, KUBEPLAY_ANNOTATIONS } from './annotations';

function refs(pod: KubeObject, isInit: boolean): ContainerRef[] {
  const specs: any[] = pod.spec?.[isInit ? 'initContainers' : 'containers'] ?? [];
  const statuses: any[] = pod.status?.[isInit ? 'initContainerStatuses' : 'containerStatuses'] ?? [];
  return specs.map((spec) => ({ spec, isInit, status: statuses.find((s) => s.name === spec.name) }));
}

/** Sets PodReadyToStartContainers (its transition time is filled in by refreshPodStatus). */
function withSandbox(pod: KubeObject, ready: boolean): KubeObject {
  const conds = (pod.status?.conditions ?? []).filter((c: any) => c.type !== 'PodReadyToStartContainers');
  return { ...pod, status: { ...pod.status, conditions: [{ type: 'PodReadyToStartContainers', status: ready ? 'True' : 'False' }, ...conds] } };
}

function sandboxUp(pod: KubeObject, ctx: StageContext): KubeObject {
  const ip = ctx.env.podIP(pod);
  return withSandbox({ ...pod, status: { ...pod.status, podIP: ip, podIPs: [{ ip }] } }, true);
}

function mountEvents(pod: KubeObject, ctx: StageContext): KubeletEvent[] {
  return mountFailures(pod, ctx.env).map((f) => ({ type: 'Warning', reason: 'FailedMount', message: f.message }));
}

function syncStage(pod: KubeObject, ctx: StageContext): Transition {
  const scheduled = conditionTime(pod, 'PodScheduled') ?? ms(pod.metadata.creationTimestamp) ?? ctx.now;
  return {
    stage: 'sync',
    at: scheduled + scaled(ctx, SYNC_MS),
    apply: (p) => {
      const hostIP = (ctx.env.node.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
      const hasInit = (p.spec?.initContainers ?? []).length > 0;
      const reason = hasInit ? 'PodInitializing' : 'ContainerCreating';
      let next: KubeObject = {
        ...p,
        status: {
          ...p.status,
          phase: 'Pending',
          ...(hostIP ? { hostIP, hostIPs: [{ ip: hostIP }] } : {}),
          startTime: stamp(ctx, ctx.now),
          ...(hasInit ? { initContainerStatuses: p.spec.initContainers.map((c: any) => waitingStatus(c, reason)) } : {}),
          containerStatuses: (p.spec?.containers ?? []).map((c: any) => waitingStatus(c, reason)),
        },
      };
      const failures = mountEvents(next, ctx);
      if (failures.length) return { pod: withSandbox(next, false), events: failures };
      return { pod: sandboxUp(next, ctx), events: podPullingEvents(next) };
    },
  };
}

function mountRetry(pod: KubeObject, ctx: StageContext): Transition {
  const start = ms(pod.status?.startTime) ?? ctx.now;
  let k = 1;
  while (start + scaled(ctx, mountRetryOffset(k)) <= ctx.since && k < 10_000) k++;
  const at = start + scaled(ctx, mountRetryOffset(k));
  const events = mountEvents(pod, ctx);
  if (events.length) return { stage: 'mount-retry', at, eventOnly: true, apply: (p) => ({ pod: p, events }) };
  return { stage: 'sandbox-ready', at: Math.min(at, ctx.now), apply: (p) => ({ pod: sandboxUp(p, ctx), events: podPullingEvents(p) }) };
}

/** Graceful deletion: Killing at the request, each container stops (SIGTERM handler or SIGKILL at the grace end), then the pod goes. */
function deletionStages(pod: KubeObject, ctx: StageContext): Transition[] {
  const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  const requested = ms(pod.metadata.deletionTimestamp)! - grace * 1000;
  const all = [...refs(pod, true), ...refs(pod, false)];
  const running = all.filter((r) => r.status?.state?.running);
  if (!running.length) {
    const last = Math.max(requested, ...all.map((r) => ms(r.status?.state?.terminated?.finishedAt) ?? 0));
    return [{ stage: 'pod-deleted', at: last, apply: (p) => ({ pod: p, events: [], deletePod: true }) }];
  }
  const out: Transition[] = [{
    stage: 'killing',
    at: requested,
    eventOnly: true,
    apply: (p) => ({ pod: p, events: running.map((r) => ({ type: 'Normal' as const, reason: 'Killing', message: `Stopping container ${r.spec.name}`, fieldPath: fieldPath(r.isInit, r.spec.name) })) }),
  }];
  for (const r of running) {
    out.push(...runningTransitions(pod, ctx, r, true));
    const stop = stopAfter(behaviourOf(pod, ctx, r.spec), grace);
    out.push({
      stage: 'container-stopped',
      at: requested + scaled(ctx, stop.afterMs),
      apply: (p) => {
        const term = terminatedState(stop.exitCode, r.status.state.running.startedAt, stamp(ctx, ctx.now), r.status.containerID);
        return { pod: setContainerStatus(p, r.isInit, { ...r.status, state: term, ready: false, started: false }), events: [] };
      },
    });
  }
  return out;
}

/** Every transition the pod could take next, each with its due time. */
export function podTransitions(pod: KubeObject, ctx: StageContext): Transition[] {
  if (pod.metadata.deletionTimestamp) return deletionStages(pod, ctx);
  if (!pod.status?.containerStatuses) return [syncStage(pod, ctx)];
  const phase = pod.status.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return [];
  if (!sandboxReady(pod)) return [mountRetry(pod, ctx)];
  const out: Transition[] = [];
  let base = conditionTime(pod, 'PodReadyToStartContainers') ?? ctx.now;
  for (const r of refs(pod, true)) {
    const t = r.status?.state?.terminated;
    if (t && t.exitCode === 0) {
      base = (ms(t.finishedAt) ?? base) + scaled(ctx, RESYNC_MS / 5);
      continue;
    }
    out.push(...containerTransitions(pod, ctx, r, base));
    return out; // later init containers and the app containers wait for this one
  }
  for (const r of refs(pod, false)) out.push(...containerTransitions(pod, ctx, r, base));
  return out;
}

function containerTransitions(pod: KubeObject, ctx: StageContext, r: ContainerRef, base: number): Transition[] {
  const s = r.status;
  if (s?.state?.running) return runningTransitions(pod, ctx, r, false);
  if (s?.state?.terminated || s?.state?.waiting?.reason === 'CrashLoopBackOff') return restartTransitions(pod, ctx, r);
  return startTransitions(pod, ctx, r, base);
}
