/**
 * The cluster's pool of external addresses for LoadBalancer Services, as MetalLB's L2 pool on a
 * kind network (`172.18.255.200-172.18.255.250`, beside the nodes' 172.18.0.x). The first
 * address belongs to the simulated ingress-nginx controller (its own LoadBalancer), the rest
 * go to Services, lowest free first; `spec.loadBalancerIP` is honoured when it is in the pool
 * and free.
 */

/** The pool's first and last addresses (inclusive). */
export const LB_POOL = { first: '172.18.255.200', last: '172.18.255.250' };

/** The address of the simulated ingress-nginx controller's LoadBalancer (the pool's first). */
export const INGRESS_NGINX_IP = LB_POOL.first;

const toNum = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

/** Whether `ip` is an address of the pool a Service may get (not the ingress controller's). */
export function inPool(ip: string): boolean {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return false;
  const n = toNum(ip);
  return n > toNum(LB_POOL.first) && n <= toNum(LB_POOL.last);
}

/** Why an address cannot be given, or the address. */
export type Allocation = { ok: true; ip: string } | { ok: false; reason: string };

/**
 * The address for a Service: `requested` (spec.loadBalancerIP) if it is in the pool and not in
 * `used`, else the lowest free one; the reason when none can be given.
 */
export function allocate(used: Set<string>, requested?: string): Allocation {
  if (requested) {
    if (!inPool(requested)) return { ok: false, reason: `requested IP ${requested} is not in the address pool ${LB_POOL.first}-${LB_POOL.last}` };
    if (used.has(requested)) return { ok: false, reason: `requested IP ${requested} is already in use` };
    return { ok: true, ip: requested };
  }
  for (let n = toNum(LB_POOL.first) + 1; n <= toNum(LB_POOL.last); n++) {
    const ip = toIp(n);
    if (!used.has(ip)) return { ok: true, ip };
  }
  return { ok: false, reason: `no available IPs in the address pool ${LB_POOL.first}-${LB_POOL.last}` };
}
