/**
 * Pod and container status as the kubelet writes it: container statuses (waiting / running /
 * terminated), the pod phase (upstream getPhase in pkg/kubelet/kubelet_pods.go) and the
 * conditions (pkg/kubelet/status/generate.go: PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady; PodScheduled is the scheduler's and is kept).
 */
import type { KubeObject } from '../../apiserver/types';
import { imageID, parseImageRef } from '../images/catalog';

/** The container spec lists and their status lists. */
export const LISTS = [
  { spec: 'initContainers', status: 'initContainerStatuses', field: 'spec.initContainers' },
  { spec: 'containers', status: 'containerStatuses', field: 'spec.containers' },
] as const;

/** Event field path of a container: `spec.containers{nginx}`. */
export function fieldPath(isInit: boolean, name: string): string {
  return `${isInit ? 'spec.initContainers' : 'spec.containers'}{${name}}`;
}

/** Status of a container not started yet (or stuck before start). */
export function waitingStatus(c: any, reason: string, message?: string, prev?: any): any {
  return {
    ...baseStatus(c, prev),
    state: { waiting: message ? { reason, message } : { reason } },
    ready: false,
    started: false,
  };
}

function baseStatus(c: any, prev?: any): any {
  const s: any = {
    name: c.name,
    image: prev?.imageID ? prev.image : c.image,
    imageID: prev?.imageID ?? '',
    lastState: prev?.lastState ?? {},
    restartCount: prev?.restartCount ?? 0,
  };
  if (prev?.containerID) s.containerID = prev.containerID;
  if (c.volumeMounts?.length) s.volumeMounts = c.volumeMounts.map((m: any) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
  if (c.resources && Object.keys(c.resources).length) s.resources = c.resources;
  return s;
}

/** Status of a container whose process runs since `startedAt`. */
export function runningStatus(c: any, startedAt: string, containerID: string, prev: any, ready: boolean, started: boolean): any {
  return {
    ...baseStatus(c, prev),
    image: parseImageRef(c.image).normalized,
    imageID: imageID(c.image),
    containerID,
    state: { running: { startedAt } },
    ready,
    started,
  };
}

/** The terminated state of an exit (reason Completed / Error / OOMKilled / StartError). */
export function terminatedState(exitCode: number, startedAt: string, finishedAt: string, containerID: string, reason?: string, message?: string): any {
  const r = reason ?? (exitCode === 0 ? 'Completed' : 'Error');
  return { terminated: { exitCode, reason: r, ...(message ? { message } : {}), startedAt, finishedAt, containerID } };
}

/** A fresh `containerd://<64 hex>` id drawn from the injected random source. */
export function newContainerID(random: () => number): string {
  let hex = '';
  while (hex.length < 64) hex += Math.floor(random() * 16).toString(16);
  return `containerd://${hex}`;
}

/** Finds the spec and status of a container by name. */
export function findContainer(pod: KubeObject, name: string): { spec: any; status: any; isInit: boolean } | undefined {
  for (const l of LISTS) {
    const spec = (pod.spec?.[l.spec] ?? []).find((c: any) => c.name === name);
    if (spec) return { spec, status: (pod.status?.[l.status] ?? []).find((s: any) => s.name === name), isInit: l.spec === 'initContainers' };
  }
  return undefined;
}

/** Replaces one container's status in a copy of the pod. */
export function setContainerStatus(pod: KubeObject, isInit: boolean, status: any): KubeObject {
  const copy = structuredClone(pod);
  const key = isInit ? 'initContainerStatuses' : 'containerStatuses';
  copy.status ??= {};
  copy.status[key] = (copy.status[key] ?? []).map((s: any) => (s.name === status.name ? status : s));
  return copy;
}

const isDone = (s: any) => s?.state?.terminated && s.state.terminated.exitCode === 0;

/** Upstream getPhase: Pending while initialising or any container waits for its first start. */
export function podPhase(pod: KubeObject): string {
  const spec = pod.spec ?? {};
  const policy = spec.restartPolicy ?? 'Always';
  const inits: any[] = pod.status?.initContainerStatuses ?? [];
  for (const s of inits) {
    if (isDone(s)) continue;
    if (s.state?.terminated && policy === 'Never') return 'Failed';
    return 'Pending';
  }
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  let waiting = 0, running = 0, stopped = 0, succeeded = 0;
  for (const c of spec.containers ?? []) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) waiting++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'OnFailure') return 'Running';
    return 'Failed';
  }
  return 'Pending';
}

interface Cond {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

function computeConditions(pod: KubeObject, phase: string, sandboxReady: boolean): Cond[] {
  const spec = pod.spec ?? {};
  const inits: any[] = pod.status?.initContainerStatuses ?? [];
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const out: Cond[] = [{ type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' }];
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const incomplete = (spec.initContainers ?? []).filter((c: any) => !isDone(inits.find((s) => s.name === c.name))).map((c: any) => c.name);
  const anyStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (phase === 'Succeeded') out.push({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  else if (incomplete.length && !anyStarted) out.push({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` });
  else out.push({ type: 'Initialized', status: 'True' });
  let ready: Cond;
  if (terminal) ready = { type: 'Ready', status: 'False', reason: phase === 'Failed' ? 'PodFailed' : 'PodCompleted' };
  else {
    const unready = (spec.containers ?? []).filter((c: any) => !statuses.find((s) => s.name === c.name)?.ready).map((c: any) => c.name);
    ready = unready.length ? { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` } : { type: 'Ready', status: 'True' };
  }
  out.push(ready, { ...ready, type: 'ContainersReady' });
  return out;
}

/**
 * Recomputes phase and conditions after container statuses changed. A condition's
 * lastTransitionTime moves only when its status flips; PodScheduled (and any condition the
 * kubelet does not own, e.g. readiness gates) is kept as it was.
 */
export function refreshPodStatus(pod: KubeObject, now: string, sandboxReady: boolean): KubeObject {
  const copy = structuredClone(pod);
  copy.status ??= {};
  const phase = podPhase(copy);
  copy.status.phase = phase;
  const old: any[] = copy.status.conditions ?? [];
  const mine = computeConditions(copy, phase, sandboxReady && phase !== 'Succeeded' && phase !== 'Failed');
  const conds: any[] = mine.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    const lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    return { ...c, lastProbeTime: null, lastTransitionTime };
  });
  const others = old.filter((o) => !mine.some((c) => c.type === o.type));
  copy.status.conditions = [...conds, ...others];
  return copy;
}

/** Whether the pod sandbox is up (PodReadyToStartContainers True). */
export function sandboxReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'PodReadyToStartContainers' && c.status === 'True');
}

/** When a condition last became its current status (epoch ms), if present. */
export function conditionTime(pod: KubeObject, type: string): number | undefined {
  const c = (pod.status?.conditions ?? []).find((x: any) => x.type === type);
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
}
