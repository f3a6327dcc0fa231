/**
 * A container's environment as its processes see it: PATH and the image's ENV, HOSTNAME, the
 * variables the kubelet resolves (env, envFrom: sim/kubelet/config.ts), the Service link
 * variables of the Services that existed when the container started (upstream
 * pkg/kubelet/envvars FromServices; `enableServiceLinks`, the master `kubernetes` Service always),
 * and HOME. The kubelet fixes it at container start: later ConfigMap changes do not show.
 */
import type { KubeObject } from '../../apiserver/types';
import { resolveEnv } from '../kubelet/config';
import type { KubeletEnv } from '../kubelet';
import type { ImageFs } from './images';
import { podHostname } from './mounts';

/** The `<NAME>_SERVICE_HOST`… variables of one Service (upstream makeLinkVariables). */
export function serviceEnv(svc: KubeObject): [string, string][] {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return [];
  const name = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
  const ports: any[] = svc.spec?.ports ?? [];
  if (!ports.length) return [];
  const out: [string, string][] = [[`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(ports[0].port)]];
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
  const proto = (p: any) => String(p.protocol ?? 'TCP').toLowerCase();
  out.push([`${name}_PORT`, `${proto(ports[0])}://${ip}:${ports[0].port}`]);
  for (const p of ports) {
    const prefix = `${name}_PORT_${p.port}_${String(p.protocol ?? 'TCP').toUpperCase()}`;
    out.push([prefix, `${proto(p)}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto(p)], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  return out;
}

/** The Services whose variables a container started at `startedAt` gets (created before it). */
export function linkedServices(pod: KubeObject, services: KubeObject[], startedAt: number): KubeObject[] {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  return services.filter((s) => {
    const master = s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes';
    if (!master && (!links || s.metadata.namespace !== ns)) return false;
    const created = Date.parse(s.metadata.creationTimestamp ?? '') || 0;
    return created <= startedAt;
  });
}

/** The environment of a container, in `env`'s order. */
export function containerEnv(pod: KubeObject, container: any, image: ImageFs, kenv: KubeletEnv, services: KubeObject[], startedAt: number): [string, string][] {
  const resolved = resolveEnv(pod, container, kenv, pod.status?.podIP);
  const user: Record<string, string> = 'env' in resolved ? resolved.env : {};
  const out = new Map<string, string>();
  out.set('PATH', image.env.find(([k]) => k === 'PATH')?.[1] ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  out.set('HOSTNAME', podHostname(pod).hostname);
  for (const [k, v] of Object.entries(user)) out.set(k, v);
  for (const s of linkedServices(pod, services, startedAt)) for (const [k, v] of serviceEnv(s)) if (!out.has(k)) out.set(k, v);
  for (const [k, v] of image.env) if (!out.has(k)) out.set(k, v);
  if (!out.has('HOME')) out.set('HOME', image.family === 'curl' ? '/home/curl_user' : '/root');
  return [...out];
}
