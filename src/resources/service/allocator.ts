import { invalid as fieldInvalid, type FieldError } from '../../apiserver/field-errors';
import { invalid } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { ClusterContext } from '../../apiserver/registry/context';

/**
 * ClusterIP and NodePort allocation, as the Service REST storage does it: the service CIDR is
 * 10.96.0.0/12 (10.96.0.1 is the `kubernetes` Service), node ports come from 30000–32767.
 * Allocations are derived from the stored Services, so there is no separate bitmap to drift.
 */
export const SERVICE_CIDR_BASE = ipToInt('10.96.0.0');
export const SERVICE_CIDR_SIZE = 1 << 20;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function inRange(ip: string): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const n = ipToInt(ip);
  return n > SERVICE_CIDR_BASE && n < SERVICE_CIDR_BASE + SERVICE_CIDR_SIZE - 1;
}

function taken(ctx: ClusterContext, except?: string) {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const { obj } of ctx.store.list('services')) {
    if (obj.metadata.uid === except) continue;
    for (const ip of obj.spec?.clusterIPs ?? [obj.spec?.clusterIP]) if (ip && ip !== 'None') ips.add(ip);
    for (const p of obj.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
  }
  return { ips, ports };
}

function randomIn(min: number, size: number, used: (n: number) => boolean): number | undefined {
  const start = crypto.getRandomValues(new Uint32Array(1))[0] % size;
  for (let i = 0; i < size; i++) {
    const n = min + ((start + i) % size);
    if (!used(n)) return n;
  }
  return undefined;
}

const wantsNodePorts = (svc: KubeObject) => svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer';

/**
 * Allocate or check the clusterIP and node ports of a Service being created or updated.
 * Refuses taken or out-of-range values with upstream's messages (422 Invalid).
 */
export function allocateServiceAddresses(ctx: ClusterContext, svc: KubeObject, old?: KubeObject): void {
  const spec = (svc.spec ??= {});
  const errs: FieldError[] = [];
  const { ips, ports } = taken(ctx, old?.metadata.uid ?? svc.metadata.uid);
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  } else if (old?.spec?.clusterIP && !spec.clusterIP) {
    spec.clusterIP = old.spec.clusterIP;
  } else if (!spec.clusterIP || spec.clusterIP === '') {
    const n = randomIn(SERVICE_CIDR_BASE + 10, SERVICE_CIDR_SIZE - 12, (x) => ips.has(intToIp(x)));
    if (n === undefined) errs.push(fieldInvalid('spec.clusterIPs', '', 'failed to allocate IP: range is full'));
    else spec.clusterIP = intToIp(n);
  } else if (spec.clusterIP !== 'None' && spec.clusterIP !== old?.spec?.clusterIP) {
    if (!inRange(spec.clusterIP)) {
      errs.push(fieldInvalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12`));
    } else if (ips.has(spec.clusterIP)) {
      errs.push(fieldInvalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
    }
  }
  if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  const mine = new Set<number>();
  (spec.ports ?? []).forEach((p: any, i: number) => {
    if (!wantsNodePorts(svc)) {
      delete p.nodePort;
      return;
    }
    const previous = old?.spec?.ports?.find((q: any) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
    if (!p.nodePort) {
      if (previous && !mine.has(previous)) {
        p.nodePort = previous;
      } else {
        const n = randomIn(NODE_PORT_MIN, NODE_PORT_MAX - NODE_PORT_MIN + 1, (x) => ports.has(x) || mine.has(x));
        if (n === undefined) errs.push(fieldInvalid(`spec.ports[${i}].nodePort`, 0, 'failed to allocate a nodePort: range is full'));
        else p.nodePort = n;
      }
    } else if (p.nodePort !== previous) {
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        errs.push(fieldInvalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
      } else if (ports.has(p.nodePort) || mine.has(p.nodePort)) {
        errs.push(fieldInvalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
      }
    }
    if (p.nodePort) mine.add(p.nodePort);
  });
  if (errs.length) throw invalid('Service', '', svc.metadata.name ?? '', errs);
}
