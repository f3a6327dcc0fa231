/**
 * Wire tables for core/v1 objects other than Pod: ConfigMap, Secret, Namespace, Service, ServiceAccount, ResourceQuota, Event…
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** core/v1 objects other than Pod: ConfigMap, Secret, Namespace, Service, ServiceAccount, ResourceQuota, Event… */
export const coreObjects: MessageTable = {
  'core.ConfigMap': {
    metadata: [1, 'meta.ObjectMeta', 'o'], immutable: [4, 'bool', 'po'], data: [2, 'map:string:string', 'o'],
    binaryData: [3, 'map:string:bytes', 'o'],
  },
  'core.Secret': {
    metadata: [1, 'meta.ObjectMeta', 'o'], immutable: [5, 'bool', 'po'], data: [2, 'map:string:bytes', 'o'],
    stringData: [4, 'map:string:string', 'o'], type: [3, 'string', 'o'],
  },
  'core.Namespace': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.NamespaceSpec', 'o'],
    status: [3, 'core.NamespaceStatus', 'o'],
  },
  'core.NamespaceSpec': { finalizers: [1, 'string', 'ro'] },
  'core.NamespaceStatus': { phase: [1, 'string', 'o'], conditions: [2, 'core.NamespaceCondition', 'ro'] },
  'core.NamespaceCondition': {
    type: [1, 'string'], status: [2, 'string'], lastTransitionTime: [4, 'Time', 'o'], reason: [5, 'string', 'o'],
    message: [6, 'string', 'o'],
  },
  'core.Service': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.ServiceSpec', 'o'], status: [3, 'core.ServiceStatus', 'o'],
  },
  'core.ServiceSpec': {
    ports: [1, 'core.ServicePort', 'ro'], selector: [2, 'map:string:string', 'o'], clusterIP: [3, 'string', 'o'],
    clusterIPs: [18, 'string', 'ro'], type: [4, 'string', 'o'], externalIPs: [5, 'string', 'ro'],
    sessionAffinity: [7, 'string', 'o'], loadBalancerIP: [8, 'string', 'o'],
    loadBalancerSourceRanges: [9, 'string', 'ro'], externalName: [10, 'string', 'o'],
    externalTrafficPolicy: [11, 'string', 'o'], healthCheckNodePort: [12, 'int32', 'o'],
    publishNotReadyAddresses: [13, 'bool', 'o'], sessionAffinityConfig: [14, 'core.SessionAffinityConfig', 'po'],
    ipFamilies: [19, 'string', 'ro'], ipFamilyPolicy: [17, 'string', 'po'],
    allocateLoadBalancerNodePorts: [20, 'bool', 'po'], loadBalancerClass: [21, 'string', 'po'],
    internalTrafficPolicy: [22, 'string', 'po'], trafficDistribution: [23, 'string', 'po'],
  },
  'core.ServicePort': {
    name: [1, 'string', 'o'], protocol: [2, 'string', 'o'], appProtocol: [6, 'string', 'po'], port: [3, 'int32'],
    targetPort: [4, 'IntOrString', 'o'], nodePort: [5, 'int32', 'o'],
  },
  'core.SessionAffinityConfig': { clientIP: [1, 'core.ClientIPConfig', 'po'] },
  'core.ClientIPConfig': { timeoutSeconds: [1, 'int32', 'po'] },
  'core.ServiceStatus': { loadBalancer: [1, 'core.LoadBalancerStatus', 'o'], conditions: [2, 'meta.Condition', 'ro'] },
  'core.LoadBalancerStatus': { ingress: [1, 'core.LoadBalancerIngress', 'ro'] },
  'core.LoadBalancerIngress': {
    ip: [1, 'string', 'o'], hostname: [2, 'string', 'o'], ipMode: [3, 'string', 'po'],
    ports: [4, 'core.PortStatus', 'ro'],
  },
  'core.PortStatus': { port: [1, 'int32'], protocol: [2, 'string'], error: [3, 'string', 'po'] },
  'core.ServiceAccount': {
    metadata: [1, 'meta.ObjectMeta', 'o'], secrets: [2, 'core.ObjectReference', 'ro'],
    imagePullSecrets: [3, 'core.LocalObjectReference', 'ro'], automountServiceAccountToken: [4, 'bool', 'po'],
  },
  'core.ObjectReference': {
    kind: [1, 'string', 'o'], namespace: [2, 'string', 'o'], name: [3, 'string', 'o'], uid: [4, 'string', 'o'],
    apiVersion: [5, 'string', 'o'], resourceVersion: [6, 'string', 'o'], fieldPath: [7, 'string', 'o'],
  },
  'core.ResourceQuota': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.ResourceQuotaSpec', 'o'],
    status: [3, 'core.ResourceQuotaStatus', 'o'],
  },
  'core.ResourceQuotaSpec': {
    hard: [1, 'map:string:Quantity', 'o'], scopes: [2, 'string', 'ro'],
    scopeSelector: [3, 'core.ScopeSelector', 'po'],
  },
  'core.ScopeSelector': { matchExpressions: [1, 'core.ScopedResourceSelectorRequirement', 'ro'] },
  'core.ScopedResourceSelectorRequirement': {
    scopeName: [1, 'string'], operator: [2, 'string'], values: [3, 'string', 'ro'],
  },
  'core.ResourceQuotaStatus': { hard: [1, 'map:string:Quantity', 'o'], used: [2, 'map:string:Quantity', 'o'] },
  'core.Event': {
    metadata: [1, 'meta.ObjectMeta'], involvedObject: [2, 'core.ObjectReference'], reason: [3, 'string', 'o'],
    message: [4, 'string', 'o'], source: [5, 'core.EventSource', 'o'], firstTimestamp: [6, 'Time', 'o'],
    lastTimestamp: [7, 'Time', 'o'], count: [8, 'int32', 'o'], type: [9, 'string', 'o'],
    eventTime: [10, 'MicroTime', 'o'], series: [11, 'core.EventSeries', 'po'], action: [12, 'string', 'o'],
    related: [13, 'core.ObjectReference', 'po'], reportingComponent: [14, 'string'],
    reportingInstance: [15, 'string'],
  },
  'core.EventSource': { component: [1, 'string', 'o'], host: [2, 'string', 'o'] },
  'core.EventSeries': { count: [1, 'int32', 'o'], lastObservedTime: [2, 'MicroTime', 'o'] },
  'core.Endpoints': { metadata: [1, 'meta.ObjectMeta', 'o'], subsets: [2, 'core.EndpointSubset', 'ro'] },
  'core.EndpointSubset': {
    addresses: [1, 'core.EndpointAddress', 'ro'], notReadyAddresses: [2, 'core.EndpointAddress', 'ro'],
    ports: [3, 'core.EndpointPort', 'ro'],
  },
  'core.EndpointAddress': {
    ip: [1, 'string'], hostname: [3, 'string', 'o'], nodeName: [4, 'string', 'po'],
    targetRef: [2, 'core.ObjectReference', 'po'],
  },
  'core.EndpointPort': {
    name: [1, 'string', 'o'], port: [2, 'int32'], protocol: [3, 'string', 'o'], appProtocol: [4, 'string', 'po'],
  },
  'core.LimitRange': { metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.LimitRangeSpec', 'o'] },
  'core.LimitRangeSpec': { limits: [1, 'core.LimitRangeItem', 'r'] },
  'core.LimitRangeItem': {
    type: [1, 'string'], max: [2, 'map:string:Quantity', 'o'], min: [3, 'map:string:Quantity', 'o'],
    default: [4, 'map:string:Quantity', 'o'], defaultRequest: [5, 'map:string:Quantity', 'o'],
    maxLimitRequestRatio: [6, 'map:string:Quantity', 'o'],
  },
  'core.ReplicationController': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.ReplicationControllerSpec', 'o'],
    status: [3, 'core.ReplicationControllerStatus', 'o'],
  },
  'core.ReplicationControllerSpec': {
    replicas: [1, 'int32', 'po'], minReadySeconds: [4, 'int32', 'o'], selector: [2, 'map:string:string', 'o'],
    template: [3, 'core.PodTemplateSpec', 'po'],
  },
  'core.ReplicationControllerStatus': {
    replicas: [1, 'int32'], fullyLabeledReplicas: [2, 'int32', 'o'], readyReplicas: [4, 'int32', 'o'],
    availableReplicas: [5, 'int32', 'o'], observedGeneration: [3, 'int64', 'o'],
    conditions: [6, 'core.ReplicationControllerCondition', 'ro'],
  },
  'core.ReplicationControllerCondition': {
    type: [1, 'string'], status: [2, 'string'], lastTransitionTime: [3, 'Time', 'o'], reason: [4, 'string', 'o'],
    message: [5, 'string', 'o'],
  },
  'core.PodTemplate': { metadata: [1, 'meta.ObjectMeta', 'o'], template: [2, 'core.PodTemplateSpec', 'o'] },
  'core.Binding': { metadata: [1, 'meta.ObjectMeta', 'o'], target: [2, 'core.ObjectReference'] },
};
