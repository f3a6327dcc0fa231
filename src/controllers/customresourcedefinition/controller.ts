/**
 * The CustomResourceDefinition controllers of apiextensions-apiserver, as one level-triggered
 * controller keyed by CRD name: naming and establishing (status.acceptedNames, the NamesAccepted
 * and Established conditions; a change of names looks at the group's other CRDs again), and the
 * finalizer (a deleted CRD's objects are deleted, then `customresourcecleanup.apiextensions.k8s.io`
 * is removed and the CRD goes).
 */
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';
import { CRD_KEY } from '../../resources/resolver';
import { acceptNames, CLEANUP_FINALIZER, setCondition, type CRDCondition } from '../../resources/customresourcedefinition/conditions';
import { crdConditionTrue, customResourceDef } from '../../resources/customresource/serving';
import { apiServiceName, localAPIService } from '../../resources/apiservice/local';
import type { Controller, ControllerContext, ReconcileResult } from '../types';

/** How soon a deleted CRD looks again while finalizers hold some of its objects. */
const INSTANCES_REMAINING_MS = 1_000;

/** acceptedNames in the field order of the Go type. */
function orderedNames(n: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { plural: n.plural ?? '' };
  if (n.singular) out.singular = n.singular;
  if (Array.isArray(n.shortNames) && n.shortNames.length) out.shortNames = n.shortNames;
  out.kind = n.kind ?? '';
  if (n.listKind) out.listKind = n.listKind;
  if (Array.isArray(n.categories) && n.categories.length) out.categories = n.categories;
  return out;
}

/** The status write of the naming and establishing controllers, or none when nothing changes. */
function syncNames(crd: KubeObject, ctx: ControllerContext): WriteOp[] {
  const others = ctx.store.list(CRD_KEY).map((e) => e.obj);
  const { names, namesAccepted, established } = acceptNames(crd, others);
  const now = timestamp(ctx.now());
  let conditions: CRDCondition[] = crd.status?.conditions ?? [];
  conditions = setCondition(conditions, namesAccepted, now);
  conditions = setCondition(conditions, established, now);
  const status = { ...(crd.status ?? {}), conditions, acceptedNames: orderedNames(names as Record<string, unknown>) };
  if (JSON.stringify(status) === JSON.stringify(crd.status)) return [];
  return [{ op: 'put', resource: CRD_KEY, object: { ...structuredClone(crd), status } }];
}

/** The storage key of a CRD's objects. */
function instancesKey(crd: KubeObject): string {
  return `${crd.spec?.names?.plural}.${crd.spec?.group}`;
}

/**
 * The finalizer's pass over a deleted CRD: delete its objects (those held by finalizers are
 * marked and waited for), then record the outcome in the Terminating condition and remove the
 * finalizer, which removes the CRD.
 */
function finalize(crd: KubeObject, ctx: ControllerContext): ReconcileResult {
  const now = timestamp(ctx.now());
  const ops: WriteOp[] = [];
  let terminating: CRDCondition;
  if (crdConditionTrue(crd, 'Established')) {
    const key = instancesKey(crd);
    let held = 0;
    for (const { obj } of ctx.store.list(key)) {
      if (obj.metadata.finalizers?.length) {
        held++;
        if (!obj.metadata.deletionTimestamp) {
          const marked = structuredClone(obj);
          marked.metadata.deletionTimestamp = now;
          marked.metadata.deletionGracePeriodSeconds = 0;
          ops.push({ op: 'put', resource: key, object: marked });
        }
      } else {
        ops.push({ op: 'delete', resource: key, object: obj });
      }
    }
    if (held) {
      const inProgress: CRDCondition = { type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' };
      const conditions = setCondition(crd.status?.conditions, inProgress, now);
      if (JSON.stringify(conditions) !== JSON.stringify(crd.status?.conditions)) ops.push({ op: 'put', resource: CRD_KEY, object: { ...structuredClone(crd), status: { ...crd.status, conditions } } });
      return { ops, requeueAfterMs: INSTANCES_REMAINING_MS };
    }
    terminating = { type: 'Terminating', status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' };
  } else {
    terminating = { type: 'Terminating', status: 'False', reason: 'NeverEstablished', message: 'resource was never established' };
  }
  const done = structuredClone(crd);
  done.status = { ...done.status, conditions: setCondition(crd.status?.conditions, terminating, now) };
  done.metadata.finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
  if (!done.metadata.finalizers.length) delete done.metadata.finalizers;
  // The last finalizer gone, the deleted CRD is removed (as the store does for any object).
  ops.push(done.metadata.finalizers ? { op: 'put', resource: CRD_KEY, object: done } : { op: 'delete', resource: CRD_KEY, object: crd });
  return { ops };
}

const APISERVICES = 'apiservices.apiregistration.k8s.io';
/** The key of a group's APIService registration. */
const groupKey = (group: string) => `group:${group}`;

/**
 * The aggregator's CRD registration (crdRegistrationController): a Local APIService
 * `VERSION.GROUP` for every group version some served CRD serves, labelled automanaged, and
 * removed once no CRD serves it.
 */
function syncAPIServices(group: string, ctx: ControllerContext): WriteOp[] {
  const wanted = new Set<string>();
  for (const { obj } of ctx.store.list(CRD_KEY)) {
    if (obj.spec?.group !== group || obj.metadata.deletionTimestamp) continue;
    for (const v of customResourceDef(obj)?.versions ?? []) wanted.add(v);
  }
  const ops: WriteOp[] = [];
  const now = timestamp(ctx.now());
  for (const v of wanted) {
    if (ctx.store.get(APISERVICES, '', apiServiceName(group, v))) continue;
    const svc = localAPIService(group, v, now);
    svc.metadata.uid = crypto.randomUUID();
    svc.metadata.labels = { 'kube-aggregator.kubernetes.io/automanaged': 'true' };
    ops.push({ op: 'put', resource: APISERVICES, object: svc });
  }
  for (const { obj } of ctx.store.list(APISERVICES)) {
    if (obj.spec?.group !== group || wanted.has(obj.spec?.version) || obj.metadata.labels?.['kube-aggregator.kubernetes.io/automanaged'] !== 'true') continue;
    ops.push({ op: 'delete', resource: APISERVICES, object: obj });
  }
  return ops;
}

export const customResourceDefinitionController: Controller = {
  name: 'customresourcedefinition',
  watches: ['*'],
  keysFor(change, ctx) {
    if (change.resource !== CRD_KEY) {
      // The last objects of a deleted CRD going: its finalizer may finish (the resource is the CRD's name).
      if (change.type !== 'DELETED' || !change.resource.includes('.')) return [];
      return ctx.store.get(CRD_KEY, '', change.resource)?.metadata.deletionTimestamp ? [change.resource] : [];
    }
    const keys = change.type === 'DELETED' ? [] : [change.name];
    const group = change.object.spec?.group;
    if (group) keys.push(groupKey(group));
    // Names released or taken: the group's other CRDs may now get (or lose) theirs.
    const before = JSON.stringify(change.old?.status?.acceptedNames ?? null);
    const after = change.type === 'DELETED' ? 'gone' : JSON.stringify(change.object.status?.acceptedNames ?? null);
    if (before !== after) {
      for (const { obj } of ctx.store.list(CRD_KEY)) {
        if (obj.spec?.group === group && obj.metadata.name !== change.name && !crdConditionTrue(obj, 'NamesAccepted')) keys.push(obj.metadata.name!);
      }
    }
    return keys;
  },
  reconcile(name, ctx) {
    if (name.startsWith('group:')) return { ops: syncAPIServices(name.slice('group:'.length), ctx) };
    const crd = ctx.store.get(CRD_KEY, '', name);
    if (!crd) return { ops: [] };
    if (crd.metadata.deletionTimestamp) {
      if (!crd.metadata.finalizers?.includes(CLEANUP_FINALIZER)) return { ops: [] };
      return finalize(crd, ctx);
    }
    return { ops: syncNames(crd, ctx) };
  },
  resync(ctx) {
    const crds = ctx.store.list(CRD_KEY).map((e) => e.obj);
    const registered = ctx.store.list(APISERVICES).filter((e) => e.obj.metadata.labels?.['kube-aggregator.kubernetes.io/automanaged'] === 'true').map((e) => e.obj.spec?.group);
    return [...crds.map((c) => c.metadata.name!), ...new Set([...crds.map((c) => c.spec?.group), ...registered].map(groupKey))];
  },
};
