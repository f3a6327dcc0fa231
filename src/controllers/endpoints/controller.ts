import type { Controller, ControllerContext } from '../types';
import type { WriteOp } from '../../cluster/storage';
import type { KubeObject } from '../../apiserver/types';
import { generateName, jsonEqual, timestamp } from '../../apiserver/registry/meta';
import { API_SERVER_ENDPOINT, endpointsSubsets, sliceEndpoints } from './build';

const SLICES = 'endpointslices.discovery.k8s.io';
const SERVICE_NAME = 'kubernetes.io/service-name';

function put(ctx: ControllerContext, resource: string, existing: KubeObject | undefined, desired: KubeObject): WriteOp[] {
  if (existing) {
    const next = { ...structuredClone(existing), ...desired, metadata: { ...existing.metadata, labels: desired.metadata.labels } };
    return jsonEqual(next, existing) ? [] : [{ op: 'put', resource, object: next }];
  }
  desired.metadata.uid = crypto.randomUUID();
  desired.metadata.creationTimestamp = timestamp(ctx.now());
  return [{ op: 'put', resource, object: desired }];
}

/**
 * The endpoints and endpointslice controllers: for each Service with a selector, an Endpoints
 * object and one EndpointSlice listing the selected pods (ready or not); the `kubernetes`
 * Service points at the API server. Both go when their Service goes (garbage collection for
 * the slice, by name for the Endpoints).
 */
export const endpointsController: Controller = {
  name: 'endpoints',
  watches: ['services', 'pods'],
  keysFor(change, ctx) {
    if (change.resource === 'services') return [`${change.namespace}/${change.name}`];
    const labels = [change.object.metadata.labels ?? {}, change.old?.metadata.labels ?? {}];
    return ctx.store
      .list('services', change.namespace)
      .filter((e) => {
        const sel = e.obj.spec?.selector;
        return sel && Object.keys(sel).length && labels.some((l) => Object.entries<string>(sel).every(([k, v]) => l[k] === v));
      })
      .map((e) => `${change.namespace}/${e.obj.metadata.name}`);
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const svc = ctx.store.get('services', ns, name);
    const ep = ctx.store.get('endpoints', ns, name);
    const slice = ctx.store.list(SLICES, ns).map((e) => e.obj).find((s) => s.metadata.labels?.[SERVICE_NAME] === name);
    if (!svc) {
      const ops: WriteOp[] = [];
      if (ep) ops.push({ op: 'delete', resource: 'endpoints', object: ep });
      if (slice) ops.push({ op: 'delete', resource: SLICES, object: slice });
      return { ops };
    }
    const isApiServer = ns === 'default' && name === 'kubernetes';
    if (!isApiServer && (!svc.spec?.selector || !Object.keys(svc.spec.selector).length)) return { ops: [] };
    const pods = ctx.store.list('pods', ns).map((e) => e.obj);
    const subsets = isApiServer ? [{ addresses: [{ ip: API_SERVER_ENDPOINT.ip }], ports: [{ name: 'https', port: API_SERVER_ENDPOINT.port, protocol: 'TCP' }] }] : endpointsSubsets(svc, pods);
    const labels = { ...(svc.metadata.labels ?? {}), ...(isApiServer ? { 'endpointslice.kubernetes.io/skip-mirror': 'true' } : {}) };
    const ops: WriteOp[] = put(ctx, 'endpoints', ep, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels }, subsets });
    const s = isApiServer
      ? { endpoints: [{ addresses: [API_SERVER_ENDPOINT.ip], conditions: { ready: true, serving: true, terminating: false } }], ports: [{ name: 'https', port: API_SERVER_ENDPOINT.port, protocol: 'TCP' }] }
      : sliceEndpoints(svc, pods);
    ops.push(
      ...put(ctx, SLICES, slice, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: slice?.metadata.name ?? (isApiServer ? 'kubernetes' : generateName(`${name}-`)),
          namespace: ns,
          labels: { ...(svc.metadata.labels ?? {}), [SERVICE_NAME]: name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        endpoints: s.endpoints,
        ports: s.ports,
      }),
    );
    return { ops };
  },
  resync(ctx) {
    return ctx.store.list('services').map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`);
  },
};
