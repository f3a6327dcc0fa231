/**
 * Wire tables for autoscaling/v1 (HorizontalPodAutoscaler, Scale) and autoscaling/v2 (HorizontalPodAutoscaler).
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** autoscaling/v1 (HorizontalPodAutoscaler, Scale) and autoscaling/v2 (HorizontalPodAutoscaler). */
export const autoscaling: MessageTable = {
  'autoscalingv1.HorizontalPodAutoscaler': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'autoscalingv1.HorizontalPodAutoscalerSpec', 'o'],
    status: [3, 'autoscalingv1.HorizontalPodAutoscalerStatus', 'o'],
  },
  'autoscalingv1.HorizontalPodAutoscalerSpec': {
    scaleTargetRef: [1, 'autoscalingv1.CrossVersionObjectReference'], minReplicas: [2, 'int32', 'po'],
    maxReplicas: [3, 'int32'], targetCPUUtilizationPercentage: [4, 'int32', 'po'],
  },
  'autoscalingv1.CrossVersionObjectReference': {
    kind: [1, 'string'], name: [2, 'string'], apiVersion: [3, 'string', 'o'],
  },
  'autoscalingv1.HorizontalPodAutoscalerStatus': {
    observedGeneration: [1, 'int64', 'po'], lastScaleTime: [2, 'Time', 'po'], currentReplicas: [3, 'int32'],
    desiredReplicas: [4, 'int32'], currentCPUUtilizationPercentage: [5, 'int32', 'po'],
  },
  'autoscalingv1.Scale': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'autoscalingv1.ScaleSpec', 'o'],
    status: [3, 'autoscalingv1.ScaleStatus', 'o'],
  },
  'autoscalingv1.ScaleSpec': { replicas: [1, 'int32', 'o'] },
  'autoscalingv1.ScaleStatus': { replicas: [1, 'int32'], selector: [2, 'string', 'o'] },
  'autoscalingv2.HorizontalPodAutoscaler': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'autoscalingv2.HorizontalPodAutoscalerSpec', 'o'],
    status: [3, 'autoscalingv2.HorizontalPodAutoscalerStatus', 'o'],
  },
  'autoscalingv2.HorizontalPodAutoscalerSpec': {
    scaleTargetRef: [1, 'autoscalingv2.CrossVersionObjectReference'], minReplicas: [2, 'int32', 'po'],
    maxReplicas: [3, 'int32'], metrics: [4, 'autoscalingv2.MetricSpec', 'ro'],
    behavior: [5, 'autoscalingv2.HorizontalPodAutoscalerBehavior', 'po'],
  },
  'autoscalingv2.CrossVersionObjectReference': {
    kind: [1, 'string'], name: [2, 'string'], apiVersion: [3, 'string', 'o'],
  },
  'autoscalingv2.MetricSpec': {
    type: [1, 'string'], object: [2, 'autoscalingv2.ObjectMetricSource', 'po'],
    pods: [3, 'autoscalingv2.PodsMetricSource', 'po'], resource: [4, 'autoscalingv2.ResourceMetricSource', 'po'],
    containerResource: [7, 'autoscalingv2.ContainerResourceMetricSource', 'po'],
    external: [5, 'autoscalingv2.ExternalMetricSource', 'po'],
  },
  'autoscalingv2.ObjectMetricSource': {
    describedObject: [1, 'autoscalingv2.CrossVersionObjectReference'], target: [2, 'autoscalingv2.MetricTarget'],
    metric: [3, 'autoscalingv2.MetricIdentifier'],
  },
  'autoscalingv2.MetricTarget': {
    type: [1, 'string'], value: [2, 'Quantity', 'po'], averageValue: [3, 'Quantity', 'po'],
    averageUtilization: [4, 'int32', 'po'],
  },
  'autoscalingv2.MetricIdentifier': { name: [1, 'string'], selector: [2, 'meta.LabelSelector', 'po'] },
  'autoscalingv2.PodsMetricSource': {
    metric: [1, 'autoscalingv2.MetricIdentifier'], target: [2, 'autoscalingv2.MetricTarget'],
  },
  'autoscalingv2.ResourceMetricSource': { name: [1, 'string'], target: [2, 'autoscalingv2.MetricTarget'] },
  'autoscalingv2.ContainerResourceMetricSource': {
    name: [1, 'string'], target: [2, 'autoscalingv2.MetricTarget'], container: [3, 'string'],
  },
  'autoscalingv2.ExternalMetricSource': {
    metric: [1, 'autoscalingv2.MetricIdentifier'], target: [2, 'autoscalingv2.MetricTarget'],
  },
  'autoscalingv2.HorizontalPodAutoscalerBehavior': {
    scaleUp: [1, 'autoscalingv2.HPAScalingRules', 'po'], scaleDown: [2, 'autoscalingv2.HPAScalingRules', 'po'],
  },
  'autoscalingv2.HPAScalingRules': {
    stabilizationWindowSeconds: [3, 'int32', 'po'], selectPolicy: [1, 'string', 'po'],
    policies: [2, 'autoscalingv2.HPAScalingPolicy', 'ro'], tolerance: [4, 'Quantity', 'po'],
  },
  'autoscalingv2.HPAScalingPolicy': { type: [1, 'string'], value: [2, 'int32'], periodSeconds: [3, 'int32'] },
  'autoscalingv2.HorizontalPodAutoscalerStatus': {
    observedGeneration: [1, 'int64', 'po'], lastScaleTime: [2, 'Time', 'po'], currentReplicas: [3, 'int32', 'o'],
    desiredReplicas: [4, 'int32'], currentMetrics: [5, 'autoscalingv2.MetricStatus', 'r'],
    conditions: [6, 'autoscalingv2.HorizontalPodAutoscalerCondition', 'ro'],
  },
  'autoscalingv2.MetricStatus': {
    type: [1, 'string'], object: [2, 'autoscalingv2.ObjectMetricStatus', 'po'],
    pods: [3, 'autoscalingv2.PodsMetricStatus', 'po'], resource: [4, 'autoscalingv2.ResourceMetricStatus', 'po'],
    containerResource: [7, 'autoscalingv2.ContainerResourceMetricStatus', 'po'],
    external: [5, 'autoscalingv2.ExternalMetricStatus', 'po'],
  },
  'autoscalingv2.ObjectMetricStatus': {
    metric: [1, 'autoscalingv2.MetricIdentifier'], current: [2, 'autoscalingv2.MetricValueStatus'],
    describedObject: [3, 'autoscalingv2.CrossVersionObjectReference'],
  },
  'autoscalingv2.MetricValueStatus': {
    value: [1, 'Quantity', 'po'], averageValue: [2, 'Quantity', 'po'], averageUtilization: [3, 'int32', 'po'],
  },
  'autoscalingv2.PodsMetricStatus': {
    metric: [1, 'autoscalingv2.MetricIdentifier'], current: [2, 'autoscalingv2.MetricValueStatus'],
  },
  'autoscalingv2.ResourceMetricStatus': { name: [1, 'string'], current: [2, 'autoscalingv2.MetricValueStatus'] },
  'autoscalingv2.ContainerResourceMetricStatus': {
    name: [1, 'string'], current: [2, 'autoscalingv2.MetricValueStatus'], container: [3, 'string'],
  },
  'autoscalingv2.ExternalMetricStatus': {
    metric: [1, 'autoscalingv2.MetricIdentifier'], current: [2, 'autoscalingv2.MetricValueStatus'],
  },
  'autoscalingv2.HorizontalPodAutoscalerCondition': {
    type: [1, 'string'], status: [2, 'string'], lastTransitionTime: [3, 'Time', 'o'], reason: [4, 'string', 'o'],
    message: [5, 'string', 'o'], observedGeneration: [6, 'int64', 'po'],
  },
};
