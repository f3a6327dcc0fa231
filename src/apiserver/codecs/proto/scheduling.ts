/**
 * Wire tables for scheduling.k8s.io/v1: PriorityClass.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** scheduling.k8s.io/v1: PriorityClass. */
export const scheduling: MessageTable = {
  'scheduling.PriorityClass': {
    metadata: [1, 'meta.ObjectMeta', 'o'], value: [2, 'int32'], globalDefault: [3, 'bool', 'o'],
    description: [4, 'string', 'o'], preemptionPolicy: [5, 'string', 'po'],
  },
};
