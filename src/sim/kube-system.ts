import type { KubeObject } from '../apiserver/types';

/**
 * The kube-system workloads of a kubeadm cluster as kubectl sees them: the control plane's
 * static pods on the control-plane node (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler), kube-proxy and the CNI (kindnet) as DaemonSets on every node, and CoreDNS as a
 * Deployment of two replicas. Pods are made here already bound to their nodes; the kubelet
 * simulation brings them up like any other pod.
 */
export const CONTROL_PLANE_IMAGES = {
  etcd: 'registry.k8s.io/etcd:3.5.21-0',
  'kube-apiserver': 'registry.k8s.io/kube-apiserver:v1.33.1',
  'kube-controller-manager': 'registry.k8s.io/kube-controller-manager:v1.33.1',
  'kube-scheduler': 'registry.k8s.io/kube-scheduler:v1.33.1',
};
export const KUBE_PROXY_IMAGE = 'registry.k8s.io/kube-proxy:v1.33.1';
export const KINDNET_IMAGE = 'docker.io/kindest/kindnetd:v20250512-df8de77b';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';
const COREDNS_HASH = '674b8bbfcf';

const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(random: () => number): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += SUFFIX_CHARS[Math.floor(random() * SUFFIX_CHARS.length)];
  return s;
}

const criticalTolerations = [{ operator: 'Exists', effect: 'NoExecute' }, { operator: 'Exists', effect: 'NoSchedule' }];

function container(name: string, image: string, requests?: Record<string, string>, limits?: Record<string, string>) {
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

function pod(name: string, nodeName: string, labels: Record<string, string>, spec: Record<string, unknown>, owner?: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels,
      ...(owner
        ? { ownerReferences: [{ apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }] }
        : { annotations: { 'kubernetes.io/config.source': 'file' } }),
    },
    spec: {
      nodeName,
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      securityContext: {},
      priority: 2000001000,
      priorityClassName: owner ? 'system-node-critical' : 'system-node-critical',
      tolerations: criticalTolerations,
      ...spec,
    },
    status: { phase: 'Pending' },
  };
}

/** The kube-system objects for these node names (first one is the control plane). */
export function kubeSystemObjects(nodes: string[], uid: () => string, random: () => number): { resource: string; object: KubeObject }[] {
  const out: { resource: string; object: KubeObject }[] = [];
  const cp = nodes[0];
  for (const [component, image] of Object.entries(CONTROL_PLANE_IMAGES)) {
    const requests: Record<string, string> =
      component === 'etcd' ? { cpu: '100m', memory: '100Mi' } : component === 'kube-apiserver' ? { cpu: '250m' } : component === 'kube-controller-manager' ? { cpu: '200m' } : { cpu: '100m' };
    out.push({
      resource: 'pods',
      object: pod(`${component}-${cp}`, cp, { component, tier: 'control-plane' }, { hostNetwork: true, priorityClassName: 'system-node-critical', containers: [container(component, image, requests)] }),
    });
  }
  const daemonSet = (name: string, labels: Record<string, string>, image: string, requests?: Record<string, string>, limits?: Record<string, string>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', uid: uid(), labels, generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container(name, image, requests, limits)], hostNetwork: true, tolerations: criticalTolerations, priorityClassName: 'system-node-critical' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: nodes.length, desiredNumberScheduled: nodes.length, numberAvailable: nodes.length, numberMisscheduled: 0, numberReady: nodes.length, observedGeneration: 1, updatedNumberScheduled: nodes.length },
  });
  const proxy = daemonSet('kube-proxy', { 'k8s-app': 'kube-proxy' }, KUBE_PROXY_IMAGE);
  const cni = daemonSet('kindnet', { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }, KINDNET_IMAGE, { cpu: '100m', memory: '50Mi' }, { cpu: '100m', memory: '50Mi' });
  out.push({ resource: 'daemonsets.apps', object: proxy }, { resource: 'daemonsets.apps', object: cni });
  for (const node of nodes) {
    for (const ds of [proxy, cni]) {
      const labels = { ...ds.spec.template.metadata.labels, 'controller-revision-hash': '6b9c7f5d8', 'pod-template-generation': '1' };
      out.push({ resource: 'pods', object: pod(`${ds.metadata.name}-${suffix(random)}`, node, labels, { ...ds.spec.template.spec, priorityClassName: 'system-node-critical' }, ds) });
    }
  }
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  const dnsContainer = {
    ...container('coredns', COREDNS_IMAGE, { cpu: '100m', memory: '70Mi' }, { memory: '170Mi' }),
    ports: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
    ],
  };
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', uid: uid(), labels: dnsLabels, generation: 1, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: dnsLabels },
      template: { metadata: { labels: dnsLabels }, spec: { containers: [dnsContainer], priorityClassName: 'system-cluster-critical', tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
  };
  const rsLabels = { ...dnsLabels, 'pod-template-hash': COREDNS_HASH };
  const replicaSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `coredns-${COREDNS_HASH}`,
      namespace: 'kube-system',
      uid: uid(),
      labels: rsLabels,
      generation: 1,
      annotations: { 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3', 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'coredns', uid: deployment.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 2, selector: { matchLabels: rsLabels }, template: { metadata: { labels: rsLabels }, spec: deployment.spec.template.spec } },
    status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  };
  out.push({ resource: 'deployments.apps', object: deployment }, { resource: 'replicasets.apps', object: replicaSet });
  for (let i = 0; i < 2; i++) {
    out.push({ resource: 'pods', object: pod(`coredns-${COREDNS_HASH}-${suffix(random)}`, cp, rsLabels, { ...replicaSet.spec.template.spec }, replicaSet) });
  }
  return out;
}
