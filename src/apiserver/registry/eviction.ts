import { decodeObject } from '../codecs/body';
import { badRequest, forbidden, notFound, StatusError } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { deleteOps } from './delete';
import { timestamp } from './meta';
import { budgetsForPod, PDB_RESOURCE, setDisruptionAllowed } from '../../resources/poddisruptionbudget/budget';

const POD_GR = { group: '', resource: 'pods' };
const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** errors.NewTooManyRequests with a DisruptionBudget cause (429; Retry-After when positive). */
function budgetRefusal(cause: string, retryAfterSeconds: number): StatusError {
  const details: Record<string, unknown> = { causes: [{ reason: 'DisruptionBudget', message: cause }] };
  if (retryAfterSeconds > 0) details.retryAfterSeconds = retryAfterSeconds;
  return new StatusError(
    { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: EVICTION_REFUSED, reason: 'TooManyRequests', details, code: 429 },
    retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {},
  );
}

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/** canIgnorePDB: terminal, pending and terminating pods are deleted without asking a budget. */
function canIgnoreBudget(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/**
 * checkAndDecrement: the budget's status with one disruption spent and the pod recorded in
 * disruptedPods, or the refusal (stale status → 429 retry in 10s; none allowed → 429).
 */
export function spendDisruption(pdb: KubeObject, podName: string, now: string): KubeObject {
  const st = pdb.status ?? {};
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw budgetRefusal(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`, 10);
  }
  if ((st.disruptionsAllowed ?? 0) < 0) {
    throw forbidden({ group: 'policy', resource: 'poddisruptionbudget' }, pdb.metadata.name!, 'pdb disruptions allowed is negative');
  }
  if (Object.keys(st.disruptedPods ?? {}).length > 2000) {
    throw forbidden({ group: 'policy', resource: 'poddisruptionbudget' }, pdb.metadata.name!, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if ((st.disruptionsAllowed ?? 0) === 0) {
    throw budgetRefusal(`The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`, 0);
  }
  const next = structuredClone(pdb);
  next.status = { ...structuredClone(st), disruptionsAllowed: st.disruptionsAllowed - 1 };
  if (next.status.disruptionsAllowed === 0) setDisruptionAllowed(next.status, now);
  next.status.disruptedPods = { ...(st.disruptedPods ?? {}), [podName]: now };
  return next;
}

/**
 * POST pods/NAME/eviction (policy/v1 Eviction, pkg/registry/core/pod/storage/eviction.go):
 * a pod covered by a PodDisruptionBudget is deleted only if the budget allows a disruption
 * (which the eviction spends), otherwise 429; terminal, pending and terminating pods, and
 * unready pods of a budget that is healthy anyway, go without spending. The pod gets the
 * DisruptionTarget condition and is deleted gracefully.
 */
export function evictPod(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { info } = req;
  const eviction = decodeObject(req.body, req.headers.get('content-type')) ?? {};
  if (eviction.metadata?.name !== info.name) throw badRequest('name in URL does not match name in Eviction object');
  const opts = eviction.deleteOptions ?? {};
  const dryRun = req.query.getAll('dryRun').includes('All') || (opts.dryRun ?? []).includes('All');
  const pod = ctx.store.get('pods', info.namespace, info.name);
  if (!pod) throw notFound(POD_GR, info.name);
  const now = timestamp(ctx.now());
  const writes = [];
  if (!canIgnoreBudget(pod)) {
    const pdbs = budgetsForPod(ctx.store.list(PDB_RESOURCE, info.namespace).map((e) => e.obj), pod);
    if (pdbs.length > 1) {
      throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 });
    }
    const pdb = pdbs[0];
    if (pdb) {
      const st = pdb.status ?? {};
      const unhealthyGoesFree = !isReady(pod) &&
        (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
      if (!unhealthyGoesFree) writes.push({ op: 'put' as const, resource: PDB_RESOURCE, object: spendDisruption(pdb, info.name, now) });
    }
  }
  if (!dryRun) {
    const marked = structuredClone(pod);
    marked.status = marked.status ?? {};
    marked.status.conditions = [
      ...(marked.status.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
    ];
    const del = deleteOps(ctx, 'pods', marked, { dryRun: false, gracePeriodSeconds: opts.gracePeriodSeconds, propagationPolicy: opts.propagationPolicy });
    const ops = [...writes, ...del.ops];
    if (ops.length) ctx.commit(ops);
    ctx.kick();
  }
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
