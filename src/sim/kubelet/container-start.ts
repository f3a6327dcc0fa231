/**
 * Stages that bring a container from "not created" to running: pulling its image (ErrImagePull
 * → ImagePullBackOff with upstream's back-off), resolving its environment
 * (CreateContainerConfigError), creating and starting it (or StartError when the executable is
 * missing). Messages follow pkg/kubelet/images/image_manager.go and
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (1.33: "Created container: x").
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEvent, StageContext, Transition } from './types';
import { lookupImage, parseImageRef, pullErrorMessage } from '../images/catalog';
import { containerBehaviour } from '../images/behaviour';
import { resolveEnv } from './config';
import { fieldPath, newContainerID, runningStatus, setContainerStatus, terminatedState, waitingStatus } from './pod-status';
import { CREATE_MS, PULL_FAIL_MS, RESYNC_MS, RETRY_MS, pullAttemptOffset, pullMs, scaled, stamp } from './timing';
import { FAIL, START_DELAY } from './annotations';
import { parseDuration, formatGoDuration as formatDuration } from './quantity';

/** A container with its spec, status and place in the pod. */
export interface ContainerRef {
  spec: any;
  status: any;
  isInit: boolean;
}

/** The pull policy the API defaulted (Always for `:latest` or untagged images). */
function pullPolicy(c: any): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const ref = parseImageRef(c.image ?? '');
  return ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function imageKnown(pod: KubeObject, c: any): boolean {
  return pod.metadata.annotations?.[FAIL] !== 'ErrImagePull' && !!lookupImage(c.image ?? '');
}

/** The pull that ended at `doneAt` (epoch ms); `reported`: its Pulling event went out when it began (podPullingEvents). */
export interface PullEnd {
  doneAt: number;
  reported?: boolean;
}

/**
 * The Pulling/Pulled events of a (successful) pull, each at the moment it happened: Pulling when
 * the pull began, Pulled when it ended, as the kubelet's image manager reports them; "already
 * present" unless the policy is Always.
 */
export function pullEvents(pod: KubeObject, ctx: StageContext, c: any, isInit: boolean, restart: boolean, end: PullEnd = { doneAt: ctx.now }): KubeletEvent[] {
  const fp = fieldPath(isInit, c.name);
  if (pullPolicy(c) !== 'Always') return [{ type: 'Normal', reason: 'Pulled', message: `Container image "${c.image}" already present on machine`, fieldPath: fp, at: end.doneAt }];
  const size = lookupImage(c.image)?.sizeBytes ?? 0;
  const tookMs = restart ? 400 + (size % 500) : pullMs(pod, c.image, size);
  const took = formatDuration(tookMs);
  const pulled: KubeletEvent = { type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`, fieldPath: fp, at: end.doneAt };
  if (end.reported) return [pulled];
  return [{ type: 'Normal', reason: 'Pulling', message: `Pulling image "${c.image}"`, fieldPath: fp, at: end.doneAt - scaled(ctx, tookMs) }, pulled];
}

/** Whether the kubelet pulls this container's image before starting it (policy Always, or an image it does not have). */
function pulls(pod: KubeObject, c: any): boolean {
  return pullPolicy(c) === 'Always' || !imageKnown(pod, c);
}

/** The containers whose turn comes when the sandbox is up: the first init container, else every app container. */
function firstInLine(pod: KubeObject): { spec: any; isInit: boolean }[] {
  const init: any[] = pod.spec?.initContainers ?? [];
  if (init.length) return [{ spec: init[0], isInit: true }];
  return (pod.spec?.containers ?? []).map((spec: any) => ({ spec, isInit: false }));
}

function isFirstInLine(pod: KubeObject, ref: ContainerRef): boolean {
  return firstInLine(pod).some((f) => f.isInit === ref.isInit && f.spec.name === ref.spec.name);
}

/**
 * The Pulling events reported the moment the pod's sandbox is up, for the containers that start
 * pulling then (the kubelet says "Pulling" when the pull begins, so `describe` shows it during
 * ContainerCreating); their start stages then report only the outcome.
 */
export function podPullingEvents(pod: KubeObject): KubeletEvent[] {
  return firstInLine(pod)
    .filter((f) => pulls(pod, f.spec))
    .map((f) => ({ type: 'Normal' as const, reason: 'Pulling', message: `Pulling image "${f.spec.image}"`, fieldPath: fieldPath(f.isInit, f.spec.name) }));
}

/** Starts (or restarts) a container now: running status, or StartError when the runtime cannot exec it. */
export function startContainer(pod: KubeObject, ctx: StageContext, ref: ContainerRef, restart: boolean, pull?: PullEnd): { pod: KubeObject; events: KubeletEvent[] } {
  const c = ref.spec;
  const fp = fieldPath(ref.isInit, c.name);
  const now = stamp(ctx, ctx.now);
  const id = newContainerID(() => ctx.env.random());
  const prev = ref.status ?? {};
  const next = restart
    ? { ...prev, restartCount: (prev.restartCount ?? 0) + 1, lastState: prev.state?.terminated ? { terminated: prev.state.terminated } : prev.lastState }
    : prev;
  const env = resolveEnv(pod, c, ctx.env, pod.status?.podIP);
  const b = containerBehaviour(pod, c, 'env' in env ? env.env : {});
  const events = pullEvents(pod, ctx, c, ref.isInit, restart, pull);
  if (b.startError) {
    const status = { ...runningStatus(c, now, id, next, false, false), state: terminatedState(128, '1970-01-01T00:00:00Z', now, id, 'StartError', b.startError) };
    events.push({ type: 'Normal', reason: 'Created', message: `Created container: ${c.name}`, fieldPath: fp }, { type: 'Warning', reason: 'Failed', message: `Error: ${b.startError}`, fieldPath: fp });
    return { pod: setContainerStatus(pod, ref.isInit, status), events };
  }
  const hasStartup = !!c.startupProbe && !ref.isInit;
  const ready = !ref.isInit && !c.readinessProbe && !hasStartup;
  const status = runningStatus(c, now, id, next, ready, !hasStartup);
  events.push({ type: 'Normal', reason: 'Created', message: `Created container: ${c.name}`, fieldPath: fp }, { type: 'Normal', reason: 'Started', message: `Started container ${c.name}`, fieldPath: fp });
  return { pod: setContainerStatus(pod, ref.isInit, status), events };
}

/** Real ms of the first pull attempt's failure, counted from `base`, for attempt n. */
const failAt = (ctx: StageContext, base: number, n: number) => base + scaled(ctx, pullAttemptOffset(n) + PULL_FAIL_MS);

/** The latest failed attempt whose failure (plus `slack`) is at or before now. */
function lastAttempt(ctx: StageContext, base: number, slack = 0): number {
  let n = 0;
  while (n < 10_000 && failAt(ctx, base, n + 1) + slack <= ctx.now) n++;
  return n;
}

/**
 * Transitions of a container that has not run yet (or whose image pull or config failed), its
 * turn having come at `base` (sandbox ready, or the previous init container done).
 */
export function startTransitions(pod: KubeObject, ctx: StageContext, ref: ContainerRef, base: number): Transition[] {
  const c = ref.spec;
  const fp = fieldPath(ref.isInit, c.name);
  const waiting = ref.status?.state?.waiting?.reason;
  const known = imageKnown(pod, c);
  const delay = parseDuration(pod.metadata.annotations?.[START_DELAY]) ?? 0;
  const pullFailure = (reported: boolean): Transition['apply'] => (p) => {
    const msg = pullErrorMessage(c.image);
    const pulling: KubeletEvent[] = reported ? [] : [{ type: 'Normal', reason: 'Pulling', message: `Pulling image "${c.image}"`, fieldPath: fp, at: ctx.now - scaled(ctx, PULL_FAIL_MS) }];
    return {
      pod: setContainerStatus(p, ref.isInit, waitingStatus(c, 'ErrImagePull', msg, ref.status)),
      events: [
        ...pulling,
        { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${c.image}": ${msg}`, fieldPath: fp },
        { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', fieldPath: fp },
      ],
    };
  };
  const tryStart = (pull?: PullEnd): Transition['apply'] => (p) => {
    const env = resolveEnv(p, c, ctx.env, p.status?.podIP);
    if ('error' in env) {
      return {
        pod: setContainerStatus(p, ref.isInit, waitingStatus(c, 'CreateContainerConfigError', env.error, ref.status)),
        events: [...pullEvents(p, ctx, c, ref.isInit, false, pull), { type: 'Warning', reason: 'Failed', message: `Error: ${env.error}`, fieldPath: fp }],
      };
    }
    return startContainer(p, ctx, ref, false, pull);
  };

  if (waiting === 'ErrImagePull') {
    const n = lastAttempt(ctx, base);
    return [{
      stage: 'image-pull-backoff',
      at: failAt(ctx, base, n) + scaled(ctx, RESYNC_MS),
      apply: (p) => ({
        pod: setContainerStatus(p, ref.isInit, waitingStatus(c, 'ImagePullBackOff', `Back-off pulling image "${c.image}"`, ref.status)),
        events: [
          { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${c.image}"`, fieldPath: fp },
          { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', fieldPath: fp },
        ],
      }),
    }];
  }
  if (waiting === 'ImagePullBackOff') {
    // The back-off state was entered RESYNC after failure n; the next attempt is n+1.
    const next = failAt(ctx, base, lastAttempt(ctx, base, scaled(ctx, RESYNC_MS)) + 1);
    return [{ stage: known ? 'image-pull' : 'image-pull-retry', at: known ? next - scaled(ctx, PULL_FAIL_MS) : next, apply: known ? tryStart() : pullFailure(false) }];
  }
  if (waiting === 'CreateContainerConfigError') {
    let at = base;
    while (at <= ctx.since) at += scaled(ctx, RETRY_MS);
    const env = resolveEnv(pod, c, ctx.env, pod.status?.podIP);
    if ('error' in env) {
      return [{ stage: 'config-retry', at, eventOnly: true, apply: (p) => ({ pod: p, events: [...pullEvents(p, ctx, c, ref.isInit, false), { type: 'Warning', reason: 'Failed', message: `Error: ${env.error}`, fieldPath: fp }] }) }];
    }
    return [{ stage: 'container-start', at, apply: tryStart() }];
  }
  if (ref.status?.state?.running || ref.status?.state?.terminated || ref.status?.lastState?.terminated) return [];
  // The first attempt: its Pulling went out with the sandbox when the container was first in line.
  const reported = isFirstInLine(pod, ref);
  if (!known) return [{ stage: 'image-pull-failed', at: failAt(ctx, base, 0), apply: pullFailure(reported) }];
  const size = lookupImage(c.image)?.sizeBytes ?? 0;
  const pull = pullPolicy(c) === 'Always' ? pullMs(pod, c.image, size) : 100;
  return [{ stage: 'container-start', at: base + scaled(ctx, pull + CREATE_MS + delay), apply: tryStart({ doneAt: base + scaled(ctx, pull), reported }) }];
}
