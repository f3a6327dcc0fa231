/**
 * The service controller of the cluster's cloud provider (as kind's cloud-provider-kind or
 * MetalLB): each `type: LoadBalancer` Service without a loadBalancerClass gets an external
 * address from the pool, written to status.loadBalancer.ingress (`kubectl get svc` shows it as
 * EXTERNAL-IP), with the EnsuringLoadBalancer / EnsuredLoadBalancer events upstream's
 * controller emits (SyncLoadBalancerFailed when no address can be given). The address goes back
 * to the pool when the Service goes or stops being a LoadBalancer. Level-triggered: the used
 * addresses are read from the Services themselves, so a resync changes nothing.
 */
import type { Controller, ControllerContext } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { recordEvent } from '../events';
import { allocate, inPool } from './pool';

const COMPONENT = 'service-controller';

const keyOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/** Whether this controller gives the Service an address. */
export function wantsLoadBalancer(svc: KubeObject | undefined): boolean {
  return svc?.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass;
}

/** The pool address a Service holds now, if any. */
export function heldAddress(svc: KubeObject): string | undefined {
  const ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
  return ip && inPool(ip) ? ip : undefined;
}

function usedBy(ctx: ControllerContext, except: KubeObject): Set<string> {
  const used = new Set<string>();
  for (const { obj } of ctx.store.list('services')) {
    if (obj.metadata.uid === except.metadata.uid || !wantsLoadBalancer(obj)) continue;
    const ip = heldAddress(obj);
    if (ip) used.add(ip);
  }
  return used;
}

const withStatus = (svc: KubeObject, loadBalancer: unknown): KubeObject => ({ ...structuredClone(svc), status: { ...(svc.status ?? {}), loadBalancer } });

/** Reconcile one Service's external address. */
export function reconcileLoadBalancer(svc: KubeObject, ctx: ControllerContext): WriteOp[] {
  const held = heldAddress(svc);
  if (!wantsLoadBalancer(svc)) {
    // No longer a LoadBalancer (or another class's): the address goes back to the pool.
    return held ? [{ op: 'put', resource: 'services', object: withStatus(svc, {}) }] : [];
  }
  const requested = svc.spec?.loadBalancerIP || undefined;
  const used = usedBy(ctx, svc);
  if (held && (!requested || requested === held) && !used.has(held)) return [];
  const a = allocate(used, requested);
  const ops: WriteOp[] = [recordEvent(ctx, svc, { type: 'Normal', reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer', component: COMPONENT })];
  if (!a.ok) {
    ops.push(recordEvent(ctx, svc, { type: 'Warning', reason: 'SyncLoadBalancerFailed', message: `Error syncing load balancer: failed to ensure load balancer: ${a.reason}`, component: COMPONENT }));
    if (held) ops.push({ op: 'put', resource: 'services', object: withStatus(svc, {}) });
    return ops;
  }
  ops.push({ op: 'put', resource: 'services', object: withStatus(svc, { ingress: [{ ip: a.ip, ipMode: 'VIP' }] }) });
  ops.push(recordEvent(ctx, svc, { type: 'Normal', reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer', component: COMPONENT }));
  return ops;
}

/** The controller: one key per Service; a LoadBalancer that goes frees its address for the others. */
export const serviceController: Controller = {
  name: 'service',
  watches: ['services'],
  keysFor(change, ctx) {
    const keys = [`${change.namespace}/${change.name}`];
    // An address freed (Service gone or no longer a LoadBalancer): pending ones may take it.
    const prev = change.type === 'DELETED' ? change.object : change.old;
    if (prev && heldAddress(prev) && (change.type === 'DELETED' || !wantsLoadBalancer(change.object))) {
      for (const { obj } of ctx.store.list('services')) if (wantsLoadBalancer(obj) && !heldAddress(obj)) keys.push(keyOf(obj));
    }
    return keys;
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const svc = ctx.store.get('services', ns, name);
    if (!svc || svc.metadata.deletionTimestamp) return { ops: [] };
    return { ops: reconcileLoadBalancer(svc, ctx) };
  },
  resync(ctx) {
    return ctx.store.list('services').map((e) => keyOf(e.obj));
  },
};
