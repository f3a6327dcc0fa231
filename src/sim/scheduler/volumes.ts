/**
 * kube-scheduler's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding and the
 * volume binder): PreFilter refuses a pod whose claim is missing, being deleted, or unbound with
 * Immediate binding; Filter keeps a pod off nodes its bound volumes' node affinity excludes, and
 * checks that each WaitForFirstConsumer claim can get a volume on the node (a matching
 * Available volume, or a class whose provisioner can provision there); PreBind (binding ops)
 * reserves the chosen static volume for the claim or writes the selected-node annotation that
 * starts dynamic provisioning, and the pod is bound only once its claims are.
 */
import type { KubeObject } from '../../apiserver/types';
import type { WriteOp } from '../../cluster/storage';
import type { ObjectStore } from '../../cluster/storage';
import type { FilterStatus } from './filters';
import type { NodeInfo } from './snapshot';
import { findMatchingVolume, volumeFitsNode } from '../../controllers/persistentvolume/match';
import {
  ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, NO_PROVISIONER, claimClass, claimRefOf, hasAnn, isVolumeBoundToClaim, withAnn,
} from '../../controllers/persistentvolume/helpers';
import { nodeSelectorTermMatches } from './match';

/** The reasons VolumeBinding reports (volumebinding.ErrReason*), as users read them. */
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_VOLUME_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** What the plugin reads of the cluster. */
export interface VolumeLookup {
  claim(namespace: string, name: string): KubeObject | undefined;
  volume(name: string): KubeObject | undefined;
  volumes(): KubeObject[];
  storageClass(name: string): KubeObject | undefined;
}

/** A lookup over the cluster's store. */
export function volumeLookup(store: ObjectStore): VolumeLookup {
  return {
    claim: (ns, n) => store.get('persistentvolumeclaims', ns, n),
    volume: (n) => store.get('persistentvolumes', '', n),
    volumes: () => store.list('persistentvolumes').map((e) => e.obj),
    storageClass: (n) => store.get('storageclasses.storage.k8s.io', '', n),
  };
}

/** The pod's claims, sorted as PreFilter sorts them. */
export interface VolumeFilterState {
  lookup: VolumeLookup;
  /** Claims bound to a volume (with their volume, if it exists). */
  bound: { claim: KubeObject; pv?: KubeObject }[];
  /** WaitForFirstConsumer claims still to be bound or provisioned. */
  delayed: KubeObject[];
}

/** The PreFilter outcome: nothing to check, a rejection message, or the state for Filter. */
export type VolumePreFilter = null | { message: string } | { state: VolumeFilterState };

const fullyBound = (c: KubeObject) => !!c.spec?.volumeName && hasAnn(c, ANN_BIND_COMPLETED);
const delayed = (lookup: VolumeLookup, c: KubeObject) => {
  const name = claimClass(c);
  return !!name && lookup.storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
};

/** PreFilter (podHasPVCs, GetPodVolumeClaims). */
export function volumePreFilter(pod: KubeObject, lookup: VolumeLookup): VolumePreFilter {
  const ns = pod.metadata.namespace ?? 'default';
  const names: string[] = (pod.spec?.volumes ?? []).filter((v: any) => v?.persistentVolumeClaim?.claimName).map((v: any) => v.persistentVolumeClaim.claimName);
  if (!names.length) return null;
  const state: VolumeFilterState = { lookup, bound: [], delayed: [] };
  let immediate = false;
  for (const name of names) {
    const claim = lookup.claim(ns, name);
    if (!claim) return { message: `persistentvolumeclaim "${name}" not found` };
    if (claim.metadata.deletionTimestamp) return { message: `persistentvolumeclaim "${name}" is being deleted` };
    if (fullyBound(claim)) state.bound.push({ claim, pv: lookup.volume(claim.spec.volumeName) });
    else if (delayed(lookup, claim)) state.delayed.push(claim);
    else immediate = true;
  }
  return immediate ? { message: ERR_UNBOUND_IMMEDIATE } : { state };
}

/** Whether the claim's class can provision on `node` (checkVolumeProvisions). */
function canProvision(lookup: VolumeLookup, claim: KubeObject, node: KubeObject): boolean {
  const sc = lookup.storageClass(claimClass(claim));
  if (!sc?.provisioner || sc.provisioner === NO_PROVISIONER) return false;
  const topologies: any[] | undefined = sc.allowedTopologies;
  if (!topologies?.length) return true;
  return topologies.some((t) => nodeSelectorTermMatches({ matchExpressions: (t?.matchLabelExpressions ?? []).map((e: any) => ({ key: e.key, operator: 'In', values: e.values })) }, node));
}

/**
 * For each delayed claim on `node`: the static volume it would get, or undefined to provision;
 * null when some claim can have neither there.
 */
function planDelayed(state: VolumeFilterState, node: KubeObject): Map<KubeObject, KubeObject | undefined> | null {
  const out = new Map<KubeObject, KubeObject | undefined>();
  const taken = new Set<string>();
  for (const claim of state.delayed) {
    const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined) {
      if (selected !== node.metadata.name) return null;
      out.set(claim, undefined);
      continue;
    }
    const free = state.lookup.volumes().filter((pv) => !taken.has(pv.metadata.name!));
    const pv = findMatchingVolume(claim, free, { delayBinding: true, node });
    if (pv) {
      taken.add(pv.metadata.name!);
      out.set(claim, pv);
    } else if (canProvision(state.lookup, claim, node)) out.set(claim, undefined);
    else return null;
  }
  return out;
}

/** Filter: the node's fit for the pod's volumes. */
export function volumeBindingFilter(info: NodeInfo, state: VolumeFilterState): FilterStatus | null {
  for (const { pv } of state.bound) {
    if (!pv) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_PV_NOT_EXIST] };
    if (!volumeFitsNode(pv, info.node)) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_VOLUME_NODE_CONFLICT] };
  }
  if (state.delayed.length && !planDelayed(state, info.node)) return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_VOLUME_BIND_CONFLICT] };
  return null;
}

/**
 * PreBind, for the node chosen: the writes that start binding the pod's WaitForFirstConsumer
 * claims (a static volume's claimRef, bound-by-controller; or the claim's selected-node), and
 * whether the pod must wait for its claims before it is bound (it must while any is unbound).
 */
export function volumeBindingOps(pod: KubeObject, node: KubeObject, lookup: VolumeLookup): { ops: WriteOp[]; wait: boolean } {
  const pre = volumePreFilter(pod, lookup);
  if (!pre || 'message' in pre || !pre.state.delayed.length) return { ops: [], wait: false };
  const plan = planDelayed(pre.state, node);
  if (!plan) return { ops: [], wait: true };
  const ops: WriteOp[] = [];
  for (const [claim, pv] of plan) {
    if (pv) {
      if (isVolumeBoundToClaim(pv, claim) && pv.spec?.claimRef?.uid) continue;
      const copy = withAnn(structuredClone(pv), ANN_BOUND_BY_CONTROLLER, 'yes');
      copy.spec.claimRef = claimRefOf(claim);
      ops.push({ op: 'put', resource: 'persistentvolumes', object: copy });
    } else {
      const annotated = withAnn(claim, ANN_SELECTED_NODE, node.metadata.name!);
      if (annotated !== claim) ops.push({ op: 'put', resource: 'persistentvolumeclaims', object: annotated });
    }
  }
  return { ops, wait: true };
}

/**
 * Whether a claim or volume change may let pending pods schedule (the scheduler's queueing
 * hints): a claim added, bound or annotated, a volume added or made Available.
 */
export function volumeChangeRetries(change: { type: string; resource: string; object: KubeObject; old?: KubeObject }): boolean {
  if (change.type === 'DELETED') return false;
  if (change.type === 'ADDED') return true;
  const a = change.old;
  const b = change.object;
  if (change.resource === 'persistentvolumes') return a?.status?.phase !== b.status?.phase;
  return a?.status?.phase !== b.status?.phase || a?.spec?.volumeName !== b.spec?.volumeName;
}
