import type { KubeObject } from '../apiserver/types';

/** The shape of a simulated cluster's nodes (per classroom or tenant settings). */
export interface NodeSettings {
  /** Worker nodes beside the one control-plane node. */
  workers: number;
  cpu: string;
  memory: string;
  pods: number;
}

export const DEFAULT_NODES: NodeSettings = { workers: 2, cpu: '2', memory: '4Gi', pods: 110 };

/** Kubelet version the nodes report (the cluster's minor). */
const KUBELET_VERSION = 'v1.33.1';

/** Node names as kubeadm-built clusters in courses name them. */
export function nodeNames(s: NodeSettings): string[] {
  return ['control-plane', ...Array.from({ length: s.workers }, (_, i) => `worker-${i + 1}`)];
}

function memoryKi(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) return 4 * 1024 * 1024;
  const n = Number(m[1]);
  return m[2] === 'Gi' ? n * 1024 * 1024 : m[2] === 'Mi' ? n * 1024 : m[2] === 'Ki' ? n : Math.floor(n / 1024);
}

/**
 * A Ready node as kubeadm and the kubelet register it: labels, the control-plane taint,
 * capacity and allocatable (kubelet reserves a little memory), addresses, nodeInfo, pod CIDR.
 */
export function nodeObject(name: string, index: number, s: NodeSettings, now: string): KubeObject {
  const controlPlane = index === 0;
  const ki = memoryKi(s.memory);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const ip = `172.18.0.${index + 2}`;
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: { cpu: s.cpu, 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${ki}Ki`, pods: String(s.pods) },
      allocatable: { cpu: s.cpu, 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${ki - 102400}Ki`, pods: String(s.pods) },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: name.replace(/[^a-z0-9]/g, '').padEnd(32, '0').slice(0, 32),
        systemUUID: crypto.randomUUID(),
        bootID: crypto.randomUUID(),
        kernelVersion: '6.1.0-28-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
}
