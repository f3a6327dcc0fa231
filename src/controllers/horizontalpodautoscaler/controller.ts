import type { Controller, ControllerContext } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual, timestamp } from '../../apiserver/registry/meta';
import { selectorObjectMatches } from '../../apiserver/selectors/labels';
import { recordEvent } from '../events';
import { updateAs } from '../client';
import { podMetrics } from '../../sim/metrics';
import { servedLoad } from '../../sim/load';
import { parseQuantity } from '../../sim/kubelet/quantity';
import { bound, rateLimit, replicasForUtilization, rulesWithDefaults, stabilize, DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP, type Recommendation } from './recommend';

const RESOURCE = 'horizontalpodautoscalers.autoscaling';
const COMPONENT = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period (realistic profile); the fast profile syncs every second. */
const SYNC_MS = { realistic: 15_000, fast: 1_000 };

/** Scale targets the controller knows: kind → [group, storage resource key]. */
const TARGETS: Record<string, [string, string]> = {
  Deployment: ['apps', 'deployments'],
  ReplicaSet: ['apps', 'replicasets'],
  StatefulSet: ['apps', 'statefulsets'],
  ReplicationController: ['', 'replicationcontrollers'],
};

const CPU_METRIC = 'cpu resource utilization (percentage of request)';

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/** A condition, keeping its lastTransitionTime while its status does not change. */
function condition(old: any[], type: string, status: string, reason: string, message: string, now: string) {
  const prev = old.find((c) => c.type === type);
  return { type, status, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, reason, message };
}

/** What one measurement of the pods gives: utilization in percent and average value, or why not. */
function measure(ctx: ControllerContext, pods: KubeObject[]): { utilization: number; averageMilli: number; ready: number } | { error: string } {
  const load = pods.length ? servedLoad(ctx) : new Map<string, number>();
  let used = 0;
  let requested = 0;
  let measured = 0;
  for (const pod of pods) {
    for (const c of pod.spec?.containers ?? []) {
      if (c.resources?.requests?.cpu === undefined) return { error: `failed to get cpu utilization: missing request for cpu in container ${c.name} of Pod ${pod.metadata.name}` };
    }
    const m = podMetrics(ctx, pod, load);
    if (!m) continue;
    measured++;
    for (const c of pod.spec.containers) requested += parseQuantity(String(c.resources.requests.cpu)) ?? 0;
    for (const c of m.containers) used += parseQuantity(c.usage.cpu) ?? 0;
  }
  if (!measured) return { error: 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API' };
  return { utilization: Math.round((used / requested) * 100), averageMilli: Math.round((used / measured) * 1000), ready: pods.filter(isReady).length || measured };
}

/**
 * The horizontal pod autoscaler (pkg/controller/podautoscaler) for CPU utilization targets:
 * every sync period it measures the target's pods through the metrics pipeline, recommends a
 * replica count (tolerance, stabilization windows, scaling policies, min/max), scales the target
 * through the registry, and records status, conditions and SuccessfulRescale events.
 * Recommendations are kept in memory, as upstream keeps them.
 */
export function horizontalPodAutoscalerController(): Controller {
  const history = new Map<string, Recommendation[]>();
  return {
    name: 'horizontalpodautoscaler',
    watches: [RESOURCE],
    keysFor(change) {
      if (change.type === 'DELETED') {
        history.delete(`${change.namespace}/${change.name}`);
        return [];
      }
      return [`${change.namespace}/${change.name}`];
    },
    reconcile(key, ctx) {
      const [ns, name] = key.split('/');
      const hpa = ctx.store.get(RESOURCE, ns, name);
      if (!hpa || hpa.metadata.deletionTimestamp) return { ops: [] };
      const nowMs = ctx.now().getTime();
      const now = timestamp(ctx.now());
      const requeueAfterMs = SYNC_MS[ctx.settings.profile];
      const old: any[] = hpa.status?.conditions ?? [];
      const ref = hpa.spec?.scaleTargetRef ?? {};
      const target = TARGETS[ref.kind];
      const status: Record<string, any> = { ...(hpa.status ?? {}), observedGeneration: hpa.metadata.generation };
      const ops: WriteOp[] = [];
      const finish = () => {
        const current = ctx.store.get(RESOURCE, ns, name)!;
        if (!jsonEqual(current.status ?? {}, status)) ops.push({ op: 'put', resource: RESOURCE, object: { ...structuredClone(current), status } });
        if (ops.length) ctx.commit(ops);
        return { ops: [], requeueAfterMs };
      };
      const stored = target && ctx.store.get(target[0] ? `${target[1]}.${target[0]}` : target[1], ns, ref.name);
      if (!stored) {
        const message = `the HPA controller was unable to get the target's current scale: ${target ? `${target[1]}${target[0] ? `.${target[0]}` : ''} "${ref.name}" not found` : `no matches for kind "${ref.kind}"`}`;
        status.conditions = [condition(old, 'AbleToScale', 'False', 'FailedGetScale', message, now)];
        if (!old.some((c) => c.reason === 'FailedGetScale')) ops.push(recordEvent(ctx, hpa, { type: 'Warning', reason: 'FailedGetScale', message: message.replace('the HPA controller was unable to get the target\'s current scale: ', ''), component: COMPONENT }));
        return finish();
      }
      const currentReplicas: number = stored.spec?.replicas ?? 1;
      status.currentReplicas = stored.status?.replicas ?? currentReplicas;
      const pods = ctx.store.list('pods', ns).map((e) => e.obj)
        .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && selectorObjectMatches(stored.spec?.selector, p.metadata.labels));
      const metric = (hpa.spec?.metrics ?? []).find((m: any) => m.type === 'Resource' && m.resource?.name === 'cpu');
      const targetUtil: number | undefined = metric?.resource?.target?.averageUtilization;
      const min: number = hpa.spec?.minReplicas ?? 1;
      const max: number = hpa.spec?.maxReplicas ?? currentReplicas;
      if (currentReplicas === 0 && min !== 0) {
        status.desiredReplicas = 0;
        status.conditions = [condition(old, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now)];
        return finish();
      }
      const m = targetUtil === undefined ? { error: 'the HPA only measures cpu utilization targets here' } : measure(ctx, pods);
      if ('error' in m) {
        const message = `the HPA was unable to compute the replica count: ${m.error}`;
        status.conditions = [
          condition(old, 'AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale', now),
          condition(old, 'ScalingActive', 'False', 'FailedGetResourceMetric', message, now),
        ];
        if (!old.some((c) => c.reason === 'FailedGetResourceMetric')) ops.push(recordEvent(ctx, hpa, { type: 'Warning', reason: 'FailedGetResourceMetric', message: m.error, component: COMPONENT }));
        status.currentMetrics = status.currentMetrics ?? null;
        if (status.currentMetrics === null) delete status.currentMetrics;
        return finish();
      }
      status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: `${m.averageMilli}m`, averageUtilization: m.utilization } } }];
      const proposed = replicasForUtilization(currentReplicas, m.ready, m.utilization, targetUtil!);
      const up = rulesWithDefaults(hpa.spec?.behavior?.scaleUp, DEFAULT_SCALE_UP);
      const down = rulesWithDefaults(hpa.spec?.behavior?.scaleDown, DEFAULT_SCALE_DOWN);
      const past = (history.get(key) ?? []).filter((r) => r.at > nowMs - Math.max(up.stabilizationWindowSeconds, down.stabilizationWindowSeconds) * 1000);
      const stabilized = stabilize(currentReplicas, proposed, past, up, down, nowMs);
      history.set(key, [...past, { at: nowMs, replicas: proposed }]);
      const limited = bound(rateLimit(currentReplicas, stabilized, up, down), min, max);
      const desired = limited.replicas;
      const able = stabilized !== proposed && stabilized > proposed
        ? condition(old, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', now)
        : condition(old, 'AbleToScale', 'True', desired !== currentReplicas ? 'SucceededRescale' : 'ReadyForNewScale', desired !== currentReplicas ? `the HPA controller was able to update the target scale to ${desired}` : 'recommended size matches current size', now);
      status.conditions = [
        able,
        condition(old, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${CPU_METRIC}`, now),
        limited.limited
          ? condition(old, 'ScalingLimited', 'True', limited.limited, `the desired replica count is ${limited.limited === 'TooManyReplicas' ? 'more than the maximum' : 'less than the minimum'} replica count`, now)
          : condition(old, 'ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range', now),
      ];
      status.desiredReplicas = desired;
      if (desired !== currentReplicas) {
        const scaled = updateAs(ctx, COMPONENT, target[0], target[1], { ...structuredClone(stored), spec: { ...stored.spec, replicas: desired } });
        if (scaled) {
          const reason = desired > currentReplicas ? `${CPU_METRIC} above target` : 'All metrics below target';
          ops.push(recordEvent(ctx, hpa, { type: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${desired}; reason: ${reason}`, component: COMPONENT }));
          status.lastScaleTime = now;
        }
      }
      return finish();
    },
    resync(ctx) {
      return ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
    },
  };
}
