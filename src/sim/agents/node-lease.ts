import type { Controller } from '../../controllers/types';
import { NODE_LEASE_NAMESPACE, nodeLease } from '../heartbeat';

const LEASES = 'leases.coordination.k8s.io';

/**
 * Each node's kubelet takes its Lease in kube-node-lease when it registers (pkg/kubelet/nodelease).
 * Renewals are not written: src/sim/heartbeat.ts presents them. The Lease is owned by its Node,
 * so the garbage collector removes it with the node.
 */
export const nodeLeaseAgent: Controller = {
  name: 'node-lease',
  watches: ['nodes', LEASES],
  keysFor(change) {
    if (change.resource === 'nodes') return change.type === 'DELETED' ? [] : [change.name];
    return change.namespace === NODE_LEASE_NAMESPACE && change.type === 'DELETED' ? [change.name] : [];
  },
  reconcile(name, ctx) {
    const node = ctx.store.get('nodes', '', name);
    if (!node || node.metadata.deletionTimestamp || ctx.store.get(LEASES, NODE_LEASE_NAMESPACE, name)) return { ops: [] };
    if (!ctx.store.get('namespaces', '', NODE_LEASE_NAMESPACE)) return { ops: [] };
    return { ops: [{ op: 'put', resource: LEASES, object: nodeLease(node, ctx.now().getTime()) }] };
  },
  resync(ctx) {
    return ctx.store.list('nodes').map((e) => e.obj.metadata.name!);
  },
};
