/**
 * The arithmetic of the horizontal pod autoscaler (pkg/controller/podautoscaler): replicas for a
 * measured utilization with the 10% tolerance, stabilization windows over recent recommendations,
 * the scaling policies' rate limits, and min/max bounds — pure functions of their inputs.
 */

/** Ratios within this distance of 1 leave the replica count alone (--horizontal-pod-autoscaler-tolerance). */
export const TOLERANCE = 0.1;

/** A past recommendation, kept for the stabilization windows. */
export interface Recommendation {
  at: number;
  replicas: number;
}

/** One direction of spec.behavior (autoscaling/v2 HPAScalingRules). */
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: { type: 'Pods' | 'Percent'; value: number; periodSeconds: number }[];
}

/** Upstream's defaults when spec.behavior leaves a direction out. */
export const DEFAULT_SCALE_UP: Required<ScalingRules> = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
};
export const DEFAULT_SCALE_DOWN: Required<ScalingRules> = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** A direction's rules with upstream's defaults filled in. */
export function rulesWithDefaults(given: ScalingRules | undefined, defaults: Required<ScalingRules>): Required<ScalingRules> {
  return {
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given?.selectPolicy ?? defaults.selectPolicy,
    policies: given?.policies?.length ? given.policies : defaults.policies,
  };
}

/**
 * Replicas for a measured utilization (GetResourceReplicas): unchanged within the tolerance,
 * else the ready pods scaled by the usage ratio, rounded up.
 */
export function replicasForUtilization(current: number, readyPods: number, utilization: number, target: number): number {
  const ratio = utilization / target;
  if (Math.abs(ratio - 1) <= TOLERANCE) return current;
  return Math.ceil(ratio * readyPods);
}

/**
 * Stabilization (stabilizeRecommendationWithBehaviors): scale up no further than the lowest
 * recommendation of the scale-up window, down no further than the highest of the scale-down window.
 */
export function stabilize(current: number, desired: number, history: Recommendation[], up: Required<ScalingRules>, down: Required<ScalingRules>, now: number): number {
  let upRec = desired;
  let downRec = desired;
  for (const r of history) {
    if (r.at > now - up.stabilizationWindowSeconds * 1000) upRec = Math.min(upRec, r.replicas);
    if (r.at > now - down.stabilizationWindowSeconds * 1000) downRec = Math.max(downRec, r.replicas);
  }
  let out = current;
  if (out < upRec) out = upRec;
  if (out > downRec) out = downRec;
  return out;
}

/**
 * The rate limit of the policies (convertDesiredReplicasWithBehaviorRate), for a scaling that
 * starts from `current` replicas: the most (scale up) or fewest (scale down) replicas they allow.
 */
export function rateLimit(current: number, desired: number, up: Required<ScalingRules>, down: Required<ScalingRules>): number {
  if (desired > current) {
    if (up.selectPolicy === 'Disabled') return current;
    const limits = up.policies.map((p) => (p.type === 'Pods' ? current + p.value : Math.ceil(current * (1 + p.value / 100))));
    const limit = up.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits);
    return Math.min(desired, limit);
  }
  if (desired < current) {
    if (down.selectPolicy === 'Disabled') return current;
    const limits = down.policies.map((p) => (p.type === 'Pods' ? current - p.value : Math.floor(current * (1 - p.value / 100))));
    const limit = down.selectPolicy === 'Min' ? Math.max(...limits) : Math.min(...limits);
    return Math.max(desired, limit);
  }
  return desired;
}

/** Keep within [min, max]; says which bound limited it (ScalingLimited). */
export function bound(desired: number, min: number, max: number): { replicas: number; limited?: 'TooManyReplicas' | 'TooFewReplicas' } {
  if (desired > max) return { replicas: max, limited: 'TooManyReplicas' };
  if (desired < min) return { replicas: min, limited: 'TooFewReplicas' };
  return { replicas: desired };
}
