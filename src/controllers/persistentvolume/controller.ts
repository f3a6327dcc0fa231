/**
 * The PersistentVolume controller of kube-controller-manager (persistentvolume-binder), with
 * the pvc-protection and pv-protection controllers and the simulated local-path provisioner.
 * Keys: `claim/<ns>/<name>`, `volume/<name>`, and `default-class` (once per cluster, see
 * default-class.ts). Level-triggered: claims are looked at when
 * they, their volume, a StorageClass, or an Available volume appear or change, and when a pod
 * that used them goes; volumes when they or their claim change. Never requeues.
 */
import type { Change } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import type { Controller, ControllerContext } from '../types';
import { createAs } from '../client';
import { recordEvent } from '../events';
import { ANN_BIND_COMPLETED, hasAnn, podClaimNames, podTerminal } from './helpers';
import { latest } from './bind';
import { Plan, type StorageView } from './plan';
import { syncClaim } from './claim-sync';
import { syncVolume } from './volume-sync';
import { protectClaim, protectVolume } from './protection';
import { LOCAL_PATH_COMPONENT } from './provisioner';
import { DEFAULT_CLASS_KEY, defaultClassPending, ensureDefaultClassOnce } from './default-class';

const PVCS = 'persistentvolumeclaims';
const PVS = 'persistentvolumes';
const CLASSES = 'storageclasses.storage.k8s.io';

/** The controller's read view over a cluster. */
export function storageView(ctx: ControllerContext): StorageView {
  return {
    claim: (ns, name) => ctx.store.get(PVCS, ns, name),
    volume: (name) => ctx.store.get(PVS, '', name),
    volumes: () => ctx.store.list(PVS).map((e) => e.obj),
    storageClass: (name) => ctx.store.get(CLASSES, '', name),
    storageClasses: () => ctx.store.list(CLASSES).map((e) => e.obj),
    pods: (ns) => ctx.store.list('pods', ns).map((e) => e.obj),
    nodes: () => ctx.store.list('nodes').map((e) => e.obj),
    now: ctx.now(),
    uid: () => crypto.randomUUID(),
    random: () => ctx.random(),
  };
}

const claimKeyOf = (ns: string, name: string) => `claim/${ns}/${name}`;

/** Claims not yet bound: an Available volume or a new class may be what they wait for. */
function unboundClaimKeys(ctx: ControllerContext): string[] {
  return ctx.store
    .list(PVCS)
    .map((e) => e.obj)
    .filter((c) => !hasAnn(c, ANN_BIND_COMPLETED))
    .map((c) => claimKeyOf(c.metadata.namespace!, c.metadata.name!));
}

function claimKeys(change: Change, ctx: ControllerContext): string[] {
  const claim = change.object;
  const keys: string[] = [];
  if (change.type !== 'DELETED') keys.push(claimKeyOf(change.namespace, change.name));
  const vn = claim.spec?.volumeName ?? change.old?.spec?.volumeName;
  if (vn) keys.push(`volume/${vn}`);
  if (change.type === 'DELETED') {
    for (const { obj: pv } of ctx.store.list(PVS)) {
      const ref = pv.spec?.claimRef;
      if (ref?.name === change.name && ref?.namespace === change.namespace) keys.push(`volume/${pv.metadata.name}`);
    }
  }
  return keys;
}

function volumeKeys(change: Change, ctx: ControllerContext): string[] {
  const pv = change.object;
  const ref = pv.spec?.claimRef;
  const keys = change.type === 'DELETED' ? [] : [`volume/${change.name}`];
  if (ref?.name) keys.push(claimKeyOf(ref.namespace ?? '', ref.name));
  const nowAvailable = pv.status?.phase === 'Available' && change.old?.status?.phase !== 'Available';
  if (change.type !== 'DELETED' && nowAvailable && !ref) keys.push(...unboundClaimKeys(ctx));
  if (change.type === 'DELETED') {
    for (const { obj: c } of ctx.store.list(PVCS)) if (c.spec?.volumeName === change.name) keys.push(claimKeyOf(c.metadata.namespace!, c.metadata.name!));
  }
  return keys;
}

/** A pod that went away or finished may have been the last user of a deleted claim. */
function podKeys(change: Change): string[] {
  const gone = change.type === 'DELETED' || (podTerminal(change.object) && !(change.old && podTerminal(change.old)));
  return gone ? podClaimNames(change.object).map((n) => claimKeyOf(change.namespace, n)) : [];
}

/** Commit a plan: creates through the registry, then the writes and events in one transaction. */
function commitPlan(ctx: ControllerContext, plan: Plan): void {
  const events = [...plan.events];
  for (const { resource, object } of plan.creates) {
    let failure: Error | undefined;
    const created = createAs(ctx, 'local-path-provisioner-service-account', '', resource, object, (e) => (failure = e));
    if (!created) {
      const i = events.findIndex((e) => e.reason === 'ProvisioningSucceeded');
      const failed = { ...events[i], type: 'Warning' as const, reason: 'ProvisioningFailed', message: `failed to provision volume: ${failure?.message ?? 'unknown error'}`, component: LOCAL_PATH_COMPONENT };
      if (i >= 0) events.splice(i, 1, failed);
    }
  }
  const ops = plan.ops();
  for (const e of events) ops.push(recordEvent(ctx, e.on, { type: e.type, reason: e.reason, message: e.message, component: e.component }));
  if (ops.length) ctx.commit(ops);
}

/** The PV controller (binder, provisioner, protection). */
export const persistentVolumeController: Controller = {
  name: 'persistentvolume',
  watches: [PVCS, PVS, CLASSES, 'pods'],
  keysFor(change, ctx) {
    if (change.resource === PVCS) return claimKeys(change, ctx);
    if (change.resource === PVS) return volumeKeys(change, ctx);
    if (change.resource === CLASSES) return change.type === 'DELETED' ? [] : unboundClaimKeys(ctx);
    return podKeys(change);
  },
  reconcile(key, ctx) {
    if (key === DEFAULT_CLASS_KEY) {
      const sc = ensureDefaultClassOnce(ctx);
      return { ops: sc ? [{ op: 'put', resource: CLASSES, object: sc }] : [] };
    }
    const view = storageView(ctx);
    const plan = new Plan();
    if (key.startsWith('claim/')) {
      const [, ns, name] = key.split('/');
      const claim = view.claim(ns, name);
      if (!claim) return { ops: [] };
      protectClaim(view, plan, claim);
      if (!plan.deleted(PVCS, claim)) syncClaim(view, plan, latest(plan, PVCS, claim));
    } else if (key.startsWith('volume/')) {
      const pv = view.volume(key.slice('volume/'.length));
      if (!pv) return { ops: [] };
      syncVolume(view, plan, pv);
      if (!plan.deleted(PVS, pv)) protectVolume(plan, pv);
    }
    if (!plan.empty) commitPlan(ctx, plan);
    return { ops: [] };
  },
  resync(ctx) {
    const claims = ctx.store.list(PVCS).map((e) => claimKeyOf(e.obj.metadata.namespace!, e.obj.metadata.name!));
    const volumes = ctx.store.list(PVS).map((e) => `volume/${(e.obj as KubeObject).metadata.name}`);
    return [...(defaultClassPending(ctx) ? [DEFAULT_CLASS_KEY] : []), ...claims, ...volumes];
  },
};
