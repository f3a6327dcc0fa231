/**
 * The per-kind strategies of the registry, keyed by storage key: `<plural>` for the core group,
 * `<plural>.<group>` otherwise (see catalog.storageKey). Kinds absent here get the empty
 * strategy. `statusStrategies` lists the kinds with a status subresource.
 */
import type { StatusStrategy, Strategy } from './strategy';
import { keepSpecStatusStrategy } from './podspec/lifecycle';
import { podStrategy } from './pod/strategy';
import { podTemplateStrategy } from './podtemplate/strategy';
import { serviceStrategy } from './service/strategy';
import { endpointsStrategy } from './endpoints/strategy';
import { configMapStrategy } from './configmap/strategy';
import { secretStrategy } from './secret/strategy';
import { serviceAccountStrategy } from './serviceaccount/strategy';
import { eventStrategy } from './event/strategy';
import { nodeStrategy } from './node/strategy';
import { namespaceStrategy } from './namespace/strategy';
import { persistentVolumeStrategy } from './persistentvolume/strategy';
import { persistentVolumeClaimStrategy } from './persistentvolumeclaim/strategy';
import { resourceQuotaStrategy } from './resourcequota/strategy';
import { limitRangeStrategy } from './limitrange/strategy';
import { replicationControllerStrategy } from './replicationcontroller/strategy';
import { deploymentStrategy } from './deployment/strategy';
import { replicaSetStrategy } from './replicaset/strategy';
import { statefulSetStrategy } from './statefulset/strategy';
import { daemonSetStrategy } from './daemonset/strategy';
import { controllerRevisionStrategy } from './controllerrevision/strategy';
import { jobStrategy } from './job/strategy';
import { cronJobStrategy } from './cronjob/strategy';
import { horizontalPodAutoscalerStrategy } from './horizontalpodautoscaler/strategy';
import { ingressStrategy } from './ingress/strategy';
import { ingressClassStrategy } from './ingressclass/strategy';
import { networkPolicyStrategy } from './networkpolicy/strategy';
import { storageClassStrategy } from './storageclass/strategy';
import { podDisruptionBudgetStrategy } from './poddisruptionbudget/strategy';
import { endpointSliceStrategy } from './endpointslice/strategy';
import { leaseStrategy } from './lease/strategy';
import { roleStrategy } from './role/strategy';
import { clusterRoleStrategy } from './clusterrole/strategy';
import { roleBindingStrategy } from './rolebinding/strategy';
import { clusterRoleBindingStrategy } from './clusterrolebinding/strategy';
import { priorityClassStrategy } from './priorityclass/strategy';
import { runtimeClassStrategy } from './runtimeclass/strategy';
import { ipAddressStrategy, serviceCIDRStrategy } from './servicecidr/strategy';
import { apiServiceStrategy, storedStrategy } from './generic/strategy';
import { customResourceDefinitionStatusStrategy, customResourceDefinitionStrategy } from './customresourcedefinition/strategy';
import { certificateSigningRequestStrategy, csrApprovalStrategy, csrStatusStrategy } from './certificatesigningrequest/strategy';

/** Strategy of each resource by storage key. */
export const strategies: Record<string, Strategy> = {
  pods: podStrategy,
  podtemplates: podTemplateStrategy,
  services: serviceStrategy,
  endpoints: endpointsStrategy,
  configmaps: configMapStrategy,
  secrets: secretStrategy,
  serviceaccounts: serviceAccountStrategy,
  events: eventStrategy,
  nodes: nodeStrategy,
  namespaces: namespaceStrategy,
  persistentvolumes: persistentVolumeStrategy,
  persistentvolumeclaims: persistentVolumeClaimStrategy,
  resourcequotas: resourceQuotaStrategy,
  limitranges: limitRangeStrategy,
  replicationcontrollers: replicationControllerStrategy,
  'deployments.apps': deploymentStrategy,
  'replicasets.apps': replicaSetStrategy,
  'statefulsets.apps': statefulSetStrategy,
  'daemonsets.apps': daemonSetStrategy,
  'controllerrevisions.apps': controllerRevisionStrategy,
  'jobs.batch': jobStrategy,
  'cronjobs.batch': cronJobStrategy,
  'horizontalpodautoscalers.autoscaling': horizontalPodAutoscalerStrategy,
  'ingresses.networking.k8s.io': ingressStrategy,
  'ingressclasses.networking.k8s.io': ingressClassStrategy,
  'networkpolicies.networking.k8s.io': networkPolicyStrategy,
  'storageclasses.storage.k8s.io': storageClassStrategy,
  'poddisruptionbudgets.policy': podDisruptionBudgetStrategy,
  'endpointslices.discovery.k8s.io': endpointSliceStrategy,
  'leases.coordination.k8s.io': leaseStrategy,
  'roles.rbac.authorization.k8s.io': roleStrategy,
  'clusterroles.rbac.authorization.k8s.io': clusterRoleStrategy,
  'rolebindings.rbac.authorization.k8s.io': roleBindingStrategy,
  'clusterrolebindings.rbac.authorization.k8s.io': clusterRoleBindingStrategy,
  'priorityclasses.scheduling.k8s.io': priorityClassStrategy,
  'certificatesigningrequests.certificates.k8s.io': certificateSigningRequestStrategy,
  'runtimeclasses.node.k8s.io': runtimeClassStrategy,
  'servicecidrs.networking.k8s.io': serviceCIDRStrategy,
  'ipaddresses.networking.k8s.io': ipAddressStrategy,
  'apiservices.apiregistration.k8s.io': apiServiceStrategy,
  'flowschemas.flowcontrol.apiserver.k8s.io': storedStrategy({ status: true }),
  'prioritylevelconfigurations.flowcontrol.apiserver.k8s.io': storedStrategy({ status: true }),
  'validatingadmissionpolicies.admissionregistration.k8s.io': storedStrategy({ status: true }),
  'validatingadmissionpolicybindings.admissionregistration.k8s.io': storedStrategy(),
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': storedStrategy(),
  'validatingwebhookconfigurations.admissionregistration.k8s.io': storedStrategy(),
  'volumeattachments.storage.k8s.io': storedStrategy({ status: true }),
  'csidrivers.storage.k8s.io': storedStrategy(),
  'customresourcedefinitions.apiextensions.k8s.io': customResourceDefinitionStrategy,
};

const WITH_STATUS = [
  'pods', 'services', 'nodes', 'namespaces', 'persistentvolumes', 'persistentvolumeclaims', 'resourcequotas',
  'replicationcontrollers', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'daemonsets.apps',
  'jobs.batch', 'cronjobs.batch', 'horizontalpodautoscalers.autoscaling', 'ingresses.networking.k8s.io',
  'poddisruptionbudgets.policy', 'servicecidrs.networking.k8s.io', 'apiservices.apiregistration.k8s.io',
  'flowschemas.flowcontrol.apiserver.k8s.io', 'prioritylevelconfigurations.flowcontrol.apiserver.k8s.io',
  'validatingadmissionpolicies.admissionregistration.k8s.io', 'volumeattachments.storage.k8s.io',
];

/** Status-subresource strategies (keep the stored spec, take the new status). */
export const statusStrategies: Record<string, StatusStrategy> = {
  ...Object.fromEntries(WITH_STATUS.map((k) => [k, keepSpecStatusStrategy()])),
  'customresourcedefinitions.apiextensions.k8s.io': customResourceDefinitionStatusStrategy,
  'certificatesigningrequests.certificates.k8s.io': csrStatusStrategy,
};

/** Strategies of the other updatable subresources, keyed `<storage key>/<subresource>`. */
export const subresourceStrategies: Record<string, StatusStrategy> = {
  'certificatesigningrequests.certificates.k8s.io/approval': csrApprovalStrategy,
};
