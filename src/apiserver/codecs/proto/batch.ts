/**
 * Wire tables for batch/v1: Job, CronJob.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** batch/v1: Job, CronJob. */
export const batch: MessageTable = {
  'batch.Job': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'batch.JobSpec', 'o'], status: [3, 'batch.JobStatus', 'o'],
  },
  'batch.JobSpec': {
    parallelism: [1, 'int32', 'po'], completions: [2, 'int32', 'po'], activeDeadlineSeconds: [3, 'int64', 'po'],
    podFailurePolicy: [11, 'batch.PodFailurePolicy', 'po'], successPolicy: [16, 'batch.SuccessPolicy', 'po'],
    backoffLimit: [7, 'int32', 'po'], backoffLimitPerIndex: [12, 'int32', 'po'],
    maxFailedIndexes: [13, 'int32', 'po'], selector: [4, 'meta.LabelSelector', 'po'],
    manualSelector: [5, 'bool', 'po'], template: [6, 'core.PodTemplateSpec'],
    ttlSecondsAfterFinished: [8, 'int32', 'po'], completionMode: [9, 'string', 'po'], suspend: [10, 'bool', 'po'],
    podReplacementPolicy: [14, 'string', 'po'], managedBy: [15, 'string', 'po'],
    scheduling: [17, 'batch.JobSchedulingConfiguration', 'po'],
  },
  'batch.PodFailurePolicy': { rules: [1, 'batch.PodFailurePolicyRule', 'r'] },
  'batch.PodFailurePolicyRule': {
    action: [1, 'string'], onExitCodes: [2, 'batch.PodFailurePolicyOnExitCodesRequirement', 'po'],
    onPodConditions: [3, 'batch.PodFailurePolicyOnPodConditionsPattern', 'ro'],
  },
  'batch.PodFailurePolicyOnExitCodesRequirement': {
    containerName: [1, 'string', 'po'], operator: [2, 'string'], values: [3, 'int32', 'r'],
  },
  'batch.PodFailurePolicyOnPodConditionsPattern': { type: [1, 'string'], status: [2, 'string'] },
  'batch.SuccessPolicy': { rules: [1, 'batch.SuccessPolicyRule', 'r'] },
  'batch.SuccessPolicyRule': { succeededIndexes: [1, 'string', 'po'], succeededCount: [2, 'int32', 'po'] },
  'batch.JobSchedulingConfiguration': {  },
  'batch.JobStatus': {
    conditions: [1, 'batch.JobCondition', 'ro'], startTime: [2, 'Time', 'po'], completionTime: [3, 'Time', 'po'],
    active: [4, 'int32', 'o'], succeeded: [5, 'int32', 'o'], failed: [6, 'int32', 'o'],
    terminating: [11, 'int32', 'po'], completedIndexes: [7, 'string', 'o'], failedIndexes: [10, 'string', 'po'],
    uncountedTerminatedPods: [8, 'batch.UncountedTerminatedPods', 'po'], ready: [9, 'int32', 'po'],
  },
  'batch.JobCondition': {
    type: [1, 'string'], status: [2, 'string'], lastProbeTime: [3, 'Time', 'o'], lastTransitionTime: [4, 'Time', 'o'],
    reason: [5, 'string', 'o'], message: [6, 'string', 'o'],
  },
  'batch.UncountedTerminatedPods': { succeeded: [1, 'string', 'ro'], failed: [2, 'string', 'ro'] },
  'batch.CronJob': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'batch.CronJobSpec', 'o'],
    status: [3, 'batch.CronJobStatus', 'o'],
  },
  'batch.CronJobSpec': {
    schedule: [1, 'string'], timeZone: [8, 'string', 'po'], startingDeadlineSeconds: [2, 'int64', 'po'],
    concurrencyPolicy: [3, 'string', 'o'], suspend: [4, 'bool', 'po'], jobTemplate: [5, 'batch.JobTemplateSpec'],
    successfulJobsHistoryLimit: [6, 'int32', 'po'], failedJobsHistoryLimit: [7, 'int32', 'po'],
  },
  'batch.JobTemplateSpec': { metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'batch.JobSpec', 'o'] },
  'batch.CronJobStatus': {
    active: [1, 'core.ObjectReference', 'ro'], lastScheduleTime: [4, 'Time', 'po'],
    lastSuccessfulTime: [5, 'Time', 'po'],
  },
};
