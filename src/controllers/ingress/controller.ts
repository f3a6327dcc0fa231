/**
 * The status side of the simulated ingress-nginx: every Ingress it serves (class `nginx`, or no
 * class) gets the controller's LoadBalancer address in status.loadBalancer.ingress (what
 * ingress-nginx's status sync publishes, shown as ADDRESS by `kubectl get ingress`), with the
 * `Sync` event it emits; an Ingress that moves to another class loses it. The controller itself
 * runs outside the student's namespaces (as a managed cluster's ingress does), so it adds no pods.
 */
import type { Controller } from '../types';
import type { KubeObject } from '../../apiserver/types';
import type { WriteOp } from '../../cluster/storage';
import { jsonEqual } from '../../apiserver/registry/meta';
import { recordEvent } from '../events';
import { INGRESS_NGINX_IP } from '../service/pool';
import { servedByNginx } from '../../sim/ingress/rules';

const RESOURCE = 'ingresses.networking.k8s.io';

/** The IngressClass `nginx` a kind cluster with ingress-nginx has (README: ingressclasses). */
export function nginxIngressClass(uid: string, now: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: 'nginx',
      uid,
      creationTimestamp: now,
      generation: 1,
      labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': '1.12.1' },
    },
    spec: { controller: 'k8s.io/ingress-nginx' },
  };
}

/** The ingress-nginx status controller. */
export const ingressController: Controller = {
  name: 'ingress',
  watches: [RESOURCE],
  keysFor: (change) => [`${change.namespace}/${change.name}`],
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const ing = ctx.store.get(RESOURCE, ns, name);
    if (!ing || ing.metadata.deletionTimestamp) return { ops: [] };
    const want = servedByNginx(ing) ? { ingress: [{ ip: INGRESS_NGINX_IP }] } : {};
    if (jsonEqual(ing.status?.loadBalancer ?? {}, want)) return { ops: [] };
    const next = { ...structuredClone(ing), status: { ...(ing.status ?? {}), loadBalancer: want } };
    const ops: WriteOp[] = [{ op: 'put', resource: RESOURCE, object: next }];
    if (servedByNginx(ing)) ops.push(recordEvent(ctx, ing, { type: 'Normal', reason: 'Sync', message: 'Scheduled for sync', component: 'nginx-ingress-controller' }));
    return { ops };
  },
  resync: (ctx) => ctx.store.list(RESOURCE).map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`),
};
