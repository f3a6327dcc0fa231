import type { Controller } from '../types';
import { finalizeNamespace } from '../../resources/namespace/lifecycle';

/**
 * The namespace controller: empties a Terminating namespace and removes it once nothing is
 * left. Any change inside a terminating namespace looks at it again.
 */
export const namespaceController: Controller = {
  name: 'namespace',
  watches: ['*'],
  keysFor(change, ctx) {
    if (change.resource === 'namespaces') return change.object.metadata.deletionTimestamp && change.type !== 'DELETED' ? [change.name] : [];
    if (!change.namespace) return [];
    const ns = ctx.store.get('namespaces', '', change.namespace);
    return ns?.metadata.deletionTimestamp ? [change.namespace] : [];
  },
  reconcile(key, ctx) {
    const ns = ctx.store.get('namespaces', '', key);
    if (!ns?.metadata.deletionTimestamp) return { ops: [] };
    return { ops: finalizeNamespace(ctx, ns) };
  },
  resync(ctx) {
    return ctx.store.list('namespaces').filter((e) => e.obj.metadata.deletionTimestamp).map((e) => e.obj.metadata.name!);
  },
};
