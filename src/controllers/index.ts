import type { Controller } from './types';
import { namespaceController } from './namespace/controller';
import { garbageCollector } from './garbage-collector/controller';
import { scheduler } from '../sim/agents/scheduler';
import { replicaSetController } from './replicaset/controller';
import { deploymentController } from './deployment/controller';
import { daemonSetController } from './daemonset/controller';
import { statefulSetController } from './statefulset/controller';
import { endpointsController } from './endpoints/controller';
import { serviceController } from './service/controller';
import { ingressController } from './ingress/controller';
import { jobController } from './job/controller';
import { cronJobController } from './cronjob/controller';
import { kubeletController } from '../sim/agents/kubelet';
import { nodeLeaseAgent } from '../sim/agents/node-lease';
import { horizontalPodAutoscalerController } from './horizontalpodautoscaler/controller';
import { resourceQuotaController } from './resourcequota/controller';
import { disruptionController } from './disruption/controller';
import { containerRuntimeController } from '../sim/runtime/controller';
import { persistentVolumeController } from './persistentvolume/controller';
import { clusterRoleAggregationController } from '../rbac/aggregation';
import { ipAddressController } from './ipaddress/controller';
import { customResourceDefinitionController } from './customresourcedefinition/controller';

/**
 * Every controller the cluster's alarm runs, made anew per cluster (some keep per-cluster memory),
 * in no particular order (each key is independent).
 */
export function controllers(): Controller[] {
  return [namespaceController, garbageCollector, deploymentController, replicaSetController, daemonSetController, statefulSetController, endpointsController, serviceController, ingressController, jobController, cronJobController, scheduler, kubeletController(), nodeLeaseAgent, horizontalPodAutoscalerController(), resourceQuotaController, disruptionController, containerRuntimeController, persistentVolumeController, clusterRoleAggregationController, ipAddressController, customResourceDefinitionController];
}
