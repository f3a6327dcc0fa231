/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go): on pod
 * create, Container items of the namespace's LimitRanges default missing limits (`default`)
 * and requests (`defaultRequest`) and say so in the `kubernetes.io/limit-ranger` annotation;
 * then Container and Pod items enforce min, max and maxLimitRequestRatio, and
 * PersistentVolumeClaim items min and max storage requests (on create and update).
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { forbidden, invalid } from '../../apiserver/status';
import { strategies } from '../strategies';
import { parseList, type ResourceList } from '../resourcequota/resource-list';
import { podResourceList } from '../resourcequota/pod-resources';
import { podQOSClass } from '../podspec/qos';
import { aggregate, maxConstraint, maxRequestConstraint, minConstraint, ratioConstraint } from './constraints';

/** The annotation the plugin writes on pods it completed. */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type Item = { type?: string; min?: unknown; max?: unknown; default?: unknown; defaultRequest?: unknown; maxLimitRequestRatio?: unknown };

const itemsOf = (lr: KubeObject): Item[] => (Array.isArray(lr.spec?.limits) ? lr.spec.limits : []);

/** Fill one container's missing limits and requests; the annotation phrases for what was set. */
function defaultContainer(c: any, limits: Record<string, unknown>, requests: Record<string, unknown>, prefix: string): string[] {
  const res = (c.resources ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(limits)) {
    if (res.limits && k in res.limits) continue;
    (res.limits ??= {})[k] = v;
    setLimits.push(k);
  }
  for (const [k, v] of Object.entries(requests)) {
    if (res.requests && k in res.requests) continue;
    (res.requests ??= {})[k] = v;
    setRequests.push(k);
  }
  const phrases: string[] = [];
  if (setRequests.length) phrases.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) phrases.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  return phrases;
}

/**
 * PodMutateLimitFunc for one LimitRange: defaults from its Container items, annotated
 * `LimitRanger plugin set: cpu, memory request for container nginx; …`.
 */
export function defaultPodResources(lr: KubeObject, pod: KubeObject): void {
  const limits: Record<string, unknown> = {};
  const requests: Record<string, unknown> = {};
  for (const item of itemsOf(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  const phrases: string[] = [];
  const spec = pod.spec ?? {};
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) phrases.push(...defaultContainer(c, limits, requests, 'container'));
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) phrases.push(...defaultContainer(c, limits, requests, 'init container'));
  if (phrases.length) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${phrases.join('; ')}` };
  }
}

/** Min, max and ratio of one item against a request and a limit list. */
function checkItem(item: Item, type: string, requests: ResourceList, limits: ResourceList): string[] {
  const errs: (string | undefined)[] = [];
  for (const [k, v] of Object.entries(parseList(item.min))) errs.push(minConstraint(type, k, v, requests, limits));
  for (const [k, v] of Object.entries(parseList(item.max))) errs.push(maxConstraint(type, k, v, requests, limits));
  for (const [k, v] of Object.entries(parseList(item.maxLimitRequestRatio))) errs.push(ratioConstraint(type, k, v, requests, limits));
  return errs.filter((e): e is string => e !== undefined);
}

/** PodValidateLimitFunc: the violations of a (defaulted) pod against one LimitRange. */
export function podViolations(lr: KubeObject, pod: KubeObject): string[] {
  const errs: string[] = [];
  const spec = pod.spec ?? {};
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  for (const item of itemsOf(lr)) {
    if (item.type === 'Container') {
      for (const c of containers) errs.push(...checkItem(item, 'Container', parseList(c?.resources?.requests), parseList(c?.resources?.limits)));
    } else if (item.type === 'Pod') {
      errs.push(...checkItem(item, 'Pod', podResourceList(pod, 'requests'), podResourceList(pod, 'limits')));
    }
  }
  return errs;
}

/** PersistentVolumeClaimValidateLimitFunc: min and max of the claim's storage request. */
export function claimViolations(lr: KubeObject, pvc: KubeObject): string[] {
  const errs: (string | undefined)[] = [];
  const requests = parseList(pvc.spec?.resources?.requests);
  for (const item of itemsOf(lr)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of Object.entries(parseList(item.min))) errs.push(minConstraint('PersistentVolumeClaim', k, v, requests, {}));
    for (const [k, v] of Object.entries(parseList(item.max))) errs.push(maxRequestConstraint('PersistentVolumeClaim', k, v, requests));
  }
  return errs.filter((e): e is string => e !== undefined);
}

function limitRangesIn(ctx: ClusterContext, ns: string): KubeObject[] {
  return ctx.store
    .list('limitranges', ns)
    .map((e) => e.obj)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** Admit a pod on create: default from each LimitRange, then refuse any violation (403). */
export function admitPodLimits(ctx: ClusterContext, pod: KubeObject): void {
  const ranges = limitRangesIn(ctx, pod.metadata.namespace ?? '');
  const before = JSON.stringify(pod.spec);
  for (const lr of ranges) defaultPodResources(lr, pod);
  if (JSON.stringify(pod.spec) !== before) {
    // Upstream mutates before PrepareForCreate and validation; ours runs after them, so the
    // defaulted pod is validated again (a request above a defaulted limit is 422 Invalid)
    // and its QoS class recomputed.
    const errs = strategies.pods?.validate?.(pod) ?? [];
    if (errs.length) throw invalid('Pod', '', pod.metadata.name ?? '', errs);
    if (pod.status) pod.status.qosClass = podQOSClass(pod.spec);
  }
  for (const lr of ranges) {
    const msg = aggregate(podViolations(lr, pod));
    if (msg) throw forbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', msg);
  }
}

/** Admit a claim on create or update (not one being deleted): refuse storage out of range. */
export function admitClaimLimits(ctx: ClusterContext, pvc: KubeObject, old?: KubeObject): void {
  if (old?.metadata.deletionTimestamp) return;
  for (const lr of limitRangesIn(ctx, pvc.metadata.namespace ?? '')) {
    const msg = aggregate(claimViolations(lr, pvc));
    if (msg) throw forbidden({ group: '', resource: 'persistentvolumeclaims' }, pvc.metadata.name ?? '', msg);
  }
}
