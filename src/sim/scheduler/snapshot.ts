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
  for (const k in r.scalar) into.scalar[k] = (into.scalar[k] ?? 0) + r.scalar[k];
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

/** What a pod adds to its node's NodeInfo: its requests (exact and non-zero) and host ports. */
interface PodAccount {
  requested: ResourceAmounts;
  nonZeroRequested: ResourceAmounts;
  ports: HostPort[];
}

/**
 * Accounts by pod object. Stored objects are never changed in place (a write stores a new
 * object), so an object's account holds as long as the object lives: every scheduling cycle
 * rebuilds its NodeInfos from the bound pods, and parses each pod's quantities once, not once
 * per cycle. A memo of a pure function of the object: it holds nothing one could read without
 * the object itself, and lets go of it with the object.
 */
const accounts = new WeakMap<KubeObject, PodAccount>();

function accountOf(pod: KubeObject): PodAccount {
  let a = accounts.get(pod);
  if (!a) accounts.set(pod, (a = { requested: podResourceRequests(pod), nonZeroRequested: podNonZeroRequests(pod), ports: podHostPorts(pod) }));
  return a;
}

/** Accounts one more pod on the node (NodeInfo.AddPod). */
export function addPod(info: NodeInfo, pod: KubeObject): void {
  const a = accountOf(pod);
  info.pods.push(pod);
  add(info.requested, a.requested);
  add(info.nonZeroRequested, a.nonZeroRequested);
  for (const p of a.ports) info.usedPorts.push(p);
}

/** NodeInfos for every node, in the order given. */
export function snapshot(nodes: KubeObject[], podsByNode: Map<string, KubeObject[]>): NodeInfo[] {
  return nodes.map((n) => nodeInfoFor(n, podsByNode.get(n.metadata.name ?? '') ?? []));
}
