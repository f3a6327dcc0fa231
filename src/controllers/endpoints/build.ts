import type { KubeObject } from '../../apiserver/types';
import { selectorObjectMatches } from '../../apiserver/selectors/labels';
import { isPodReady } from '../replicaset/reconcile';

/** The address of the `kubernetes` Service's endpoint: the control-plane node's API server. */
export const API_SERVER_ENDPOINT = { ip: '172.18.0.2', port: 6443 };

/** A Service port's target on a pod: a number, or a named container port (FindPort). */
export function targetPortOn(pod: KubeObject, svcPort: any): number | undefined {
  const t = svcPort.targetPort ?? svcPort.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(String(t))) return Number(t);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === t && (p.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

/** The pods a Service selects that have an IP and are not finished. */
export function selectedPods(svc: KubeObject, pods: KubeObject[]): KubeObject[] {
  const selector = svc.spec?.selector;
  if (!selector || !Object.keys(selector).length) return [];
  return pods.filter(
    (p) => selectorObjectMatches({ matchLabels: selector }, p.metadata.labels) && p.status?.podIP && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
}

const targetRef = (p: KubeObject) => ({ kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid });

/** The Endpoints subsets of a Service (endpoints controller): ready and not-ready addresses per port set. */
export function endpointsSubsets(svc: KubeObject, pods: KubeObject[]): any[] {
  const groups = new Map<string, { addresses: any[]; notReadyAddresses: any[]; ports: any[] }>();
  for (const pod of selectedPods(svc, pods)) {
    const ports = (svc.spec?.ports ?? [])
      .map((sp: any) => ({ name: sp.name, port: targetPortOn(pod, sp), protocol: sp.protocol ?? 'TCP' }))
      .filter((p: any) => p.port !== undefined)
      .map((p: any) => (p.name ? p : { port: p.port, protocol: p.protocol }));
    if (!ports.length) continue;
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? { addresses: [] as any[], notReadyAddresses: [] as any[], ports };
    const address = { ip: pod.status.podIP, nodeName: pod.spec?.nodeName, targetRef: targetRef(pod) };
    if (isPodReady(pod) && !pod.metadata.deletionTimestamp) g.addresses.push(address);
    else g.notReadyAddresses.push(address);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    ...(g.addresses.length ? { addresses: g.addresses.sort((a, b) => a.ip.localeCompare(b.ip)) } : {}),
    ...(g.notReadyAddresses.length ? { notReadyAddresses: g.notReadyAddresses } : {}),
    ports: g.ports,
  }));
}

/** The endpoints of an EndpointSlice for a Service (endpointslice controller). */
export function sliceEndpoints(svc: KubeObject, pods: KubeObject[]): { endpoints: any[]; ports: any[] } {
  const selected = selectedPods(svc, pods);
  const ports = (svc.spec?.ports ?? [])
    .map((sp: any) => ({ name: sp.name ?? '', port: selected.length ? targetPortOn(selected[0], sp) : undefined, protocol: sp.protocol ?? 'TCP' }))
    .filter((p: any) => p.port !== undefined);
  const endpoints = selected
    .map((p) => {
      const ready = isPodReady(p) && !p.metadata.deletionTimestamp;
      return { addresses: [p.status.podIP], conditions: { ready, serving: isPodReady(p), terminating: !!p.metadata.deletionTimestamp }, nodeName: p.spec?.nodeName, targetRef: targetRef(p) };
    })
    .sort((a, b) => a.addresses[0].localeCompare(b.addresses[0]));
  return { endpoints, ports };
}
