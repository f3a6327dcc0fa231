/**
 * Wire tables for meta/v1 (k8s.io/apimachinery/pkg/apis/meta/v1) messages shared by every group.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** meta/v1 (k8s.io/apimachinery/pkg/apis/meta/v1) messages shared by every group. */
export const meta: MessageTable = {
  'meta.ObjectMeta': {
    name: [1, 'string', 'o'], generateName: [2, 'string', 'o'], namespace: [3, 'string', 'o'],
    selfLink: [4, 'string', 'o'], uid: [5, 'string', 'o'], resourceVersion: [6, 'string', 'o'],
    generation: [7, 'int64', 'o'], creationTimestamp: [8, 'Time', 'o'], deletionTimestamp: [9, 'Time', 'po'],
    deletionGracePeriodSeconds: [10, 'int64', 'po'], labels: [11, 'map:string:string', 'o'],
    annotations: [12, 'map:string:string', 'o'], ownerReferences: [13, 'meta.OwnerReference', 'ro'],
    finalizers: [14, 'string', 'ro'], managedFields: [17, 'meta.ManagedFieldsEntry', 'ro'],
  },
  'meta.OwnerReference': {
    apiVersion: [5, 'string'], kind: [1, 'string'], name: [3, 'string'], uid: [4, 'string'],
    controller: [6, 'bool', 'po'], blockOwnerDeletion: [7, 'bool', 'po'],
  },
  'meta.ManagedFieldsEntry': {
    manager: [1, 'string', 'o'], operation: [2, 'string', 'o'], apiVersion: [3, 'string', 'o'],
    time: [4, 'Time', 'po'], fieldsType: [6, 'string', 'o'], fieldsV1: [7, 'FieldsV1', 'po'],
    subresource: [8, 'string', 'o'],
  },
  'meta.Condition': {
    type: [1, 'string'], status: [2, 'string'], observedGeneration: [3, 'int64', 'o'],
    lastTransitionTime: [4, 'Time'], reason: [5, 'string'], message: [6, 'string'],
  },
  'meta.LabelSelector': {
    matchLabels: [1, 'map:string:string', 'o'], matchExpressions: [2, 'meta.LabelSelectorRequirement', 'ro'],
  },
  'meta.LabelSelectorRequirement': { key: [1, 'string'], operator: [2, 'string'], values: [3, 'string', 'ro'] },
  'meta.FieldSelectorRequirement': { key: [1, 'string'], operator: [2, 'string'], values: [3, 'string', 'ro'] },
  'meta.DeleteOptions': {
    gracePeriodSeconds: [1, 'int64', 'po'], preconditions: [2, 'meta.Preconditions', 'po'],
    orphanDependents: [3, 'bool', 'po'], propagationPolicy: [4, 'string', 'po'], dryRun: [5, 'string', 'ro'],
    ignoreStoreReadErrorWithClusterBreakingPotential: [6, 'bool', 'po'],
  },
  'meta.Preconditions': { uid: [1, 'string', 'po'], resourceVersion: [2, 'string', 'po'] },
};
