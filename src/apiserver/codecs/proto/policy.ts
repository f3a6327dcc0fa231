/**
 * Wire tables for policy/v1: PodDisruptionBudget, Eviction.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** policy/v1: PodDisruptionBudget, Eviction. */
export const policy: MessageTable = {
  'policy.PodDisruptionBudget': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'policy.PodDisruptionBudgetSpec', 'o'],
    status: [3, 'policy.PodDisruptionBudgetStatus', 'o'],
  },
  'policy.PodDisruptionBudgetSpec': {
    minAvailable: [1, 'IntOrString', 'po'], selector: [2, 'meta.LabelSelector', 'po'],
    maxUnavailable: [3, 'IntOrString', 'po'], unhealthyPodEvictionPolicy: [4, 'string', 'po'],
  },
  'policy.PodDisruptionBudgetStatus': {
    observedGeneration: [1, 'int64', 'o'], disruptedPods: [2, 'map:string:Time', 'o'],
    disruptionsAllowed: [3, 'int32'], currentHealthy: [4, 'int32'], desiredHealthy: [5, 'int32'],
    expectedPods: [6, 'int32'], conditions: [7, 'meta.Condition', 'ro'],
  },
  'policy.Eviction': { metadata: [1, 'meta.ObjectMeta', 'o'], deleteOptions: [2, 'meta.DeleteOptions', 'po'] },
};
