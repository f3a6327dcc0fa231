/**
 * Wire tables for networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy. */
export const networking: MessageTable = {
  'networking.Ingress': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'networking.IngressSpec', 'o'],
    status: [3, 'networking.IngressStatus', 'o'],
  },
  'networking.IngressSpec': {
    ingressClassName: [4, 'string', 'po'], defaultBackend: [1, 'networking.IngressBackend', 'po'],
    tls: [2, 'networking.IngressTLS', 'ro'], rules: [3, 'networking.IngressRule', 'ro'],
  },
  'networking.IngressBackend': {
    service: [4, 'networking.IngressServiceBackend', 'po'], resource: [3, 'core.TypedLocalObjectReference', 'po'],
  },
  'networking.IngressServiceBackend': { name: [1, 'string'], port: [2, 'networking.ServiceBackendPort', 'o'] },
  'networking.ServiceBackendPort': { name: [1, 'string', 'o'], number: [2, 'int32', 'o'] },
  'networking.IngressTLS': { hosts: [1, 'string', 'ro'], secretName: [2, 'string', 'o'] },
  'networking.IngressRule': { host: [1, 'string', 'o'], '...ingressRuleValue': [2, 'networking.IngressRuleValue'] },
  'networking.IngressRuleValue': { http: [1, 'networking.HTTPIngressRuleValue', 'po'] },
  'networking.HTTPIngressRuleValue': { paths: [1, 'networking.HTTPIngressPath', 'r'] },
  'networking.HTTPIngressPath': {
    path: [1, 'string', 'o'], pathType: [3, 'string', 'p'], backend: [2, 'networking.IngressBackend'],
  },
  'networking.IngressStatus': { loadBalancer: [1, 'networking.IngressLoadBalancerStatus', 'o'] },
  'networking.IngressLoadBalancerStatus': { ingress: [1, 'networking.IngressLoadBalancerIngress', 'ro'] },
  'networking.IngressLoadBalancerIngress': {
    ip: [1, 'string', 'o'], hostname: [2, 'string', 'o'], ports: [4, 'networking.IngressPortStatus', 'ro'],
  },
  'networking.IngressPortStatus': { port: [1, 'int32'], protocol: [2, 'string'], error: [3, 'string', 'po'] },
  'networking.IngressClass': { metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'networking.IngressClassSpec', 'o'] },
  'networking.IngressClassSpec': {
    controller: [1, 'string', 'o'], parameters: [2, 'networking.IngressClassParametersReference', 'po'],
  },
  'networking.IngressClassParametersReference': {
    apiGroup: [1, 'string', 'po'], kind: [2, 'string'], name: [3, 'string'], scope: [4, 'string', 'p'],
    namespace: [5, 'string', 'po'],
  },
  'networking.NetworkPolicy': { metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'networking.NetworkPolicySpec', 'o'] },
  'networking.NetworkPolicySpec': {
    podSelector: [1, 'meta.LabelSelector'], ingress: [2, 'networking.NetworkPolicyIngressRule', 'ro'],
    egress: [3, 'networking.NetworkPolicyEgressRule', 'ro'], policyTypes: [4, 'string', 'ro'],
  },
  'networking.NetworkPolicyIngressRule': {
    ports: [1, 'networking.NetworkPolicyPort', 'ro'], from: [2, 'networking.NetworkPolicyPeer', 'ro'],
  },
  'networking.NetworkPolicyPort': {
    protocol: [1, 'string', 'po'], port: [2, 'IntOrString', 'po'], endPort: [3, 'int32', 'po'],
  },
  'networking.NetworkPolicyPeer': {
    podSelector: [1, 'meta.LabelSelector', 'po'], namespaceSelector: [2, 'meta.LabelSelector', 'po'],
    ipBlock: [3, 'networking.IPBlock', 'po'],
  },
  'networking.IPBlock': { cidr: [1, 'string'], except: [2, 'string', 'ro'] },
  'networking.NetworkPolicyEgressRule': {
    ports: [1, 'networking.NetworkPolicyPort', 'ro'], to: [2, 'networking.NetworkPolicyPeer', 'ro'],
  },
};
