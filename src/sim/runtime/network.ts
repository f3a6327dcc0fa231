/**
 * The cluster network as seen from inside a pod: CoreDNS names (Services, headless Service
 * pods `host.subdomain.ns.svc.cluster.local`, `a-b-c-d.ns.pod.cluster.local`) with the pod's
 * search path (ndots:5), kube-proxy (ClusterIP and NodePort on any node's InternalIP to a
 * ready endpoint; no endpoint → connection refused) and pod IPs. There is no route out of the
 * cluster: other names do not resolve.
 */
import type { KubeObject } from '../../apiserver/types';
import { podHostname } from './mounts';

/** What the network needs of the cluster's objects. */
export interface NetLookup {
  get(resource: string, ns: string, name: string): KubeObject | undefined;
  list(resource: string, ns?: string): KubeObject[];
  random(): number;
}

/** Where a connection lands: a pod's port, or why not. */
export type Dial = { ok: true; pod: KubeObject; port: number } | { ok: false; error: 'refused' | 'timeout' };

const SUFFIX = '.svc.cluster.local';

function serviceIPs(net: NetLookup, svc: KubeObject): string[] {
  const ip = svc.spec?.clusterIP;
  if (ip && ip !== 'None') return [ip];
  const ep = net.get('endpoints', svc.metadata.namespace ?? '', svc.metadata.name ?? '');
  return (ep?.subsets ?? []).flatMap((s: any) => (s.addresses ?? []).map((a: any) => a.ip as string));
}

/** Answers one fully qualified name (no search path); undefined when CoreDNS would say NXDOMAIN. */
export function lookupFqdn(net: NetLookup, fqdn: string): string[] | undefined {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  if (name === 'localhost') return ['127.0.0.1'];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return [name];
  const pod = /^(\d+-\d+-\d+-\d+)\.([a-z0-9-]+)\.pod\.cluster\.local$/.exec(name);
  if (pod) return [pod[1].replace(/-/g, '.')];
  if (!name.endsWith(SUFFIX)) return undefined;
  const parts = name.slice(0, -SUFFIX.length).split('.');
  if (parts.length === 2) {
    const svc = net.get('services', parts[1], parts[0]);
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName') return undefined;
    return serviceIPs(net, svc);
  }
  if (parts.length === 3) {
    const [host, sub, ns] = parts;
    const svc = net.get('services', ns, sub);
    if (!svc) return undefined;
    const ep = net.get('endpoints', ns, sub);
    const ips = (ep?.subsets ?? []).flatMap((s: any) => (s.addresses ?? []).filter((a: any) => a.hostname === host).map((a: any) => a.ip as string));
    if (ips.length) return ips;
    // Endpoints that do not carry hostnames: the ready pods with that hostname and subdomain.
    const pods = net.list('pods', ns).filter((p) => p.spec?.subdomain === sub && podHostname(p).hostname === host && p.status?.podIP && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'));
    return pods.length ? pods.map((p) => p.status!.podIP as string) : undefined;
  }
  return undefined;
}

/** Resolves a name as the pod's resolver does (search path, ndots:5, /etc/hosts first). */
export function resolveFrom(net: NetLookup, from: KubeObject, name: string): { fqdn: string; addresses: string[] } | undefined {
  const clean = name.replace(/\.$/, '');
  const { hostname, fqdn } = podHostname(from);
  if ((clean === hostname || clean === fqdn) && from.status?.podIP) return { fqdn: fqdn ?? hostname, addresses: [from.status.podIP] };
  const ns = from.metadata.namespace ?? 'default';
  const search = [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
  const dots = (clean.match(/\./g) ?? []).length;
  const candidates = name.endsWith('.') ? [clean] : dots >= 5 ? [clean, ...search.map((s) => `${clean}.${s}`)] : [...search.map((s) => `${clean}.${s}`), clean];
  for (const c of candidates) {
    const ips = lookupFqdn(net, c);
    if (ips?.length) return { fqdn: c, addresses: ips };
  }
  return undefined;
}

function podByIP(net: NetLookup, ip: string): KubeObject | undefined {
  return net.list('pods').find((p) => p.status?.podIP === ip && p.status?.phase === 'Running' && !p.spec?.hostNetwork);
}

function toEndpoint(net: NetLookup, svc: KubeObject, svcPort: any): Dial {
  const ep = net.get('endpoints', svc.metadata.namespace ?? '', svc.metadata.name ?? '');
  const choices: { ip: string; port: number }[] = [];
  for (const s of ep?.subsets ?? []) {
    const port = (s.ports ?? []).find((p: any) => (p.name ?? '') === (svcPort.name ?? '')) ?? (s.ports ?? [])[0];
    if (!port) continue;
    for (const a of s.addresses ?? []) choices.push({ ip: a.ip, port: port.port });
  }
  if (!choices.length) return { ok: false, error: 'refused' };
  const pick = choices[Math.floor(net.random() * choices.length) % choices.length];
  const pod = podByIP(net, pick.ip);
  return pod ? { ok: true, pod, port: pick.port } : { ok: false, error: 'refused' };
}

/** Where a TCP connection from `from` to ip:port goes (kube-proxy's rules, then the pod network). */
export function dial(net: NetLookup, from: KubeObject, ip: string, port: number): Dial {
  if (ip === '127.0.0.1' || ip === from.status?.podIP) return { ok: true, pod: from, port };
  const services = net.list('services');
  for (const svc of services) {
    if (svc.spec?.clusterIP !== ip) continue;
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    return sp ? toEndpoint(net, svc, sp) : { ok: false, error: 'timeout' };
  }
  // A LoadBalancer's external address (status.loadBalancer.ingress), on the Service port.
  for (const svc of services) {
    if (svc.spec?.type !== 'LoadBalancer' || !(svc.status?.loadBalancer?.ingress ?? []).some((i: any) => i.ip === ip)) continue;
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    return sp ? toEndpoint(net, svc, sp) : { ok: false, error: 'refused' };
  }
  const node = net.list('nodes').find((n) => (n.status?.addresses ?? []).some((a: any) => a.type === 'InternalIP' && a.address === ip));
  if (node) {
    for (const svc of services) {
      const sp = (svc.spec?.ports ?? []).find((p: any) => p.nodePort === port);
      if (sp && ['NodePort', 'LoadBalancer'].includes(svc.spec?.type)) return toEndpoint(net, svc, sp);
    }
    const hostPod = net.list('pods').find((p) => p.spec?.nodeName === node.metadata.name && p.status?.phase === 'Running' && (p.spec?.containers ?? []).some((c: any) => (c.ports ?? []).some((cp: any) => cp.hostPort === port)));
    if (hostPod) {
      const c = (hostPod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []).find((cp: any) => cp.hostPort === port);
      return { ok: true, pod: hostPod, port: c.containerPort };
    }
    return { ok: false, error: 'refused' };
  }
  const pod = podByIP(net, ip);
  if (pod) return { ok: true, pod, port };
  return { ok: false, error: 'timeout' };
}
