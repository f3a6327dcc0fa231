import type { WriteOp } from './storage';
import type { ClusterContext } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import { timestamp } from '../apiserver/registry/meta';
import { namespaceDefaults, SYSTEM_NAMESPACES } from '../resources/namespace/lifecycle';
import { strategies } from '../resources/strategies';
import { nodeNames, nodeObject, DEFAULT_NODES, type NodeSettings } from '../sim/nodes';
import { kubeSystemObjects } from '../sim/kube-system';
import { defaultStorageClass } from '../resources/storageclass/default-class';
import { bootstrapPolicyOps } from '../rbac/aggregation';
import { nginxIngressClass } from '../controllers/ingress/controller';
import { groups } from '../resources/catalog';
import { localAPIServices } from '../resources/apiservice/local';
import { systemPriorityClasses } from '../resources/priorityclass/system';
import { defaultFlowSchemas, defaultPriorityLevels } from '../resources/flowcontrol/bootstrap';
import { defaultServiceCIDR } from '../resources/servicecidr/default';
import { ipAddressFor, serviceClusterIPs } from '../resources/ipaddress/service-ips';
import { csiNodeFor } from '../resources/csinode/node';

/** Everything a new cluster starts with: namespaces, Services, nodes (`nodes`' shape) and kube-system. */
export function bootstrapCluster(ctx: ClusterContext & { caPem: string; random(): number }, nodes: NodeSettings = DEFAULT_NODES): WriteOp[] {
  const now = timestamp(ctx.now());
  const ops = bootstrapObjects(ctx, ctx.caPem);
  const names = nodeNames(nodes);
  names.forEach((name, i) => {
    const node = nodeObject(name, i, nodes, now);
    node.metadata.uid = crypto.randomUUID();
    node.metadata.creationTimestamp = now;
    ops.push({ op: 'put', resource: 'nodes', object: node });
    ops.push(withUid('csinodes.storage.k8s.io', csiNodeFor(node, now)));
  });
  for (const { resource, object } of kubeSystemObjects(names, () => crypto.randomUUID(), ctx.random)) {
    object.metadata.uid ??= crypto.randomUUID();
    object.metadata.creationTimestamp = now;
    strategies[resource]?.defaults?.(object);
    ops.push({ op: 'put', resource, object });
  }
  ops.push({ op: 'put', resource: 'storageclasses.storage.k8s.io', object: defaultStorageClass(crypto.randomUUID(), now) });
  ops.push({ op: 'put', resource: 'ingressclasses.networking.k8s.io', object: nginxIngressClass(crypto.randomUUID(), now) });
  ops.push(...bootstrapPolicyOps(ctx.now(), () => undefined));
  ops.push(...apiMachineryObjects(now, ops));
  return ops;
}

const withUid = (resource: string, object: KubeObject): WriteOp => {
  object.metadata.uid = crypto.randomUUID();
  return { op: 'put', resource, object };
};

/**
 * What kube-apiserver's post-start hooks create: the local APIServices, the system
 * PriorityClasses, the API Priority and Fairness defaults, the `kubernetes` ServiceCIDR and an
 * IPAddress for each ClusterIP among the Services in `ops`.
 */
function apiMachineryObjects(now: string, ops: WriteOp[]): WriteOp[] {
  const out: WriteOp[] = [];
  for (const o of localAPIServices(groups(), now)) out.push(withUid('apiservices.apiregistration.k8s.io', o));
  for (const o of systemPriorityClasses(now)) out.push(withUid('priorityclasses.scheduling.k8s.io', o));
  for (const o of defaultPriorityLevels(now)) out.push(withUid('prioritylevelconfigurations.flowcontrol.apiserver.k8s.io', o));
  for (const o of defaultFlowSchemas(now)) out.push(withUid('flowschemas.flowcontrol.apiserver.k8s.io', o));
  out.push(withUid('servicecidrs.networking.k8s.io', defaultServiceCIDR(now)));
  for (const w of ops) {
    if (w.op !== 'put' || w.resource !== 'services') continue;
    for (const ip of serviceClusterIPs(w.object)) out.push(withUid('ipaddresses.networking.k8s.io', ipAddressFor(w.object, ip, now)));
  }
  return out;
}

/**
 * The objects a fresh kubeadm cluster has before anyone touches it: its namespaces (with their
 * default ServiceAccounts and root-CA ConfigMaps), the `kubernetes` and `kube-dns` Services.
 */
export function bootstrapObjects(ctx: ClusterContext, caPem: string): WriteOp[] {
  const now = timestamp(ctx.now());
  const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
    name,
    ...(namespace ? { namespace } : {}),
    uid: crypto.randomUUID(),
    creationTimestamp: now,
    ...extra,
  });
  const ops: WriteOp[] = [];
  const put = (resource: string, object: KubeObject) => {
    strategies[resource]?.defaults?.(object);
    ops.push({ op: 'put', resource, object });
  };
  for (const ns of SYSTEM_NAMESPACES) {
    put('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(ns, undefined, { labels: { 'kubernetes.io/metadata.name': ns } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  for (const ns of SYSTEM_NAMESPACES) ops.push(...namespaceDefaults(ctx, ns, caPem));
  put('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kubernetes', 'default', { labels: { component: 'apiserver', provider: 'kubernetes' } }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
  put('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kube-dns', 'kube-system', {
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
  return ops;
}
