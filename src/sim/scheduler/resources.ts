/**
 * Resource accounting for the scheduler and `describe node`: effective pod requests and limits
 * (k8s.io/component-helpers/resource PodRequests/PodLimits), the scheduler's non-zero request
 * defaults (pkg/scheduler/util DefaultMilliCPURequest / DefaultMemoryRequest), node allocatable,
 * and the pod QoS class (pkg/apis/core/v1/helper/qos GetPodQOS).
 *
 * Quantities are parsed by a small private parser (the shared apiserver quantity helper did not
 * exist when this was written; switch to it when it lands).
 */
import { quantityNumber } from '../../apiserver/quantity';
import type { KubeObject } from '../../apiserver/types';

/** cpu in millicores, memory and ephemeral storage in bytes, other (extended) resources as integers. */
export interface ResourceAmounts {
  cpuMilli: number;
  memoryBytes: number;
  ephemeralBytes: number;
  /** Extended and hugepages resources by name (e.g. `nvidia.com/gpu`, `hugepages-2Mi`). */
  scalar: Record<string, number>;
}

/** Effective pod requests as the scheduler sees them; `pods` is always 1. */
export interface PodRequests {
  cpuMilli: number;
  memoryBytes: number;
  pods: 1;
}

/** What a node offers: allocatable resources plus the pod count it allows. */
export interface NodeAllocatable extends ResourceAmounts {
  pods: number;
}

/** Scheduler default cpu request for a container without one (100m). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Scheduler default memory request for a container without one (200Mi). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;


/** A quantity's numeric value (`100Mi` → 104857600, `250m` → 0.25, `1e3` → 1000); 0 when malformed. */
function quantityValue(q: unknown): number {
  return quantityNumber(q) ?? 0;
}

/** Quantity.MilliValue(): rounds up to whole millis. */
export function milliValue(q: unknown): number {
  return Math.ceil(Math.round(quantityValue(q) * 1e9) / 1e6);
}

/** Quantity.Value(): rounds up to a whole number. */
export function intValue(q: unknown): number {
  return Math.ceil(Math.round(quantityValue(q) * 1e3) / 1e3);
}

/** Scalar resources the scheduler accounts for: extended (domain-prefixed, not kubernetes.io) and hugepages. */
export function isScalarResource(name: string): boolean {
  if (name.startsWith('hugepages-')) return true;
  if (!name.includes('/')) return false;
  return !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
}

const zero = (): ResourceAmounts => ({ cpuMilli: 0, memoryBytes: 0, ephemeralBytes: 0, scalar: {} });

/** Adds a ResourceList into `into` (cpu as millis, others as values). */
function addList(into: ResourceAmounts, list: Record<string, unknown> | undefined): void {
  for (const [name, q] of Object.entries(list ?? {})) {
    if (name === 'cpu') into.cpuMilli += milliValue(q);
    else if (name === 'memory') into.memoryBytes += intValue(q);
    else if (name === 'ephemeral-storage') into.ephemeralBytes += intValue(q);
    else if (isScalarResource(name)) into.scalar[name] = (into.scalar[name] ?? 0) + intValue(q);
  }
}

function maxInto(into: ResourceAmounts, other: ResourceAmounts): void {
  into.cpuMilli = Math.max(into.cpuMilli, other.cpuMilli);
  into.memoryBytes = Math.max(into.memoryBytes, other.memoryBytes);
  into.ephemeralBytes = Math.max(into.ephemeralBytes, other.ephemeralBytes);
  for (const [k, v] of Object.entries(other.scalar)) into.scalar[k] = Math.max(into.scalar[k] ?? 0, v);
}

function sumInto(into: ResourceAmounts, other: ResourceAmounts): void {
  into.cpuMilli += other.cpuMilli;
  into.memoryBytes += other.memoryBytes;
  into.ephemeralBytes += other.ephemeralBytes;
  for (const [k, v] of Object.entries(other.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + v;
}

const copy = (r: ResourceAmounts): ResourceAmounts => ({ ...r, scalar: { ...r.scalar } });

/** A container's requests; a missing request falls back to the limit, as apiserver defaulting does. */
function containerRequests(c: any, nonZero: boolean): ResourceAmounts {
  const list: Record<string, unknown> = { ...(c?.resources?.limits ?? {}), ...(c?.resources?.requests ?? {}) };
  const r = zero();
  addList(r, list);
  if (nonZero) {
    if (list.cpu === undefined) r.cpuMilli = DEFAULT_MILLI_CPU_REQUEST;
    if (list.memory === undefined) r.memoryBytes = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

function containerLimits(c: any): ResourceAmounts {
  const r = zero();
  addList(r, c?.resources?.limits);
  return r;
}

/**
 * Folds containers the way upstream's PodRequests/PodLimits do: app containers and restartable
 * (sidecar) init containers add up; each regular init container runs alone next to the sidecars
 * started before it, and the pod needs the larger of the two; spec.overhead is added on top.
 */
function foldPod(pod: KubeObject, per: (c: any) => ResourceAmounts): ResourceAmounts {
  const total = zero();
  for (const c of pod.spec?.containers ?? []) sumInto(total, per(c));
  const sidecars = zero();
  const initPeak = zero();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = per(c);
    if (c?.restartPolicy === 'Always') {
      sumInto(total, own);
      sumInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const during = copy(own);
      sumInto(during, sidecars);
      maxInto(initPeak, during);
    }
  }
  maxInto(total, initPeak);
  addList(total, pod.spec?.overhead);
  return total;
}

/** Full effective requests (cpu, memory, ephemeral storage, extended resources) of a pod. */
export function podResourceRequests(pod: KubeObject): ResourceAmounts {
  return foldPod(pod, (c) => containerRequests(c, false));
}

/**
 * Requests with the scheduler's defaults for containers that request no cpu (100m) or memory
 * (200Mi); used for scoring so that request-less pods still spread.
 */
export function podNonZeroRequests(pod: KubeObject): ResourceAmounts {
  return foldPod(pod, (c) => containerRequests(c, true));
}

/** Effective requests of a pod: max(sum of containers, each init container) + overhead. */
export function podRequests(pod: KubeObject): PodRequests {
  const r = podResourceRequests(pod);
  return { cpuMilli: r.cpuMilli, memoryBytes: r.memoryBytes, pods: 1 };
}

/** Effective limits of a pod, folded like requests (containers without a limit add nothing). */
export function podLimits(pod: KubeObject): { cpuMilli: number; memoryBytes: number } {
  const r = foldPod(pod, containerLimits);
  return { cpuMilli: r.cpuMilli, memoryBytes: r.memoryBytes };
}

/** A node's status.allocatable (falling back to capacity) as numbers. */
export function nodeAllocatable(node: KubeObject): NodeAllocatable {
  const list = node.status?.allocatable ?? node.status?.capacity ?? {};
  const r = zero();
  addList(r, list);
  return { ...r, pods: intValue(list.pods) };
}

/** Requests and limits of the pods on a node, with their share of allocatable (for describe/metrics). */
export interface NodeAllocation {
  requests: { cpuMilli: number; memoryBytes: number };
  limits: { cpuMilli: number; memoryBytes: number };
  allocatable: { cpuMilli: number; memoryBytes: number; pods: number };
  /** Whole percentages of allocatable, truncated as kubectl describe prints them. */
  percentages: { cpuRequests: number; cpuLimits: number; memoryRequests: number; memoryLimits: number };
}

/** Sums requests and limits of `pods` (those bound to `node`) against the node's allocatable. */
export function nodeAllocated(node: KubeObject, pods: KubeObject[]): NodeAllocation {
  const requests = { cpuMilli: 0, memoryBytes: 0 };
  const limits = { cpuMilli: 0, memoryBytes: 0 };
  for (const p of pods) {
    const r = podRequests(p);
    const l = podLimits(p);
    requests.cpuMilli += r.cpuMilli;
    requests.memoryBytes += r.memoryBytes;
    limits.cpuMilli += l.cpuMilli;
    limits.memoryBytes += l.memoryBytes;
  }
  const a = nodeAllocatable(node);
  const pct = (v: number, of: number) => (of > 0 ? Math.trunc((v / of) * 100) : 0);
  return {
    requests,
    limits,
    allocatable: { cpuMilli: a.cpuMilli, memoryBytes: a.memoryBytes, pods: a.pods },
    percentages: {
      cpuRequests: pct(requests.cpuMilli, a.cpuMilli),
      cpuLimits: pct(limits.cpuMilli, a.cpuMilli),
      memoryRequests: pct(requests.memoryBytes, a.memoryBytes),
      memoryLimits: pct(limits.memoryBytes, a.memoryBytes),
    },
  };
}

/**
 * The pod's QoS class as GetPodQOS computes it: BestEffort when no container sets a non-zero cpu
 * or memory request or limit; Guaranteed when every container limits both cpu and memory and the
 * summed requests equal the summed limits; Burstable otherwise.
 */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  const value = (name: string, q: unknown) => (name === 'cpu' ? milliValue(q) : intValue(q));
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const req: Record<string, unknown> = { ...(c?.resources?.limits ?? {}), ...(c?.resources?.requests ?? {}) };
    for (const name of ['cpu', 'memory']) {
      const r = value(name, req[name]);
      if (req[name] !== undefined && r > 0) requests[name] = (requests[name] ?? 0) + r;
    }
    const found = new Set<string>();
    for (const name of ['cpu', 'memory']) {
      const q = c?.resources?.limits?.[name];
      const l = value(name, q);
      if (q !== undefined && l > 0) {
        found.add(name);
        limits[name] = (limits[name] ?? 0) + l;
      }
    }
    if (found.size !== 2) guaranteed = false;
  }
  if (!Object.keys(requests).length && !Object.keys(limits).length) return 'BestEffort';
  if (guaranteed) {
    for (const [name, r] of Object.entries(requests)) if (limits[name] !== r) guaranteed = false;
  }
  return guaranteed && Object.keys(requests).length === Object.keys(limits).length ? 'Guaranteed' : 'Burstable';
}
