/**
 * The RuntimeClass admission plugin (plugin/pkg/admission/runtimeclass): a Pod naming a
 * runtimeClassName gets that class's pod overhead and scheduling constraints (node selector
 * merged, tolerations added), and is refused when the class does not exist or conflicts.
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { forbidden } from '../../apiserver/status';
import { deepEqual } from '../podspec/common';

const PODS = { group: '', resource: 'pods' };

/** Apply the Pod's RuntimeClass, in place; throws upstream's Forbidden refusals. */
export function admitRuntimeClass(ctx: ClusterContext, pod: KubeObject): void {
  const spec = pod.spec ?? {};
  const name = spec.runtimeClassName;
  if (!name) return;
  const refuse = (why: string) => forbidden(PODS, pod.metadata.name ?? '', `pod rejected: ${why}`);
  const rc = ctx.store.get('runtimeclasses.node.k8s.io', '', name);
  if (!rc) throw refuse(`RuntimeClass "${name}" not found`);
  const fixed = rc.overhead?.podFixed;
  if (fixed) {
    if (spec.overhead && !deepEqual(spec.overhead, fixed)) throw refuse("Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    spec.overhead = structuredClone(fixed);
  }
  const scheduling = rc.scheduling;
  if (!scheduling) return;
  const selector: Record<string, string> = { ...(spec.nodeSelector ?? {}) };
  for (const [k, v] of Object.entries<string>(scheduling.nodeSelector ?? {})) {
    if (k in selector && selector[k] !== v) throw refuse('NodeSelector in Pod conflicts with RuntimeClass');
    selector[k] = v;
  }
  if (Object.keys(selector).length) spec.nodeSelector = selector;
  const tolerations: any[] = [...(spec.tolerations ?? [])];
  for (const t of scheduling.tolerations ?? []) if (!tolerations.some((x) => deepEqual(x, t))) tolerations.push(structuredClone(t));
  if (tolerations.length) spec.tolerations = tolerations;
}
