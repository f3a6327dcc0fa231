/**
 * networking.k8s.io tables (ingresses, ingressclasses, networkpolicies) and
 * discovery.k8s.io endpointslices, per upstream printers.go (v1.33).
 */
import { DOC } from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, age, col, formatLabelSelector, listWithMore, nameOf, type TablePrinter } from './helpers';
import { loadBalancerIngress } from './core';

/** formatHosts: up to 3 rule hosts then ` + N more...` (N counts all rules); `*` when none. */
function formatHosts(rules: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && r?.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const joined = list.join(',');
  return more ? `${joined} + ${(rules ?? []).length - max} more...` : joined;
}

const ingresses: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  row(ing, now) {
    const spec = ing?.spec ?? {};
    return {
      cells: [
        nameOf(ing), spec.ingressClassName ?? '<none>', formatHosts(spec.rules),
        loadBalancerIngress(ing?.status?.loadBalancer?.ingress), (spec.tls ?? []).length > 0 ? '80, 443' : '80',
        age(ing, now),
      ],
    };
  },
};

const ingressclasses: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    AGE_COLUMN,
  ],
  row(ic, now) {
    const p = ic?.spec?.parameters;
    let parameters = '<none>';
    if (p) parameters = `${p.kind ?? ''}${p.apiGroup != null ? '.' + p.apiGroup : ''}/${p.name ?? ''}`;
    return { cells: [nameOf(ic), ic?.spec?.controller ?? '', parameters, age(ic, now)] };
  },
};

const networkpolicies: TablePrinter = {
  columns: [NAME_COLUMN, col('Pod-Selector', 'string', DOC.npPodSelector), AGE_COLUMN],
  // podSelector is a required struct upstream; a missing one prints like an empty selector
  row: (np, now) => ({ cells: [nameOf(np), formatLabelSelector(np?.spec?.podSelector ?? {}), age(np, now)] }),
};

const endpointslices: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('AddressType', 'string', DOC.esAddressType),
    col('Ports', 'string', DOC.esPorts),
    col('Endpoints', 'string', DOC.esEndpoints),
    AGE_COLUMN,
  ],
  row(es, now) {
    const ports: any[] = es?.ports ?? [];
    const portList = ports.map((p) => (p?.port != null ? String(p.port) : p?.name != null ? String(p.name) : '*'));
    const addrs: string[] = [];
    for (const ep of (es?.endpoints ?? []) as any[]) for (const a of (ep?.addresses ?? []) as string[]) addrs.push(a);
    return {
      cells: [
        nameOf(es), es?.addressType ?? '', listWithMore(portList, portList.length, 3),
        listWithMore(addrs, addrs.length, 3), age(es, now),
      ],
    };
  },
};

/** networking.k8s.io printers keyed by plural. */
export const networkingPrinters: Record<string, TablePrinter> = { ingresses, ingressclasses, networkpolicies };
/** discovery.k8s.io printers keyed by plural. */
export const discoveryPrinters: Record<string, TablePrinter> = { endpointslices };
