/**
 * Core (v1) tables other than pods, events and volumes: services, endpoints, namespaces,
 * nodes, configmaps, secrets, serviceaccounts, podtemplates, replicationcontrollers and
 * resourcequotas and componentstatuses. Columns and cells follow upstream pkg/printers/internalversion/printers.go (v1.33).
 */
import { DOC } from './descriptions';
import {
  AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, age, col, containerCells, formatLabels,
  int, joinHostPort, nameOf, type TablePrinter,
} from './helpers';
import { formatQuantity } from './quantity';

/** Load-balancer ingress points: IPs (else hostnames), de-duplicated and sorted (sets.String). */
export function loadBalancerIngress(ingress: any[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i?.ip) set.add(i.ip);
    else if (i?.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

/** getServiceExternalIP with wide=true (the server never clips to 16 chars). */
function serviceExternalIP(svc: any): string {
  const spec = svc?.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc?.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `port/proto` or `port:nodePort/proto`, comma-joined. */
function servicePorts(ports: any[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const proto = p?.protocol ?? 'TCP';
      return p?.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p?.port}/${proto}`;
    })
    .join(',');
}

const services: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Type', 'string', DOC.svcType),
    col('Cluster-IP', 'string', DOC.svcClusterIP),
    col('External-IP', 'string', DOC.svcExternalIPs),
    col('Port(s)', 'string', DOC.svcPorts),
    AGE_COLUMN,
    col('Selector', 'string', DOC.svcSelector, 1),
  ],
  row(svc, now) {
    const spec = svc?.spec ?? {};
    const clusterIP = spec.clusterIPs?.[0] || spec.clusterIP || '<none>';
    return {
      cells: [
        nameOf(svc), spec.type ?? '', clusterIP, serviceExternalIP(svc), servicePorts(spec.ports) || '<none>',
        age(svc, now), formatLabels(spec.selector),
      ],
    };
  },
};

/** formatEndpoints(ports=nil): up to 3 `ip:port` entries then ` + N more...`; `<none>` without subsets. */
function formatEndpoints(subsets: any[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss?.addresses ?? [];
    const ports: any[] = ss?.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) if (list.length < max) list.push(a?.ip ?? '');
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) if (list.length < max) list.push(joinHostPort(a?.ip ?? '', p?.port ?? 0));
    }
  }
  const joined = list.join(',');
  return count > max ? `${joined} + ${count - max} more...` : joined;
}

const endpoints: TablePrinter = {
  columns: [NAME_COLUMN, col('Endpoints', 'string', DOC.epSubsets), AGE_COLUMN],
  row: (o, now) => ({ cells: [nameOf(o), formatEndpoints(o?.subsets), age(o, now)] }),
};

const namespaces: TablePrinter = {
  columns: [NAME_COLUMN, col('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  row: (o, now) => ({ cells: [nameOf(o), o?.status?.phase ?? '', age(o, now)] }),
};

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted, unique. */
function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: any, type: string): string {
  const a = ((node?.status?.addresses ?? []) as any[]).find((x) => x?.type === type);
  return a ? a.address : '<none>';
}

/** Node STATUS: `Ready`/`NotReady`/`Unknown`, plus `SchedulingDisabled` when cordoned. */
function nodeStatus(node: any): string {
  const parts: string[] = [];
  let readyCond: any;
  for (const c of (node?.status?.conditions ?? []) as any[]) if (c?.type === 'Ready') readyCond = c;
  if (readyCond) parts.push(readyCond.status === 'True' ? 'Ready' : 'NotReady');
  else parts.push('Unknown');
  if (node?.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

const nodes: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    col('Version', 'string', DOC.kubeletVersion),
    col('Internal-IP', 'string', DOC.nodeAddresses, 1),
    col('External-IP', 'string', DOC.nodeAddresses, 1),
    col('OS-Image', 'string', DOC.osImage, 1),
    col('Kernel-Version', 'string', DOC.kernelVersion, 1),
    col('Container-Runtime', 'string', DOC.containerRuntimeVersion, 1),
  ],
  row(node, now) {
    const info = node?.status?.nodeInfo ?? {};
    return {
      cells: [
        nameOf(node), nodeStatus(node), nodeRoles(node?.metadata?.labels), age(node, now), info.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

const count = (m: unknown) => (m && typeof m === 'object' ? Object.keys(m).length : 0);

const configmaps: TablePrinter = {
  columns: [NAME_COLUMN, col('Data', 'string', DOC.cmData), AGE_COLUMN],
  row: (o, now) => ({ cells: [nameOf(o), count(o?.data) + count(o?.binaryData), age(o, now)] }),
};

const secrets: TablePrinter = {
  columns: [NAME_COLUMN, col('Type', 'string', DOC.secretType), col('Data', 'string', DOC.secretData), AGE_COLUMN],
  // stringData is write-only (merged into data on write), so only data is counted, as upstream
  row: (o, now) => ({ cells: [nameOf(o), o?.type ?? '', count(o?.data), age(o, now)] }),
};

const serviceaccounts: TablePrinter = {
  columns: [NAME_COLUMN, col('Secrets', 'string', DOC.saSecrets), AGE_COLUMN],
  row: (o, now) => ({ cells: [nameOf(o), (o?.secrets ?? []).length, age(o, now)] }),
};

const podtemplates: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Containers', 'string', 'Names of each container in the template.'),
    col('Images', 'string', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row(o) {
    const [names, images] = containerCells(o?.template?.spec?.containers);
    return { cells: [nameOf(o), names, images, formatLabels(o?.template?.metadata?.labels)] };
  },
};

const replicationcontrollers: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', DOC.rcSpecReplicas),
    col('Current', 'integer', DOC.rcStatusReplicas),
    col('Ready', 'integer', DOC.rcStatusReady),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.rcSpecSelector, 1),
  ],
  row(o, now) {
    const [names, images] = containerCells(o?.spec?.template?.spec?.containers);
    const desired = o?.spec?.replicas ?? 1; // defaulted to 1 on write
    return {
      cells: [
        nameOf(o), int(desired), int(o?.status?.replicas), int(o?.status?.readyReplicas), age(o, now),
        names, images, formatLabels(o?.spec?.selector),
      ],
    };
  },
};

/** REQUEST/LIMIT cells: `name: used/hard` sorted by name; `limits.*` go to LIMIT. */
function quotaCells(rq: any): [string, string] {
  const hard: Record<string, unknown> = rq?.status?.hard ?? {};
  const used: Record<string, unknown> = rq?.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? lim : req;
    target.push(`${name}: ${formatQuantity(used[name])}/${formatQuantity(hard[name])}`);
  }
  return [req.join(', '), lim.join(', ')];
}

const resourcequotas: TablePrinter = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  row(o, now) {
    const [req, lim] = quotaCells(o);
    return { cells: [nameOf(o), age(o, now), req, lim] };
  },
};

/** Core printers keyed by plural resource name (pods and events live in their own files). */
/** printComponentStatus: the Healthy condition's status, message and error. */
const componentstatuses: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'Status of the component conditions'),
    col('Message', 'string', 'Message of the component conditions'),
    col('Error', 'string', 'Error of the component conditions'),
  ],
  row: (c) => {
    const healthy = (c?.conditions ?? []).find((x: any) => x?.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return { cells: [nameOf(c), status, healthy?.message ?? '', healthy?.error ?? ''] };
  },
};

export const corePrinters: Record<string, TablePrinter> = {
  componentstatuses,
  services,
  endpoints,
  namespaces,
  nodes,
  configmaps,
  secrets,
  serviceaccounts,
  podtemplates,
  replicationcontrollers,
  resourcequotas,
};
