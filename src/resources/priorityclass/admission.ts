/**
 * The Priority admission plugin (plugin/pkg/admission/priority): a new Pod's priorityClassName
 * is resolved to spec.priority and spec.preemptionPolicy (the global default class, or 0, when it
 * names none); a class that does not exist refuses the Pod, as do a priority or policy the Pod
 * sets itself that differ from its class's. A PriorityClass may be the global default only when
 * no other one is.
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { forbidden } from '../../apiserver/status';
import { SYSTEM_CLUSTER_CRITICAL, SYSTEM_NODE_CRITICAL } from './system';

const CLASSES = 'priorityclasses.scheduling.k8s.io';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const PODS = { group: '', resource: 'pods' };
/** The system classes, known even before their objects exist (as upstream's plugin knows them). */
const SYSTEM: Record<string, number> = { 'system-node-critical': SYSTEM_NODE_CRITICAL, 'system-cluster-critical': SYSTEM_CLUSTER_CRITICAL };

/** The global default class: the one marked globalDefault with the lowest value, if any. */
export function defaultPriorityClass(ctx: ClusterContext): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const { obj } of ctx.store.list(CLASSES)) {
    if (obj.globalDefault === true && (!best || Number(obj.value ?? 0) < Number(best.value ?? 0))) best = obj;
  }
  return best;
}

/** Resolve the priority of a Pod being created, in place; throws upstream's Forbidden refusals. */
export function admitPodPriority(ctx: ClusterContext, pod: KubeObject): void {
  if (pod.metadata.annotations && MIRROR_ANNOTATION in pod.metadata.annotations) return;
  const spec = (pod.spec ??= {});
  let value = 0;
  let policy = 'PreemptLowerPriority';
  let name: string | undefined = spec.priorityClassName || undefined;
  if (name) {
    const pc = ctx.store.get(CLASSES, '', name);
    if (pc) {
      value = Number(pc.value ?? 0);
      policy = pc.preemptionPolicy ?? policy;
    } else if (name in SYSTEM) {
      value = SYSTEM[name];
    } else {
      throw forbidden(PODS, pod.metadata.name ?? '', `no PriorityClass with name ${name} was found`);
    }
  } else {
    const pc = defaultPriorityClass(ctx);
    if (pc) {
      name = pc.metadata.name;
      value = Number(pc.value ?? 0);
      policy = pc.preemptionPolicy ?? policy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value) {
    throw forbidden(PODS, pod.metadata.name ?? '', `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
  }
  if (spec.preemptionPolicy && spec.preemptionPolicy !== policy) {
    throw forbidden(PODS, pod.metadata.name ?? '', `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
  }
  if (name) spec.priorityClassName = name;
  spec.priority = value;
  spec.preemptionPolicy = policy;
}

/** A PriorityClass marked globalDefault is refused while another one is. */
export function admitPriorityClass(ctx: ClusterContext, pc: KubeObject, old?: KubeObject): void {
  if (pc.globalDefault !== true) return;
  const other = defaultPriorityClass(ctx);
  if (other && (!old || other.metadata.name !== pc.metadata.name)) {
    throw forbidden({ group: 'scheduling.k8s.io', resource: 'priorityclasses' }, pc.metadata.name ?? '', `PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`);
  }
}
