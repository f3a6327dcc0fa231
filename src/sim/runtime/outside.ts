/**
 * Traffic that enters the cluster from outside its network: to a node's address on a NodePort,
 * to a LoadBalancer's external address on its port, and to the simulated ingress-nginx (its
 * LoadBalancer address, or an Ingress host). kube-proxy picks the endpoint (round robin,
 * ClientIP affinity: kube-proxy.ts); ingress-nginx routes by host and path (ingress/rules.ts) and
 * balances round robin over the Service's endpoints, as its default `round_robin` does. The
 * container answers through requestPod; the pod that answered is named in the result.
 */
import type { KubeObject } from '../../apiserver/types';
import { requestPod, type RuntimeCtx } from './container';
import { readyEndpoints, proxyStateOf, affinitySeconds, type EndpointChoice } from './kube-proxy';
import { hostHasTls, routeIngress } from '../ingress/rules';
import { INGRESS_NGINX_IP } from '../../controllers/service/pool';

/** A request as it arrives from outside: method, path with query, scheme, and the client's address. */
export interface OutsideRequest {
  method: string;
  path: string;
  scheme: 'http' | 'https';
  clientIP: string;
}

/** The answer: the server's HTTP answer and who gave it, or why the connection failed. */
export type OutsideAnswer =
  | { ok: true; status: number; reason: string; headers: [string, string][]; body: string; pod?: KubeObject; via: string }
  | { ok: false; error: 'refused' | 'timeout' | 'reset'; message: string };

const objs = (rt: RuntimeCtx, r: string) => rt.store.list(r).map((e) => e.obj);

function podAt(rt: RuntimeCtx, ip: string): KubeObject | undefined {
  return objs(rt, 'pods').find((p) => p.status?.podIP === ip && p.status?.phase === 'Running' && !p.spec?.hostNetwork);
}

/** One endpoint of a Service port for a new connection (kube-proxy's choice). */
function endpointOf(rt: RuntimeCtx, svc: KubeObject, sp: any, clientIP: string, affinity: boolean): EndpointChoice | undefined {
  const eps = rt.store.get('endpoints', svc.metadata.namespace ?? '', svc.metadata.name ?? '');
  const choices = readyEndpoints(eps, sp).filter((c) => podAt(rt, c.ip));
  const key = `${svc.metadata.namespace}/${svc.metadata.name}:${sp.name ?? sp.port}`;
  return proxyStateOf(rt.store).pick(key, choices, clientIP, rt.now().getTime(), affinity ? affinitySeconds(svc) : undefined);
}

function answerFrom(rt: RuntimeCtx, ep: EndpointChoice, req: OutsideRequest, host: string, via: string): OutsideAnswer {
  const pod = podAt(rt, ep.ip)!;
  const a = requestPod(rt, pod, ep.port, { method: req.method, path: req.path, host });
  if (!a.ok) return { ok: false, error: a.error, message: a.error === 'refused' ? `connection to ${ep.ip}:${ep.port} refused` : `connection to ${ep.ip}:${ep.port} reset` };
  return { ok: true, status: a.status, reason: a.reason, headers: a.headers, body: a.body, pod, via };
}

const NGINX_PAGE = (code: number, reason: string) => `<html>\r\n<head><title>${code} ${reason}</title></head>\r\n<body>\r\n<center><h1>${code} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

function nginxAnswer(code: number, reason: string, now: Date, extra: [string, string][] = []): OutsideAnswer {
  return { ok: true, status: code, reason, headers: [['Date', now.toUTCString()], ['Content-Type', 'text/html'], ['Server', 'nginx'], ...extra], body: NGINX_PAGE(code, reason), via: 'ingress-nginx' };
}

/** ingress-nginx answering a request for `host` (the Host header) on `port`. */
export function serveIngress(rt: RuntimeCtx, host: string, req: OutsideRequest): OutsideAnswer {
  const now = rt.now();
  const ingresses = objs(rt, 'ingresses.networking.k8s.io');
  const path = req.path.split('?')[0] || '/';
  // ssl-redirect (on by default): a TLS host is served on HTTPS only.
  if (req.scheme === 'http' && hostHasTls(ingresses, host)) return nginxAnswer(308, 'Permanent Redirect', now, [['Location', `https://${host.replace(/:\d+$/, '')}${req.path}`]]);
  const route = routeIngress(ingresses, host, path);
  const svcRef = route?.backend.service;
  if (!route || !svcRef) return nginxAnswer(404, 'Not Found', now);
  const svc = rt.store.get('services', route.ingress.metadata.namespace ?? '', svcRef.name);
  const sp = (svc?.spec?.ports ?? []).find((p: any) => (svcRef.port?.number !== undefined ? p.port === svcRef.port.number : p.name === svcRef.port?.name));
  const ep = svc && sp ? endpointOf(rt, svc, sp, req.clientIP, false) : undefined;
  if (!ep) return nginxAnswer(503, 'Service Temporarily Unavailable', now);
  const a = answerFrom(rt, ep, req, host, `ingress ${route.ingress.metadata.namespace}/${route.ingress.metadata.name}`);
  if (!a.ok) return nginxAnswer(502, 'Bad Gateway', now);
  // nginx puts its own Server and Date on a proxied answer.
  const headers = a.headers.filter(([k]) => !['server', 'date'].includes(k.toLowerCase()));
  const tls: [string, string][] = route.tls?.secretName ? [['X-Kubeplay-Tls-Secret', `${route.ingress.metadata.namespace}/${route.tls.secretName}`]] : [];
  return { ...a, headers: [['Date', now.toUTCString()], ['Server', 'nginx'], ...headers, ...tls] };
}

/**
 * A request from outside to `host:port`: a node's InternalIP (NodePort), a LoadBalancer's
 * address, ingress-nginx's address or an Ingress host (ports 80 and 443). `hostHeader` is what
 * the client puts in Host.
 */
export function requestFromOutside(rt: RuntimeCtx, host: string, port: number, req: OutsideRequest): OutsideAnswer {
  const hostHeader = (req.scheme === 'https' ? port === 443 : port === 80) ? host : `${host}:${port}`;
  const isIP = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  if (!isIP || host === INGRESS_NGINX_IP) {
    if (port !== 80 && port !== 443) return { ok: false, error: isIP ? 'refused' : 'timeout', message: `connection to ${host}:${port} ${isIP ? 'refused' : 'timed out'}` };
    return serveIngress(rt, hostHeader, { ...req, scheme: port === 443 ? 'https' : req.scheme });
  }
  const services = objs(rt, 'services');
  const lb = services.find((s) => s.spec?.type === 'LoadBalancer' && (s.status?.loadBalancer?.ingress ?? []).some((i: any) => i.ip === host));
  if (lb) {
    const sp = (lb.spec?.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    const ep = sp && endpointOf(rt, lb, sp, req.clientIP, true);
    if (!ep) return { ok: false, error: 'refused', message: `connection to ${host}:${port} refused` };
    return answerFrom(rt, ep, req, hostHeader, `service ${lb.metadata.namespace}/${lb.metadata.name}`);
  }
  const node = objs(rt, 'nodes').find((n) => (n.status?.addresses ?? []).some((a: any) => a.type === 'InternalIP' && a.address === host));
  if (!node) return { ok: false, error: 'timeout', message: `connection to ${host}:${port} timed out (no such address in the cluster's network)` };
  for (const svc of services) {
    if (!['NodePort', 'LoadBalancer'].includes(svc.spec?.type)) continue;
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.nodePort === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) continue;
    const ep = endpointOf(rt, svc, sp, req.clientIP, true);
    if (!ep) return { ok: false, error: 'refused', message: `connection to ${host}:${port} refused (service ${svc.metadata.namespace}/${svc.metadata.name} has no ready endpoints)` };
    return answerFrom(rt, ep, req, hostHeader, `service ${svc.metadata.namespace}/${svc.metadata.name}`);
  }
  return { ok: false, error: 'refused', message: `connection to ${host}:${port} refused (no NodePort ${port} on ${node.metadata.name})` };
}
