/**
 * In the tenant's Durable Object: one request from outside the cluster (the Worker's app
 * routes, caller already authenticated) to an address of the cluster's network, answered by
 * the pod kube-proxy or ingress-nginx picks. Links in the answer that point at the app's own
 * host stay under the app's URL (as the API proxy rewrites them, rewrite.ts), so an app that
 * redirects to `http://<its host>/wp-admin/install.php` keeps working. The answer names the pod
 * that gave it (`X-Kubeplay-Pod`).
 */
import type { RuntimeCtx } from '../../sim/runtime/container';
import { requestFromOutside } from '../../sim/runtime/outside';
import { rewriteAnswer } from './rewrite';
import { answerResponse } from '../registry/proxy';
import { parseAppPath, segmentOf } from './app-address';

/** The page that lists what is reachable (under an app host or the app path root). */
export const INDEX_PATH = '/_kubeplay/';

/** A request for an app, as the Worker hands it to the cluster. */
export interface AppRequest {
  method: string;
  /** The raw path below the app root (`/<address>/<path>`) and the query (`?…` or ``). */
  path: string;
  search: string;
  /** The client's address (kube-proxy's ClientIP affinity). */
  clientIP: string;
  /** The app root the student sees: `https://<tenant>.<apps domain>` or `https://host/apps/<tenant>`. */
  root: string;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A small HTML page of the platform's own (errors, the index). */
export function platformPage(status: number, title: string, body: string): Response {
  const html = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escape(title)}</title></head>\n<body style="font-family:sans-serif;max-width:44em;margin:3em auto">\n<h1>${escape(title)}</h1>\n${body}\n</body></html>\n`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** The addresses reachable from outside, for the index page: NodePorts, LoadBalancers, Ingress hosts. */
function reachable(rt: RuntimeCtx): { segment: string; what: string }[] {
  const out: { segment: string; what: string }[] = [];
  const node = rt.store.list('nodes').map((e) => e.obj).find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined) ?? rt.store.list('nodes')[0]?.obj;
  const nodeIP = (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
  for (const { obj: svc } of rt.store.list('services')) {
    const name = `${svc.metadata.namespace}/${svc.metadata.name}`;
    for (const p of svc.spec?.ports ?? []) {
      if (nodeIP && p.nodePort && ['NodePort', 'LoadBalancer'].includes(svc.spec?.type)) out.push({ segment: `${nodeIP}:${p.nodePort}`, what: `NodePort of service ${name}` });
      for (const i of svc.status?.loadBalancer?.ingress ?? []) if (i.ip) out.push({ segment: p.port === 80 ? i.ip : `${i.ip}:${p.port}`, what: `LoadBalancer service ${name}` });
    }
  }
  for (const { obj: ing } of rt.store.list('ingresses.networking.k8s.io')) {
    for (const r of ing.spec?.rules ?? []) if (r.host && !r.host.startsWith('*')) out.push({ segment: r.host, what: `Ingress ${ing.metadata.namespace}/${ing.metadata.name}` });
  }
  return out;
}

/** Answer one app request. */
export function serveApp(rt: RuntimeCtx, req: AppRequest): Response {
  const addr = parseAppPath(req.path, req.search);
  if (!addr) {
    // The index is `/_kubeplay/` (the host's `/` may be the dashboard's page).
    const items = reachable(rt).map((r) => `<li><a href="${escape(`${req.root}/${r.segment}/`)}">${escape(r.segment)}</a> — ${escape(r.what)}</li>`);
    return platformPage(req.path === INDEX_PATH || req.path === '/' ? 200 : 404, 'Your cluster from outside', `<p>Open an address of your cluster's network under this page: a node's InternalIP with a NodePort, a LoadBalancer's EXTERNAL-IP, or an Ingress host.</p>\n<ul>\n${items.join('\n') || '<li>Nothing is exposed yet: try <code>kubectl expose deployment web --type=NodePort --port=80</code>.</li>'}\n</ul>`);
  }
  const method = req.method.toUpperCase();
  const a = requestFromOutside(rt, addr.host, addr.port, { method, path: addr.path, scheme: addr.port === 443 ? 'https' : 'http', clientIP: req.clientIP });
  if (!a.ok) {
    const res = platformPage(502, `${addr.segment} did not answer`, `<p>${escape(a.message)}.</p>\n<p><a href="${escape(req.root)}${INDEX_PATH}">What is reachable in your cluster</a></p>`);
    res.headers.set('X-Kubeplay-Error', a.error);
    return res;
  }
  const r = rewriteAnswer(a.headers, a.body, {
    prefix: `${new URL(req.root).pathname.replace(/\/$/, '')}/${addr.segment}`,
    sameHosts: [],
    // An absolute link to the app's own host (by any scheme) stays under the app root.
    absolute: (scheme, authority) => (authority.split(':')[0] === addr.host ? `${req.root}/${segmentOf(scheme, authority)}` : undefined),
  });
  const extra: [string, string][] = [['X-Kubeplay-Via', a.via]];
  if (a.pod) extra.push(['X-Kubeplay-Pod', `${a.pod.metadata.namespace}/${a.pod.metadata.name}`], ['X-Kubeplay-Node', a.pod.spec?.nodeName ?? '']);
  return answerResponse(method, a.status, r.headers, r.body, extra);
}
