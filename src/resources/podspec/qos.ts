/**
 * The QoS class of a pod, as pkg/apis/core/helper/qos ComputePodQOS decides it from the cpu and
 * memory requests and limits of all containers and init containers.
 */
import { arr, isObj } from './common';
import { quantityValue } from './quantity';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** `Guaranteed`, `Burstable` or `BestEffort` for a (defaulted) PodSpec. */
export function podQOSClass(spec: Record<string, any> | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...arr(spec?.containers), ...arr(spec?.initContainers)]) {
    const res = isObj(c?.resources) ? c.resources : {};
    for (const [name, q] of Object.entries(isObj(res.requests) ? res.requests : {})) {
      const v = quantityValue(q) ?? 0;
      if (QOS_RESOURCES.has(name) && v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(isObj(res.limits) ? res.limits : {})) {
      const v = quantityValue(q) ?? 0;
      if (QOS_RESOURCES.has(name) && v > 0) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + v);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || Math.abs(lim - req) > 1e-12 * Math.max(1, Math.abs(req))) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
