/**
 * All wire tables, and which message each top-level apiVersion/kind is sent as.
 */
import { apps } from './apps.js';
import { authentication } from './authentication.js';
import { authorization } from './authorization.js';
import { autoscaling } from './autoscaling.js';
import { batch } from './batch.js';
import { certificates } from './certificates.js';
import { coreObjects } from './core-objects.js';
import { corePod } from './core-pod.js';
import { coreVolume } from './core-volume.js';
import { meta } from './meta.js';
import { networking } from './networking.js';
import { policy } from './policy.js';
import { rbac } from './rbac.js';
import type { MessageTable } from './schema.js';
import { scheduling } from './scheduling.js';

/** Every known message, by qualified name (`core.Container`). */
export const MESSAGES: MessageTable = {
  ...meta, ...coreVolume, ...corePod, ...coreObjects, ...apps, ...batch, ...autoscaling, ...authorization,
  ...authentication, ...networking, ...policy, ...rbac, ...scheduling, ...certificates,
};

/** apiVersion → [message-name prefix, kinds sent as top-level objects]. */
const GROUP_VERSIONS: Readonly<Record<string, readonly [string, readonly string[]]>> = {
  v1: ['core', [
    'ConfigMap', 'Secret', 'Namespace', 'Service', 'ServiceAccount', 'Pod', 'ResourceQuota', 'Event',
    'PersistentVolumeClaim', 'Endpoints', 'LimitRange', 'ReplicationController', 'PodTemplate', 'Binding',
  ]],
  'apps/v1': ['apps', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']],
  'batch/v1': ['batch', ['Job', 'CronJob']],
  'autoscaling/v1': ['autoscalingv1', ['HorizontalPodAutoscaler', 'Scale']],
  'autoscaling/v2': ['autoscalingv2', ['HorizontalPodAutoscaler']],
  'authorization.k8s.io/v1': ['authorization', [
    'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'LocalSubjectAccessReview',
  ]],
  'authentication.k8s.io/v1': ['authentication', ['TokenRequest', 'SelfSubjectReview', 'TokenReview']],
  'networking.k8s.io/v1': ['networking', ['Ingress', 'IngressClass', 'NetworkPolicy']],
  'policy/v1': ['policy', ['PodDisruptionBudget', 'Eviction']],
  'rbac.authorization.k8s.io/v1': ['rbac', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']],
  'scheduling.k8s.io/v1': ['scheduling', ['PriorityClass']],
  'certificates.k8s.io/v1': ['certificates', ['CertificateSigningRequest']],
};

/** The message a top-level object of this apiVersion/kind is encoded as, or undefined if unknown. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  // DeleteOptions is registered in every group version (metav1.AddToGroupVersion): client-go
  // 1.35 sends it as a protobuf body typed with the version of the resource it deletes.
  if (kind === 'DeleteOptions') return 'meta.DeleteOptions';
  const gv = Object.hasOwn(GROUP_VERSIONS, apiVersion) ? GROUP_VERSIONS[apiVersion] : undefined;
  if (!gv || !gv[1].includes(kind)) return undefined;
  const name = `${gv[0]}.${kind}`;
  return Object.hasOwn(MESSAGES, name) ? name : undefined;
}
