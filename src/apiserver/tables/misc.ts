/**
 * Small tables from other groups: coordination.k8s.io leases, policy poddisruptionbudgets,
 * scheduling.k8s.io priorityclasses, node.k8s.io runtimeclasses, admissionregistration
 * webhook configurations and certificates.k8s.io CSRs, per upstream printers.go (v1.33).
 */
import { DOC } from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, age, col, humanDuration, int, nameOf, type TablePrinter } from './helpers';

const leases: TablePrinter = {
  columns: [NAME_COLUMN, col('Holder', 'string', DOC.leaseHolder), AGE_COLUMN],
  row: (l, now) => ({ cells: [nameOf(l), l?.spec?.holderIdentity ?? '', age(l, now)] }),
};

/** IntOrString.String(), or `N/A` when unset. */
const intOrString = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));

const poddisruptionbudgets: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  row: (p, now) => ({
    cells: [
      nameOf(p), intOrString(p?.spec?.minAvailable), intOrString(p?.spec?.maxUnavailable),
      int(p?.status?.disruptionsAllowed), age(p, now),
    ],
  }),
};

const priorityclasses: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Value', 'integer', DOC.pcValue),
    col('Global-Default', 'boolean', DOC.pcGlobalDefault),
    AGE_COLUMN,
    col('PreemptionPolicy', 'string', DOC.pcPreemption),
  ],
  row: (p, now) => ({ cells: [nameOf(p), int(p?.value), p?.globalDefault === true, age(p, now), p?.preemptionPolicy ?? ''] }),
};

const runtimeclasses: TablePrinter = {
  // upstream looks the Handler description up on ObjectMeta, which has no such field: it is empty
  columns: [NAME_COLUMN, col('Handler', 'string', ''), AGE_COLUMN],
  row: (r, now) => ({ cells: [nameOf(r), r?.handler ?? '', age(r, now)] }),
};

const webhookConfigurations: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'),
    AGE_COLUMN,
  ],
  row: (w, now) => ({ cells: [nameOf(w), (w?.webhooks ?? []).length, age(w, now)] }),
};

/** extractCSRStatus: Denied > Approved > Pending, then `,Failed` and `,Issued`. */
function csrCondition(csr: any): string {
  const types = new Set(((csr?.status?.conditions ?? []) as any[]).map((c) => c?.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr?.status?.certificate) status += ',Issued';
  return status;
}

const certificatesigningrequests: TablePrinter = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    col('SignerName', 'string', DOC.csrSigner),
    col('Requestor', 'string', DOC.csrRequest),
    col('RequestedDuration', 'string', DOC.csrExpiration),
    col('Condition', 'string', DOC.csrConditions),
  ],
  row(csr, now) {
    const spec = csr?.spec ?? {};
    const requested = typeof spec.expirationSeconds === 'number' ? humanDuration(spec.expirationSeconds * 1000) : '<none>';
    return { cells: [nameOf(csr), age(csr, now), spec.signerName || '<none>', spec.username ?? '', requested, csrCondition(csr)] };
  },
};

/** scheduling.k8s.io printers keyed by plural. */
export const schedulingPrinters: Record<string, TablePrinter> = { priorityclasses };
/** node.k8s.io printers keyed by plural. */
export const nodePrinters: Record<string, TablePrinter> = { runtimeclasses };
/** admissionregistration.k8s.io printers keyed by plural. */
export const admissionPrinters: Record<string, TablePrinter> = {
  mutatingwebhookconfigurations: webhookConfigurations,
  validatingwebhookconfigurations: webhookConfigurations,
};
/** certificates.k8s.io printers keyed by plural. */
export const certificatesPrinters: Record<string, TablePrinter> = { certificatesigningrequests };
/** coordination.k8s.io printers keyed by plural. */
export const coordinationPrinters: Record<string, TablePrinter> = { leases };
/** policy printers keyed by plural. */
export const policyPrinters: Record<string, TablePrinter> = { poddisruptionbudgets };
