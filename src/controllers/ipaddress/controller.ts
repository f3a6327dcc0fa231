import type { Controller } from '../types';
import type { WriteOp } from '../../cluster/storage';
import { timestamp } from '../../apiserver/registry/meta';
import { heldBy, ipAddressFor, serviceClusterIPs } from '../../resources/ipaddress/service-ips';

const IPADDRESSES = 'ipaddresses.networking.k8s.io';

/**
 * The IPAddress records of Service ClusterIPs (the IPAddress allocator and its repair loop,
 * pkg/registry/core/service/ipallocator): every allocated ClusterIP has an IPAddress naming its
 * Service; one whose Service is gone, or no longer holds the address, is deleted. Keys are
 * Services (`namespace/name`); a changed IPAddress marks the Service it names.
 */
export const ipAddressController: Controller = {
  name: 'ipaddress',
  watches: ['services', IPADDRESSES],
  keysFor(change) {
    if (change.resource === 'services') return [`${change.namespace}/${change.name}`];
    const ref = change.object.spec?.parentRef;
    return ref?.resource === 'services' && !ref.group && ref.namespace && ref.name ? [`${ref.namespace}/${ref.name}`] : [];
  },
  reconcile(key, ctx) {
    const [namespace, name] = key.split('/');
    const svc = ctx.store.get('services', namespace, name);
    const want = new Set(svc && !svc.metadata.deletionTimestamp ? serviceClusterIPs(svc) : []);
    const ops: WriteOp[] = [];
    for (const { obj } of ctx.store.list(IPADDRESSES)) {
      if (!heldBy(obj, { namespace, name })) continue;
      if (want.has(obj.metadata.name!)) want.delete(obj.metadata.name!);
      else ops.push({ op: 'delete', resource: IPADDRESSES, object: obj });
    }
    for (const ip of want) {
      // An address another object already records is left alone (the allocator refused it).
      if (!svc || ctx.store.get(IPADDRESSES, '', ip)) continue;
      const record = ipAddressFor(svc, ip, timestamp(ctx.now()));
      record.metadata.uid = crypto.randomUUID();
      ops.push({ op: 'put', resource: IPADDRESSES, object: record });
    }
    return { ops };
  },
  resync(ctx) {
    const keys = new Set(ctx.store.list('services').map((e) => `${e.obj.metadata.namespace}/${e.obj.metadata.name}`));
    for (const { obj } of ctx.store.list(IPADDRESSES)) {
      const ref = obj.spec?.parentRef;
      if (ref?.resource === 'services' && ref.namespace && ref.name) keys.add(`${ref.namespace}/${ref.name}`);
    }
    return [...keys];
  },
};
