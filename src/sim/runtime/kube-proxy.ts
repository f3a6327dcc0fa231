/**
 * kube-proxy's choice of endpoint for a connection to a Service: round robin over the ready
 * endpoints of the Service port (IPVS's `rr` scheduler), and with `sessionAffinity: ClientIP`
 * the endpoint a client last used while it stays ready and the affinity has not timed out
 * (sessionAffinityConfig.clientIP.timeoutSeconds, 10800 by default). The state is the cluster's
 * own, kept in memory as kube-proxy keeps it (lost on a restart, like a node's conntrack).
 */
import type { KubeObject } from '../../apiserver/types';

/** One ready endpoint of a Service port: the pod's IP and its target port. */
export interface EndpointChoice {
  ip: string;
  port: number;
}

/** Default of sessionAffinityConfig.clientIP.timeoutSeconds (upstream DefaultClientIPServiceAffinitySeconds). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

/** The ready endpoints of `svcPort` (matched by port name) in the Service's Endpoints, by IP. */
export function readyEndpoints(endpoints: KubeObject | undefined, svcPort: { name?: string }): EndpointChoice[] {
  const out: EndpointChoice[] = [];
  for (const s of endpoints?.subsets ?? []) {
    const port = (s.ports ?? []).find((p: any) => (p.name ?? '') === (svcPort.name ?? ''));
    if (!port) continue;
    for (const a of s.addresses ?? []) out.push({ ip: a.ip, port: port.port });
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.port - b.port);
}

/** Round-robin positions and client affinities of one cluster. */
export class ProxyState {
  private readonly cursor = new Map<string, number>();
  private readonly affinity = new Map<string, { ip: string; port: number; until: number }>();

  /**
   * The endpoint for a new connection to the Service port `key` (`ns/name:port`) from
   * `clientIP`, or undefined when it has none. `timeoutSeconds` is set when the Service asks
   * for ClientIP affinity.
   */
  pick(key: string, choices: EndpointChoice[], clientIP: string, nowMs: number, timeoutSeconds?: number): EndpointChoice | undefined {
    if (!choices.length) return undefined;
    const akey = `${key}|${clientIP}`;
    if (timeoutSeconds !== undefined) {
      const held = this.affinity.get(akey);
      if (held && held.until > nowMs) {
        const still = choices.find((c) => c.ip === held.ip && c.port === held.port);
        if (still) {
          held.until = nowMs + timeoutSeconds * 1000;
          return still;
        }
      }
    }
    const i = (this.cursor.get(key) ?? 0) % choices.length;
    this.cursor.set(key, i + 1);
    const chosen = choices[i];
    if (timeoutSeconds !== undefined) this.affinity.set(akey, { ...chosen, until: nowMs + timeoutSeconds * 1000 });
    if (this.affinity.size > 10_000) this.expire(nowMs);
    return chosen;
  }

  private expire(nowMs: number): void {
    for (const [k, v] of this.affinity) if (v.until <= nowMs) this.affinity.delete(k);
  }
}

/** The affinity timeout a Service asks for (seconds), or undefined without ClientIP affinity. */
export function affinitySeconds(svc: KubeObject): number | undefined {
  if (svc.spec?.sessionAffinity !== 'ClientIP') return undefined;
  return svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
}

const states = new WeakMap<object, ProxyState>();

/** The kube-proxy state of the cluster that owns `owner` (its object store: one per cluster). */
export function proxyStateOf(owner: object): ProxyState {
  let s = states.get(owner);
  if (!s) {
    s = new ProxyState();
    states.set(owner, s);
  }
  return s;
}
