/** A kubeadm-like 3-node cluster and pod builders for the scheduler tests. */
import type { KubeObject } from '../../../src/apiserver/types';

export const CP_TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

/** A Ready node: 2 CPU, 4Gi (minus kubelet reservation), 110 pods, hostname label. */
export function node(name: string, opts: { controlPlane?: boolean; labels?: Record<string, string>; taints?: any[]; unschedulable?: boolean; cpu?: string; memory?: string; pods?: string } = {}): KubeObject {
  const taints = [...(opts.controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : []), ...(opts.taints ?? [])];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(opts.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        ...(opts.labels ?? {}),
      },
    },
    spec: { ...(taints.length ? { taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: { cpu: opts.cpu ?? '2', memory: opts.memory ?? '4194304Ki', pods: opts.pods ?? '110' },
      allocatable: { cpu: opts.cpu ?? '2', memory: opts.memory ?? '4091904Ki', pods: opts.pods ?? '110' },
    },
  };
}

/** control-plane (tainted) + worker-1 + worker-2; extra options per worker. */
export function cluster(w1: Parameters<typeof node>[1] = {}, w2: Parameters<typeof node>[1] = {}): KubeObject[] {
  return [node('control-plane', { controlPlane: true }), node('worker-1', w1), node('worker-2', w2)];
}

let seq = 0;

/** A pod with one container; `requests`/`limits` go to that container; `spec` is merged in. */
export function pod(name: string, opts: { labels?: Record<string, string>; requests?: Record<string, string>; limits?: Record<string, string>; spec?: Record<string, any>; owner?: string; namespace?: string; nodeName?: string } = {}): KubeObject {
  const resources: Record<string, any> = {};
  if (opts.requests) resources.requests = opts.requests;
  if (opts.limits) resources.limits = opts.limits;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      uid: `uid-${name}-${++seq}`,
      labels: opts.labels ?? {},
      ...(opts.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: opts.owner, uid: `rs-${opts.owner}`, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx', resources }], ...(opts.nodeName ? { nodeName: opts.nodeName } : {}), ...(opts.spec ?? {}) },
    status: { phase: opts.nodeName ? 'Running' : 'Pending' },
  };
}

/** Pods bound per node from [nodeName, pod] pairs. */
export function bound(...pairs: [string, KubeObject][]): Map<string, KubeObject[]> {
  const m = new Map<string, KubeObject[]>();
  for (const [n, p] of pairs) {
    p.spec.nodeName = n;
    m.set(n, [...(m.get(n) ?? []), p]);
  }
  return m;
}

/** A deterministic random source cycling through the given values. */
export function seq_(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
