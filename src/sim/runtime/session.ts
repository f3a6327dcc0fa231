/**
 * A process in a running container (kubectl exec, a container's main command): a shell over
 * the container's view and environment (container.ts), with the host services it uses (time,
 * signals, and the cluster network: wget/curl to Services, pods and ingress-nginx).
 */
import type { KubeObject } from '../../apiserver/types';
import { Shell, type HttpResult, type ShellHost } from './shell/interp';
import { PROGRAMS } from './programs';
import { dial, resolveFrom, type NetLookup } from './network';
import { listener } from './web';
import { serveIngress } from './outside';
import { INGRESS_NGINX_IP } from '../../controllers/service/pool';
import { containerView, processEnv, requestPod, type RuntimeCtx } from './container';

function netLookup(rt: RuntimeCtx): NetLookup {
  return { get: (r, ns, n) => rt.store.get(r, ns, n), list: (r, ns) => rt.store.list(r, ns).map((e) => e.obj), random: rt.random };
}

/** HTTP GET of `url` from inside `pod`. */
export function httpFrom(rt: RuntimeCtx, pod: KubeObject, url: string): HttpResult {
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^#]*)$/.exec(url);
  if (!m) return { ok: false, error: 'resolve', host: url };
  const [, scheme, host, portText, rest] = m;
  const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
  const net = netLookup(rt);
  const r = resolveFrom(net, pod, host);
  if (!r) return { ok: false, error: 'resolve', host };
  const ip = r.addresses[0];
  if (ip === INGRESS_NGINX_IP && (port === 80 || port === 443)) {
    // ingress-nginx answers by Host and path, not by a kube-proxy rule.
    const a = serveIngress(rt, portText ? `${host}:${port}` : host, { method: 'GET', path: rest || '/', scheme: scheme as 'http' | 'https', clientIP: pod.status?.podIP ?? '' });
    return a.ok ? { ok: true, status: a.status, reason: a.reason, headers: a.headers, body: a.body, host: `${ip}:${port}` } : { ok: false, error: a.error, host, ip, port };
  }
  const d = dial(net, pod, ip, port);
  if (!d.ok) return { ok: false, error: d.error, host, ip, port };
  if (scheme === 'https') return listener(d.pod, d.port) ? { ok: false, error: 'reset', host, ip, port } : { ok: false, error: 'refused', host, ip, port };
  const answer = requestPod(rt, d.pod, d.port, { method: 'GET', path: rest || '/', host: portText ? `${host}:${port}` : host });
  return answer.ok ? { ...answer, host: `${ip}:${port}` } : { ...answer, host, ip, port };
}

/** Options of one process started in a container. */
export interface ProcessOptions {
  /** Wait for real time (the session's clock; resolves early when the session ends). */
  sleep(ms: number): Promise<void>;
  /** Signal to the container's main process (PID 1). */
  killMain(signal: string): void;
  tty?: boolean;
}

/** A shell for a process in container `c` of `pod` (its env, view and host services). */
export function processShell(rt: RuntimeCtx, pod: KubeObject, c: any, opts: ProcessOptions): Shell {
  const { view, image } = containerView(rt, pod, c);
  const env = processEnv(rt, pod, c, image);
  const dns = rt.store.get('services', 'kube-system', 'kube-dns')?.spec?.clusterIP ?? '10.96.0.10';
  const host: ShellHost = {
    sleep: opts.sleep,
    kill: (pid, signal) => {
      if (pid !== 1) return false;
      opts.killMain(signal);
      return true;
    },
    http: async (url, timeoutMs) => {
      const r = httpFrom(rt, pod, url);
      // A dropped packet: the client waits for its own timeout (capped: the playground is impatient).
      if (!r.ok && r.error === 'timeout') await opts.sleep(Math.min(timeoutMs, 30_000));
      return r;
    },
    resolve: (name) => resolveFrom(netLookup(rt), pod, name),
    dnsServer: dns,
    now: () => rt.now(),
  };
  const sh = new Shell(view, image, env, host, PROGRAMS);
  sh.tty = !!opts.tty;
  const main = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  if (main) sh.vars.set('__KUBEPLAY_MAIN', main);
  return sh;
}
