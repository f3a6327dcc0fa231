/**
 * Wire tables for apps/v1: Deployment, StatefulSet, DaemonSet, ReplicaSet.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** apps/v1: Deployment, StatefulSet, DaemonSet, ReplicaSet. */
export const apps: MessageTable = {
  'apps.Deployment': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'apps.DeploymentSpec', 'o'],
    status: [3, 'apps.DeploymentStatus', 'o'],
  },
  'apps.DeploymentSpec': {
    replicas: [1, 'int32', 'po'], selector: [2, 'meta.LabelSelector', 'p'], template: [3, 'core.PodTemplateSpec'],
    strategy: [4, 'apps.DeploymentStrategy', 'o'], minReadySeconds: [5, 'int32', 'o'],
    revisionHistoryLimit: [6, 'int32', 'po'], paused: [7, 'bool', 'o'], progressDeadlineSeconds: [9, 'int32', 'po'],
  },
  'apps.DeploymentStrategy': { type: [1, 'string', 'o'], rollingUpdate: [2, 'apps.RollingUpdateDeployment', 'po'] },
  'apps.RollingUpdateDeployment': { maxUnavailable: [1, 'IntOrString', 'po'], maxSurge: [2, 'IntOrString', 'po'] },
  'apps.DeploymentStatus': {
    observedGeneration: [1, 'int64', 'o'], replicas: [2, 'int32', 'o'], updatedReplicas: [3, 'int32', 'o'],
    readyReplicas: [7, 'int32', 'o'], availableReplicas: [4, 'int32', 'o'], unavailableReplicas: [5, 'int32', 'o'],
    terminatingReplicas: [9, 'int32', 'po'], conditions: [6, 'apps.DeploymentCondition', 'ro'],
    collisionCount: [8, 'int32', 'po'],
  },
  'apps.DeploymentCondition': {
    type: [1, 'string'], status: [2, 'string'], lastUpdateTime: [6, 'Time', 'o'],
    lastTransitionTime: [7, 'Time', 'o'], reason: [4, 'string', 'o'], message: [5, 'string', 'o'],
  },
  'apps.StatefulSet': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'apps.StatefulSetSpec', 'o'],
    status: [3, 'apps.StatefulSetStatus', 'o'],
  },
  'apps.StatefulSetSpec': {
    replicas: [1, 'int32', 'po'], selector: [2, 'meta.LabelSelector', 'p'], template: [3, 'core.PodTemplateSpec'],
    volumeClaimTemplates: [4, 'core.PersistentVolumeClaim', 'ro'], serviceName: [5, 'string'],
    podManagementPolicy: [6, 'string', 'o'], updateStrategy: [7, 'apps.StatefulSetUpdateStrategy', 'o'],
    revisionHistoryLimit: [8, 'int32', 'po'], minReadySeconds: [9, 'int32', 'o'],
    persistentVolumeClaimRetentionPolicy: [10, 'apps.StatefulSetPersistentVolumeClaimRetentionPolicy', 'po'],
    ordinals: [11, 'apps.StatefulSetOrdinals', 'po'],
  },
  'apps.StatefulSetUpdateStrategy': {
    type: [1, 'string', 'o'], rollingUpdate: [2, 'apps.RollingUpdateStatefulSetStrategy', 'po'],
  },
  'apps.RollingUpdateStatefulSetStrategy': { partition: [1, 'int32', 'po'], maxUnavailable: [2, 'IntOrString', 'po'] },
  'apps.StatefulSetPersistentVolumeClaimRetentionPolicy': {
    whenDeleted: [1, 'string', 'o'], whenScaled: [2, 'string', 'o'],
  },
  'apps.StatefulSetOrdinals': { start: [1, 'int32'] },
  'apps.StatefulSetStatus': {
    observedGeneration: [1, 'int64', 'o'], replicas: [2, 'int32'], readyReplicas: [3, 'int32', 'o'],
    currentReplicas: [4, 'int32', 'o'], updatedReplicas: [5, 'int32', 'o'], currentRevision: [6, 'string', 'o'],
    updateRevision: [7, 'string', 'o'], collisionCount: [9, 'int32', 'po'],
    conditions: [10, 'apps.StatefulSetCondition', 'ro'], availableReplicas: [11, 'int32'],
  },
  'apps.StatefulSetCondition': {
    type: [1, 'string'], status: [2, 'string'], lastTransitionTime: [3, 'Time', 'o'], reason: [4, 'string', 'o'],
    message: [5, 'string', 'o'],
  },
  'apps.DaemonSet': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'apps.DaemonSetSpec', 'o'],
    status: [3, 'apps.DaemonSetStatus', 'o'],
  },
  'apps.DaemonSetSpec': {
    selector: [1, 'meta.LabelSelector', 'p'], template: [2, 'core.PodTemplateSpec'],
    updateStrategy: [3, 'apps.DaemonSetUpdateStrategy', 'o'], minReadySeconds: [4, 'int32', 'o'],
    revisionHistoryLimit: [6, 'int32', 'po'],
  },
  'apps.DaemonSetUpdateStrategy': { type: [1, 'string', 'o'], rollingUpdate: [2, 'apps.RollingUpdateDaemonSet', 'po'] },
  'apps.RollingUpdateDaemonSet': { maxUnavailable: [1, 'IntOrString', 'po'], maxSurge: [2, 'IntOrString', 'po'] },
  'apps.DaemonSetStatus': {
    currentNumberScheduled: [1, 'int32'], numberMisscheduled: [2, 'int32'], desiredNumberScheduled: [3, 'int32'],
    numberReady: [4, 'int32'], observedGeneration: [5, 'int64', 'o'], updatedNumberScheduled: [6, 'int32', 'o'],
    numberAvailable: [7, 'int32', 'o'], numberUnavailable: [8, 'int32', 'o'], collisionCount: [9, 'int32', 'po'],
    conditions: [10, 'apps.DaemonSetCondition', 'ro'],
  },
  'apps.DaemonSetCondition': {
    type: [1, 'string'], status: [2, 'string'], lastTransitionTime: [3, 'Time', 'o'], reason: [4, 'string', 'o'],
    message: [5, 'string', 'o'],
  },
  'apps.ReplicaSet': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'apps.ReplicaSetSpec', 'o'],
    status: [3, 'apps.ReplicaSetStatus', 'o'],
  },
  'apps.ReplicaSetSpec': {
    replicas: [1, 'int32', 'po'], minReadySeconds: [4, 'int32', 'o'], selector: [2, 'meta.LabelSelector', 'p'],
    template: [3, 'core.PodTemplateSpec', 'o'],
  },
  'apps.ReplicaSetStatus': {
    replicas: [1, 'int32'], fullyLabeledReplicas: [2, 'int32', 'o'], readyReplicas: [4, 'int32', 'o'],
    availableReplicas: [5, 'int32', 'o'], terminatingReplicas: [7, 'int32', 'po'],
    observedGeneration: [3, 'int64', 'o'], conditions: [6, 'apps.ReplicaSetCondition', 'ro'],
  },
  'apps.ReplicaSetCondition': {
    type: [1, 'string'], status: [2, 'string'], lastTransitionTime: [3, 'Time', 'o'], reason: [4, 'string', 'o'],
    message: [5, 'string', 'o'],
  },
};
