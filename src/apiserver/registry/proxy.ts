/**
 * The API proxy: `pods/NAME[:PORT]/proxy/…`, `services/[SCHEME:]NAME[:PORT]/proxy/…` and
 * `nodes/NAME[:PORT]/proxy/…`, every method. The target is found as upstream's
 * ResourceLocation functions find it (pkg/registry/core/{pod,service,node}): a pod's IP and
 * port (its first declared port by default; `address not allowed` without an IP), a ready
 * endpoint of the Service port (`no endpoints available for service "x"`, 503), the node's
 * kubelet (port 10250) or another port of the node. The answer comes from the simulated
 * container (requestPod) with its links kept under the proxy prefix (rewrite.ts); a
 * connection that fails is the 503 `error trying to reach service: …` of upstream's transport.
 */
import type { ControllerContext } from '../../controllers/types';
import type { ClusterRequest } from '../handler';
import type { RequestInfo } from '../request-info';
import type { KubeObject } from '../types';
import { badRequest, internalError, notFound, statusResponse, StatusError } from '../status';
import { splitSchemeNamePort, pathAfterProxy, podProxyPort } from '../proxy/location';
import { rewriteAnswer, type LinkRewrite } from '../proxy/rewrite';
import { kubeletAnswer } from '../proxy/kubelet';
import { runtimeOf } from '../../sim/runtime/controller';
import { requestPod, type RuntimeCtx } from '../../sim/runtime/container';
import { dial, type NetLookup } from '../../sim/runtime/network';
import { readyEndpoints, proxyStateOf, affinitySeconds } from '../../sim/runtime/kube-proxy';

/** The kubelet's port (daemonEndpoints.kubeletEndpoint). */
const KUBELET_PORT = 10250;

/** A 503 ServiceUnavailable Status (errors.NewServiceUnavailable). */
export function serviceUnavailable(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'ServiceUnavailable', code: 503 });
}

/** What a failed connection to ip:port reads as through the proxy's transport. */
export function unreachable(error: 'refused' | 'reset' | 'timeout' | 'tls', ip: string, port: number): StatusError {
  const why = {
    refused: `dial tcp ${ip}:${port}: connect: connection refused`,
    timeout: `dial tcp ${ip}:${port}: i/o timeout`,
    reset: 'EOF',
    tls: 'tls: first record does not look like a TLS handshake',
  }[error];
  return serviceUnavailable(`error trying to reach service: ${why}`);
}

/** Headers that belong to one connection, not to the proxied answer (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'content-length']);

/** The HTTP response of a proxied answer (no body for HEAD, 1xx, 204 and 304). */
export function answerResponse(method: string, status: number, headers: [string, string][], body: string, extra: [string, string][] = []): Response {
  const h = new Headers();
  for (const [k, v] of [...headers, ...extra]) if (!HOP_BY_HOP.has(k.toLowerCase())) h.append(k, v);
  const empty = method === 'HEAD' || status === 204 || status === 304 || status < 200;
  return new Response(empty ? null : body, { status, headers: h });
}

/** The network as the API server reaches it (it is outside every pod). */
export function netOf(ctx: ControllerContext): NetLookup {
  return { get: (r, ns, n) => ctx.store.get(r, ns, n), list: (r, ns) => ctx.store.list(r, ns).map((e) => e.obj), random: () => ctx.random() };
}

/** Where the proxy sends the request: a pod's port, or the node's kubelet. */
type Target = { kind: 'pod'; pod: KubeObject; ip: string; port: number; scheme: string } | { kind: 'kubelet'; node: KubeObject };

function podByIP(ctx: ControllerContext, ip: string): KubeObject | undefined {
  return ctx.store
    .list('pods')
    .map((e) => e.obj)
    .find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
}

function podTarget(ctx: ControllerContext, ns: string, id: string): Target {
  const t = splitSchemeNamePort(id);
  if (!t) throw badRequest(`invalid pod request "${id}"`);
  const pod = ctx.store.get('pods', ns, t.name);
  if (!pod) throw notFound({ group: '', resource: 'pods' }, t.name);
  const ip = pod.status?.podIP;
  if (!ip) throw badRequest('address not allowed');
  const port = podProxyPort(pod, t.port, t.scheme);
  if (port === undefined) throw serviceUnavailable(`error trying to reach service: dial tcp: lookup tcp/${t.port}: unknown port`);
  return { kind: 'pod', pod, ip, port, scheme: t.scheme };
}

function serviceTarget(ctx: ControllerContext, ns: string, id: string, clientIP: string): Target {
  const t = splitSchemeNamePort(id);
  if (!t) throw badRequest(`invalid service request "${id}"`);
  let portName = t.port;
  const svcPort = /^\d+$/.test(t.port) ? Number(t.port) : undefined;
  const svc = ctx.store.get('services', ns, t.name);
  if (svcPort !== undefined) {
    // A port number names the Service port that declares it (upstream ResourceLocation).
    if (!svc) throw notFound({ group: '', resource: 'services' }, t.name);
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === svcPort);
    if (!sp) throw serviceUnavailable(`no service port ${svcPort} found for service "${t.name}"`);
    portName = sp.name ?? '';
  }
  const eps = ctx.store.get('endpoints', ns, t.name);
  if (!eps) throw notFound({ group: '', resource: 'endpoints' }, t.name);
  if (!(eps.subsets ?? []).length) throw serviceUnavailable(`no endpoints available for service "${t.name}"`);
  const choices = readyEndpoints(eps, { name: portName }).filter((c) => podByIP(ctx, c.ip));
  const pick = proxyStateOf(ctx.store).pick(`${ns}/${t.name}:${portName}`, choices, clientIP, ctx.now().getTime(), svc ? affinitySeconds(svc) : undefined);
  if (!pick) throw serviceUnavailable(`no endpoints available for service "${id}"`);
  return { kind: 'pod', pod: podByIP(ctx, pick.ip)!, ip: pick.ip, port: pick.port, scheme: t.scheme };
}

function nodeTarget(ctx: ControllerContext, id: string): Target {
  const t = splitSchemeNamePort(id);
  if (!t) throw badRequest(`invalid node request "${id}"`);
  const node = ctx.store.get('nodes', '', t.name);
  if (!node) throw notFound({ group: '', resource: 'nodes' }, t.name);
  const port = t.port ? Number(t.port) : KUBELET_PORT;
  if (!Number.isInteger(port)) throw serviceUnavailable(`error trying to reach service: dial tcp: lookup tcp/${t.port}: unknown port`);
  if (port === KUBELET_PORT) return { kind: 'kubelet', node };
  // Another port of the node: what listens there (a NodePort through kube-proxy, a hostPort).
  const ip = (node.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
  const d = dial(netOf(ctx), { metadata: {}, status: {} } as KubeObject, ip, port);
  if (!d.ok) throw unreachable(d.error, ip, port);
  return { kind: 'pod', pod: d.pod, ip: d.pod.status?.podIP ?? ip, port: d.port, scheme: t.scheme };
}

/**
 * The prefix links are rewritten under. kubectl proxy serves the cluster at its own root, so
 * for it (it names itself in `Kubectl-Command`) the prefix is the path below the cluster's
 * base; any other client sees the whole path it asked for, as upstream prepends the request path.
 */
function linkPrefix(cr: ClusterRequest, proxyPath: string): string {
  const viaKubectlProxy = (cr.request.headers.get('kubectl-command') ?? '') === 'kubectl proxy';
  return viaKubectlProxy ? proxyPath : `${new URL(cr.base).pathname.replace(/\/$/, '')}${proxyPath}`;
}

/** Answer one `…/proxy[/…]` request (after authorization). */
export async function proxyRequest(ctx: ControllerContext, cr: ClusterRequest, info: RequestInfo): Promise<Response> {
  const url = new URL(cr.request.url);
  const rest = pathAfterProxy(cr.path);
  if (!rest) {
    // UpgradeAwareHandler redirects an empty location path to `…/proxy/`; a relative
    // reference reaches it under any prefix (kubectl proxy's root or the cluster's base).
    return new Response(null, { status: 301, headers: { Location: `proxy/${url.search}` } });
  }
  const clientIP = cr.request.headers.get('cf-connecting-ip') ?? cr.request.headers.get('x-forwarded-for')?.split(',')[0].trim() ?? '127.0.0.1';
  const target = info.resource === 'pods' ? podTarget(ctx, info.namespace, info.name) : info.resource === 'services' ? serviceTarget(ctx, info.namespace, info.name, clientIP) : nodeTarget(ctx, info.name);
  const method = cr.request.method.toUpperCase();
  if (target.kind === 'kubelet') {
    const a = kubeletAnswer(ctx, target.node, method, `${rest}${url.search}`);
    return answerResponse(method, a.status, a.headers, a.body);
  }
  const rt: RuntimeCtx | undefined = runtimeOf(ctx);
  if (!rt) return statusResponse(internalError('the container runtime is not available'));
  // The body is read so that the client's upload completes; the simulated servers ignore it.
  if (cr.request.body) await cr.request.arrayBuffer();
  const answer = requestPod(rt, target.pod, target.port, { method, path: `${rest}${url.search}`, host: url.host });
  if (!answer.ok) throw unreachable(answer.error, target.ip, target.port);
  if (target.scheme === 'https') throw unreachable('tls', target.ip, target.port);
  const proxyPath = cr.path.slice(0, cr.path.length - rest.length);
  const rewrite: LinkRewrite = {
    prefix: linkPrefix(cr, proxyPath),
    sameHosts: [`${target.ip}:${target.port}`, ...(target.port === 80 ? [target.ip] : []), url.host],
  };
  const r = rewriteAnswer(answer.headers, answer.body, rewrite);
  return answerResponse(method, answer.status, r.headers, r.body);
}
