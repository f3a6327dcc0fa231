/**
 * Server-side Table printing (meta.k8s.io/v1 Table) for `kubectl get`.
 *
 * Like kube-apiserver's TableConvertor (pkg/printers/storage), rows always carry the
 * wide (`-o wide`) cells and all column definitions are returned; kubectl hides the
 * priority-1 columns itself. Kinds without an upstream printer get the generic
 * NAME / CREATED AT table (k8s.io/apiserver/pkg/registry/rest/table.go).
 */
import { DOC } from './descriptions';
import { NAME_COLUMN, col, nameOf, parseTime, type ColumnDefinition, type TablePrinter, type TableRow } from './helpers';
import { podPrinter } from './pods';
import { corePrinters } from './core';
import { eventPrinter } from './events';
import { coreStoragePrinters, storagePrinters } from './storage';
import { appsPrinters } from './apps';
import { batchPrinters } from './batch';
import { autoscalingPrinters } from './autoscaling';
import { discoveryPrinters, networkingPrinters } from './networking';
import { rbacPrinters } from './rbac';
import { exercisePrinters } from './exercises';
import {
  admissionPrinters, certificatesPrinters, coordinationPrinters, nodePrinters, policyPrinters, schedulingPrinters,
} from './misc';
import { admissionPolicyPrinters, apiregistrationPrinters, flowcontrolPrinters } from './extensions';
import { csiPrinters, serviceAddressPrinters } from './csi';

export type { ColumnDefinition, RowCondition, TableRow, TablePrinter } from './helpers';
export { humanDuration } from './helpers';

/** Printers per API group, then per plural resource. */
const PRINTERS: Record<string, Record<string, TablePrinter>> = {
  '': { pods: podPrinter, events: eventPrinter, ...corePrinters, ...coreStoragePrinters },
  apps: appsPrinters,
  batch: batchPrinters,
  autoscaling: autoscalingPrinters,
  'networking.k8s.io': { ...networkingPrinters, ...serviceAddressPrinters },
  'discovery.k8s.io': discoveryPrinters,
  'storage.k8s.io': { ...storagePrinters, ...csiPrinters },
  'rbac.authorization.k8s.io': rbacPrinters,
  'coordination.k8s.io': coordinationPrinters,
  policy: policyPrinters,
  'events.k8s.io': { events: eventPrinter },
  'scheduling.k8s.io': schedulingPrinters,
  'node.k8s.io': nodePrinters,
  'admissionregistration.k8s.io': { ...admissionPrinters, ...admissionPolicyPrinters },
  'apiregistration.k8s.io': apiregistrationPrinters,
  'flowcontrol.apiserver.k8s.io': flowcontrolPrinters,
  'certificates.k8s.io': certificatesPrinters,
  'kubeplay.dev': exercisePrinters,
};

/** RFC3339 in UTC without fractional seconds, as Go's time.Format(time.RFC3339) on a UTC time. */
function rfc3339(ts: unknown): string {
  const t = parseTime(ts);
  if (t === undefined) return '0001-01-01T00:00:00Z';
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The generic convertor: Name + Created At (type date). */
const defaultPrinter: TablePrinter = {
  columns: [NAME_COLUMN, col('Created At', 'date', DOC.creationTimestamp)],
  row: (o) => ({ cells: [nameOf(o), rfc3339(o?.metadata?.creationTimestamp)] }),
};

/** The printer serving `resource` in `group` ("" for core), or undefined when the default table applies. */
export function printerFor(resource: string, group: string): TablePrinter | undefined {
  return PRINTERS[group]?.[resource];
}

/**
 * Builds a Table for `objects` of `resource` (plural) in `group` ("" = core), with
 * durations (AGE, LAST SEEN, …) computed against `now`. Column definitions are fresh
 * copies; rows hold cells in column order (wide cells included) and, for pods, the
 * Completed row condition. Unknown resources get the NAME / CREATED AT table.
 */
export function printTable(
  resource: string,
  group: string,
  objects: any[],
  now: Date,
): { columnDefinitions: ColumnDefinition[]; rows: TableRow[] } {
  const printer = printerFor(resource, group) ?? defaultPrinter;
  return {
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows: objects.map((o) => printer.row(o, now)),
  };
}
