import { storageKey } from '../../resources/catalog';
import type { WriteOp } from '../../cluster/storage';
import { decodeObject } from '../codecs/body';
import { conflict, notFound } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { convertOut } from './convert';
import { timestamp } from './meta';
import { filterForList } from './read';
import { CRD_KEY } from '../../resources/resolver';
import { admitRequestByPolicies } from '../../resources/validatingadmissionpolicy/request';
import { markCRDForDeletion } from '../../resources/customresourcedefinition/lifecycle';

/** DeleteOptions from the body (JSON) and the query, query winning as upstream. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

export function deleteOptions(req: ApiRequest): DeleteOptions {
  let body: any = {};
  // JSON, or the protobuf envelope client-go 1.35 (helm 4) sends DeleteOptions in.
  if (req.body.byteLength) body = decodeObject(req.body, req.headers.get('content-type')) ?? {};
  const q = req.query;
  const opts: DeleteOptions = {
    gracePeriodSeconds: body.gracePeriodSeconds,
    propagationPolicy: body.propagationPolicy,
    preconditions: body.preconditions,
    dryRun: (body.dryRun ?? []).includes('All') || q.getAll('dryRun').includes('All'),
  };
  if (q.has('gracePeriodSeconds')) opts.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  if (q.has('propagationPolicy')) opts.propagationPolicy = q.get('propagationPolicy') as DeleteOptions['propagationPolicy'];
  if (body.orphanDependents === true || q.get('orphanDependents') === 'true') opts.propagationPolicy ??= 'Orphan';
  return opts;
}

/**
 * An object marked for deletion whose last finalizer an update removed is removed for good
 * (a pod still in its grace period waits for its kubelet instead).
 */
export function finishIfReleased(key: string, obj: KubeObject, old: KubeObject): boolean {
  if (key === 'namespaces' || !obj.metadata.deletionTimestamp) return false;
  if (!old.metadata.finalizers?.length || obj.metadata.finalizers?.length) return false;
  return !(key === 'pods' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0);
}

/**
 * The apiserver's answer to a kubelet's final delete (grace period 0) of a pod whose containers
 * have all stopped: the pod is removed, unless finalizers remain; then, as upstream's graceful
 * deletion (BeforeDelete with a shorter grace period), it stays with deletionTimestamp = now and
 * deletionGracePeriodSeconds = 0 until the last finalizer goes (see finishIfReleased). No ops
 * when it is already so marked, so a kubelet may call this on every pass.
 */
export function podRemovalOps(pod: KubeObject, now: Date): WriteOp[] {
  if (!pod.metadata.finalizers?.length) return [{ op: 'delete', resource: 'pods', object: pod }];
  if (pod.metadata.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0) return [];
  const marked = structuredClone(pod);
  marked.metadata.deletionTimestamp = timestamp(now);
  marked.metadata.deletionGracePeriodSeconds = 0;
  return [{ op: 'put', resource: 'pods', object: marked }];
}

/**
 * Delete one stored object: with finalizers (or a namespace, which the namespace controller
 * empties first) it is only marked with deletionTimestamp; otherwise it is removed.
 * Returns the ops to commit and the object to answer with.
 */
export function deleteOps(ctx: ClusterContext, key: string, obj: KubeObject, opts: DeleteOptions): { ops: WriteOp[]; answer: KubeObject } {
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  if (opts.propagationPolicy === 'Foreground' && key !== 'namespaces' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
  if (opts.propagationPolicy === 'Orphan' && key !== 'namespaces' && !finalizers.includes('orphan')) finalizers.push('orphan');
  // Graceful deletion of a pod on a node (as the pod strategy's CheckGracefulDelete): the
  // kubelet stops its containers and removes it once they are gone, or at the deadline.
  const phase = obj.status?.phase;
  if (key === 'pods' && obj.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed') {
    const grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    if (grace > 0 || finalizers.length) {
      const current = obj.metadata.deletionGracePeriodSeconds;
      if (obj.metadata.deletionTimestamp && (current === undefined || current <= grace)) return { ops: [], answer: obj };
      const marked = structuredClone(obj);
      marked.metadata.deletionTimestamp = timestamp(new Date(ctx.now().getTime() + grace * 1000));
      marked.metadata.deletionGracePeriodSeconds = grace;
      if (finalizers.length) marked.metadata.finalizers = finalizers;
      return { ops: [{ op: 'put', resource: key, object: marked }], answer: marked };
    }
  }
  if (key === CRD_KEY && !obj.metadata.deletionTimestamp) {
    const marked = markCRDForDeletion(obj, finalizers, timestamp(ctx.now()));
    return { ops: [{ op: 'put', resource: key, object: marked }], answer: marked };
  }
  if (key === 'namespaces' || finalizers.length) {
    if (obj.metadata.deletionTimestamp) return { ops: [], answer: obj };
    const marked = structuredClone(obj);
    marked.metadata.deletionTimestamp = timestamp(ctx.now());
    marked.metadata.deletionGracePeriodSeconds = 0;
    if (finalizers.length) marked.metadata.finalizers = finalizers;
    if (key === 'namespaces') marked.status = { ...(marked.status ?? {}), phase: 'Terminating' };
    return { ops: [{ op: 'put', resource: key, object: marked }], answer: marked };
  }
  return { ops: [{ op: 'delete', resource: key, object: obj }], answer: obj };
}

/** DELETE one object. */
export function deleteObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const key = storageKey(def);
  const gr = { group: def.group, resource: def.resource };
  const obj = ctx.store.get(key, def.namespaced ? info.namespace : '', info.name);
  if (!obj) throw notFound(gr, info.name);
  const opts = deleteOptions(req);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid) {
    throw conflict(gr, info.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(gr, info.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
  }
  admitRequestByPolicies(ctx, req, { operation: 'DELETE', object: null, oldObject: obj });
  const { ops, answer } = deleteOps(ctx, key, obj, opts);
  if (opts.dryRun || !ops.length) return { code: 200, body: convertOut(def, info.apiVersion, answer) };
  const changes = ctx.commit(ops);
  ctx.kick();
  const stored = changes[0].type === 'DELETED' ? answer : changes[0].object;
  return { code: 200, body: convertOut(def, info.apiVersion, stored) };
}

/** DELETE a collection: every object the selectors pick, in one transaction. */
export function deleteCollection(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const key = storageKey(def);
  const opts = deleteOptions(req);
  const items = filterForList(ctx, req);
  const ops: WriteOp[] = [];
  const answers: KubeObject[] = [];
  for (const obj of items) {
    admitRequestByPolicies(ctx, { ...req, info: { ...info, verb: 'delete', name: obj.metadata.name! } }, { operation: 'DELETE', object: null, oldObject: obj });
    const d = deleteOps(ctx, key, obj, opts);
    ops.push(...d.ops);
    answers.push(convertOut(def, info.apiVersion, d.answer));
  }
  if (!opts.dryRun && ops.length) {
    ctx.commit(ops);
    ctx.kick();
  }
  return {
    code: 200,
    body: { kind: `${def.kind}List`, apiVersion: def.group ? `${def.group}/${info.apiVersion}` : info.apiVersion, metadata: { resourceVersion: String(ctx.store.currentRV()) }, items: answers },
  };
}
