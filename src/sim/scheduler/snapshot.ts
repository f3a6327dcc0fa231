/**
 * The scheduler's view of one node (upstream's framework.NodeInfo): the node, the pods bound to
 * it, their summed requests (exact and with non-zero defaults), allocatable and used host ports.
 */
import type { KubeObject } from '../../apiserver/types';
import { nodeAllocatable, podNonZeroRequests, podResourceRequests, type NodeAllocatable, type ResourceAmounts } from './resources';

/** A host port in use: protocol, IP (0.0.0.0 means every address) and port. */
export interface HostPort {
  protocol: string;
  ip: string;
  port: number;
}

/** Aggregated information about a node and its pods. */
export interface NodeInfo {
  node: KubeObject;
  name: string;
  labels: Record<string, string>;
  pods: KubeObject[];
  requested: ResourceAmounts;
  nonZeroRequested: ResourceAmounts;
  allocatable: NodeAllocatable;
  usedPorts: HostPort[];
}

function add(into: ResourceAmounts, r: ResourceAmounts): void {
  into.cpuMilli += r.cpuMilli;
  into.memoryBytes += r.memoryBytes;
  into.ephemeralBytes += r.ephemeralBytes;
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + v;
}

/**
 * Host ports a pod asks for (app containers and restartable sidecar init containers, hostPort > 0),
 * defaulting the protocol to TCP and the IP to 0.0.0.0 as the NodePorts plugin does.
 */
export function podHostPorts(pod: KubeObject): HostPort[] {
  const out: HostPort[] = [];
  const sidecars = (pod.spec?.initContainers ?? []).filter((c: any) => c?.restartPolicy === 'Always');
  for (const c of [...sidecars, ...(pod.spec?.containers ?? [])]) {
    for (const p of c?.ports ?? []) {
      if (!p?.hostPort || p.hostPort <= 0) continue;
      out.push({ protocol: p.protocol || 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort });
    }
  }
  return out;
}

/** Builds the NodeInfo of `node` with the given bound, non-terminated pods. */
export function nodeInfoFor(node: KubeObject, pods: KubeObject[]): NodeInfo {
  const info: NodeInfo = {
    node,
    name: node.metadata.name ?? '',
    labels: node.metadata.labels ?? {},
    pods: [],
    requested: { cpuMilli: 0, memoryBytes: 0, ephemeralBytes: 0, scalar: {} },
    nonZeroRequested: { cpuMilli: 0, memoryBytes: 0, ephemeralBytes: 0, scalar: {} },
    allocatable: nodeAllocatable(node),
    usedPorts: [],
  };
  for (const p of pods) addPod(info, p);
  return info;
}

/** Accounts one more pod on the node (NodeInfo.AddPod). */
export function addPod(info: NodeInfo, pod: KubeObject): void {
  info.pods.push(pod);
  add(info.requested, podResourceRequests(pod));
  add(info.nonZeroRequested, podNonZeroRequests(pod));
  info.usedPorts.push(...podHostPorts(pod));
}

/** NodeInfos for every node, in the order given. */
export function snapshot(nodes: KubeObject[], podsByNode: Map<string, KubeObject[]>): NodeInfo[] {
  return nodes.map((n) => nodeInfoFor(n, podsByNode.get(n.metadata.name ?? '') ?? []));
}
