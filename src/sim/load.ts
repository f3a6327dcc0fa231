/**
 * Simulated HTTP load: a running pod whose command loops over `wget`/`curl` of a Service (the
 * course's load generator, `while sleep 0.01; do wget -q -O- http://php-apache; done`) sends
 * that Service a steady demand of CPU work, shared by the Service's ready endpoints. Web servers
 * add their share to the CPU they use, up to their CPU limit (the CFS quota throttles the rest).
 */
import type { ClusterContext } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import { parseQuantity } from './kubelet/quantity';

/**
 * CPU work (nanocores) one load-generator loop asks of the Service it calls: with the course's
 * php-apache (200m requested, 500m limit) one generator settles the autoscaler near seven
 * replicas, as the upstream walkthrough shows.
 */
export const GENERATOR_DEMAND_NANOCORES = 700_000_000;

const LOOP = /\b(while|for|until)\b/;
const FETCH = /\b(?:wget|curl)\b[^;|&]*?\bhttps?:\/\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(?::\d+)?/i;

/** The Service a load-generator container calls in a loop (name, namespace), if it is one. */
export function loadTarget(container: any, podNamespace: string): { service: string; namespace: string } | undefined {
  const text = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  if (!LOOP.test(text)) return undefined;
  const m = FETCH.exec(text);
  if (!m) return undefined;
  const parts = m[1].toLowerCase().split('.');
  return { service: parts[0], namespace: parts[1] && parts[1] !== 'svc' ? parts[1] : podNamespace };
}

const running = (p: KubeObject) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;
const ready = (p: KubeObject) => running(p) && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/**
 * The extra CPU (nanocores) each pod serves for load generators, by pod uid, for the whole
 * cluster at once: callers that measure many pods compute it once and pass it on.
 */
export function servedLoad(ctx: ClusterContext): Map<string, number> {
  const out = new Map<string, number>();
  const demand = new Map<string, number>();
  for (const { obj: pod } of ctx.store.list('pods')) {
    if (!running(pod)) continue;
    for (const c of pod.spec?.containers ?? []) {
      const t = loadTarget(c, pod.metadata.namespace ?? 'default');
      if (t) demand.set(`${t.namespace}/${t.service}`, (demand.get(`${t.namespace}/${t.service}`) ?? 0) + GENERATOR_DEMAND_NANOCORES);
    }
  }
  for (const [key, nanocores] of demand) {
    const [namespace, name] = key.split('/');
    const selector: Record<string, string> | undefined = ctx.store.get('services', namespace, name)?.spec?.selector;
    if (!selector || !Object.keys(selector).length) continue;
    const backends = ctx.store.list('pods', namespace).map((e) => e.obj)
      .filter((p) => ready(p) && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
    for (const p of backends) out.set(p.metadata.uid!, (out.get(p.metadata.uid!) ?? 0) + nanocores / backends.length);
  }
  return out;
}

/** A container's CPU with its share of load added, throttled at its CPU limit (nanocores). */
export function withLoad(baseNanocores: number, loadNanocores: number, container: any): number {
  const total = baseNanocores + loadNanocores;
  const limit = container.resources?.limits?.cpu;
  const cap = limit !== undefined ? (parseQuantity(String(limit)) ?? Infinity) * 1e9 : Infinity;
  return Math.min(total, cap);
}
