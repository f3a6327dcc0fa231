/**
 * Quota evaluators (pkg/quota/v1/evaluator/core and apiserver's generic object-count
 * evaluator): for one storage key, which quota resource names it accounts for, what one object
 * uses of them, when an operation can change usage, and (pods) which values a quota requires.
 */
import type { KubeObject } from '../../apiserver/types';
import { podQOSClass } from '../podspec/qos';
import { addLists, count, parseList, type ResourceList } from './resource-list';
import { podResourceList } from './pod-resources';

/** How one kind of object counts against quota. */
export interface Evaluator {
  /** The quota resource names (of `names`) this evaluator accounts for. */
  matching(names: string[]): string[];
  /** What the object uses (at `now`: pods stuck terminating past their grace stop counting). */
  usage(obj: KubeObject, now: Date): ResourceList;
  /** Whether this operation can change usage (Evaluator.Handles). */
  handles(op: 'create' | 'update', obj: KubeObject, old?: KubeObject): boolean;
  /** Whether quota scopes apply to it (only pods); a scoped quota ignores other kinds. */
  scoped: boolean;
  /** Why the object does not satisfy the quota's `required` resources (pods), if it does not. */
  constraints?(required: string[], obj: KubeObject): string | undefined;
}

/** The object-count name of a storage key: `count/pods`, `count/deployments.apps`. */
export const countName = (key: string) => `count/${key}`;

/** Core kinds whose quota also has a bare legacy name equal to the object count. */
const LEGACY_COUNTS = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);

/** generic.NewObjectCountEvaluator: counts objects in storage; only creation changes it. */
function objectCount(key: string): Evaluator {
  const names = new Set([countName(key), ...(LEGACY_COUNTS.has(key) ? [key] : [])]);
  return {
    matching: (input) => input.filter((n) => names.has(n)),
    usage: () => Object.fromEntries([...names].map((n) => [n, count(1)])),
    handles: (op) => op === 'create',
    scoped: false,
  };
}

const POD_RESOURCES = new Set([
  'count/pods', 'pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
/** The names a quota on cpu or memory makes every container give (upstream's "mistake"). */
const REQUIRED_OF_CONTAINERS = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const NATIVE = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');

/** An extended resource quota name: `requests.example.com/gpu`. */
const isExtendedQuotaName = (n: string) => n.startsWith('requests.') && !NATIVE(n.slice('requests.'.length));

/** podComputeUsageHelper: the compute names of a requests and limits list. */
export function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = { pods: count(1) };
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests[r]) out[r] = out[`requests.${r}`] = requests[r];
    if (limits[r]) out[`limits.${r}`] = limits[r];
  }
  for (const [r, q] of Object.entries(requests)) {
    if (r.startsWith('hugepages-')) out[r] = out[`requests.${r}`] = q;
    else if (!NATIVE(r)) out[`requests.${r}`] = q;
  }
  return out;
}

/** QuotaV1Pod: terminal pods and pods past their deletion grace are not charged. */
export function podCharged(pod: KubeObject, now: Date): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (del && grace !== undefined && now.getTime() > Date.parse(del) + grace * 1000) return false;
  return true;
}

/** IsTerminating: a pod with activeDeadlineSeconds ≥ 0. */
export const isTerminating = (pod: KubeObject) => typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;

/** isBestEffort: the pod's QoS class. */
export const isBestEffort = (pod: KubeObject) => podQOSClass(pod.spec) === 'BestEffort';

const podEvaluator: Evaluator = {
  matching: (input) => input.filter((n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || isExtendedQuotaName(n)),
  usage(pod, now) {
    const out: ResourceList = { 'count/pods': count(1) };
    if (!podCharged(pod, now)) return out;
    return addLists(out, computeUsage(podResourceList(pod, 'requests', true), podResourceList(pod, 'limits', true)));
  },
  handles: (op, pod, old) => op === 'create' || (!!old && isTerminating(pod) !== isTerminating(old)),
  scoped: true,
  constraints(required, pod) {
    const need = required.filter((r) => REQUIRED_OF_CONTAINERS.has(r));
    const missing = new Map<string, Set<string>>();
    const spec = pod.spec ?? {};
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const has = computeUsage(parseList(c?.resources?.requests), parseList(c?.resources?.limits));
      for (const r of need) if (!(r in has)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
    }
    if (!missing.size) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

const SERVICE_RESOURCES = new Set(['services', 'count/services', 'services.nodeports', 'services.loadbalancers']);

const serviceEvaluator: Evaluator = {
  matching: (input) => input.filter((n) => SERVICE_RESOURCES.has(n)),
  usage(svc) {
    const out: ResourceList = { services: count(1), 'count/services': count(1) };
    const ports: any[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
    if (svc.spec?.type === 'NodePort') out['services.nodeports'] = count(ports.length);
    if (svc.spec?.type === 'LoadBalancer') {
      // Without node port allocation only ports with an explicit nodePort count.
      const n = svc.spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p?.nodePort).length : ports.length;
      out['services.nodeports'] = count(n);
      out['services.loadbalancers'] = count(1);
    }
    return out;
  },
  handles: (op) => op === 'create' || op === 'update',
  scoped: false,
};

const CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const PVC_RESOURCES = new Set(['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage']);

function claimClass(pvc: KubeObject): string {
  return pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

const claimEvaluator: Evaluator = {
  matching: (input) =>
    input.filter((n) => PVC_RESOURCES.has(n) || (n.includes(CLASS_SUFFIX) && (n.endsWith('/requests.storage') || n.endsWith('/persistentvolumeclaims')))),
  usage(pvc) {
    const out: ResourceList = { persistentvolumeclaims: count(1), 'count/persistentvolumeclaims': count(1) };
    const cls = claimClass(pvc);
    if (cls) out[`${cls}${CLASS_SUFFIX}persistentvolumeclaims`] = count(1);
    const storage = parseList(pvc.spec?.resources?.requests).storage;
    if (storage) {
      out['requests.storage'] = storage;
      if (cls) out[`${cls}${CLASS_SUFFIX}requests.storage`] = storage;
    }
    return out;
  },
  handles: (op, pvc, old) => op === 'create' || (!!old && pvc.spec?.resources?.requests?.storage !== old.spec?.resources?.requests?.storage),
  scoped: false,
};

/** The evaluator of a storage key (`pods`, `services`, `deployments.apps`…). */
export function evaluatorFor(key: string): Evaluator {
  if (key === 'pods') return podEvaluator;
  if (key === 'services') return serviceEvaluator;
  if (key === 'persistentvolumeclaims') return claimEvaluator;
  return objectCount(key);
}

/** The storage keys whose objects a quota with these hard names accounts for. */
export function keysForNames(names: string[]): Set<string> {
  const keys = new Set<string>();
  for (const n of names) {
    if (n.startsWith('count/')) keys.add(n.slice('count/'.length));
    else if (LEGACY_COUNTS.has(n)) keys.add(n);
    else if (serviceEvaluator.matching([n]).length) keys.add('services');
    else if (claimEvaluator.matching([n]).length) keys.add('persistentvolumeclaims');
    else if (podEvaluator.matching([n]).length) keys.add('pods');
  }
  return keys;
}
