/**
 * Tables of the API's own machinery, per upstream printers (v1.33): apiregistration.k8s.io
 * APIServices (kube-aggregator's table convertor), flowcontrol.apiserver.k8s.io FlowSchemas and
 * PriorityLevelConfigurations, and admissionregistration.k8s.io ValidatingAdmissionPolicies and
 * their bindings (pkg/printers/internalversion/printers.go).
 */
import { AGE_COLUMN, NAME_COLUMN, age, col, nameOf, type TablePrinter } from './helpers';

const apiservices: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    col('Available', 'string', 'Whether this service is available.'),
    AGE_COLUMN,
  ],
  row(a, now) {
    const svc = a?.spec?.service;
    const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
    // kube-aggregator: the Available condition's status, with its reason when not True.
    const cond = ((a?.status?.conditions ?? []) as any[]).find((c) => c?.type === 'Available');
    const available = !cond ? 'Unknown' : cond.status === 'True' ? 'True' : `${cond.status} (${cond.reason ?? ''})`;
    return { cells: [nameOf(a), service, available, age(a, now)] };
  },
};

const flowschemas: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('PriorityLevel', 'string', '`name` is the name of the priority level configuration being referenced Required.'),
    col('MatchingPrecedence', 'string', '`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default.'),
    col('DistinguisherMethod', 'string', '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string.'),
    AGE_COLUMN,
    col('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  row(fs, now) {
    const spec = fs?.spec ?? {};
    const dangling = ((fs?.status?.conditions ?? []) as any[]).find((c) => c?.type === 'Dangling');
    return {
      cells: [
        nameOf(fs), spec.priorityLevelConfiguration?.name ?? '', spec.matchingPrecedence ?? 0,
        spec.distinguisherMethod?.type ?? '<none>', age(fs, now), dangling ? dangling.status : '?',
      ],
    };
  },
};

const prioritylevelconfigurations: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Type', 'string', '`type` indicates whether this priority level is subject to limitation on request execution.  A value of `"Exempt"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `"Limited"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server\'s limited capacity is made available exclusively to this priority level. Required.'),
    col('NominalConcurrencyShares', 'string', '`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level.'),
    col('Queues', 'string', '`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64.'),
    col('HandSize', 'string', '`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request\'s flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.'),
    col('QueueLengthLimit', 'string', '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50.'),
    AGE_COLUMN,
  ],
  row(pl, now) {
    const limited = pl?.spec?.limited;
    const queuing = limited?.limitResponse?.queuing;
    const none = '<none>';
    return {
      cells: [
        nameOf(pl), pl?.spec?.type ?? '', limited ? (limited.nominalConcurrencyShares ?? 0) : none,
        queuing ? (queuing.queues ?? 0) : none, queuing ? (queuing.handSize ?? 0) : none,
        queuing ? (queuing.queueLengthLimit ?? 0) : none, age(pl, now),
      ],
    };
  },
};

const validatingadmissionpolicies: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
    col('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    AGE_COLUMN,
  ],
  row(p, now) {
    const kind = p?.spec?.paramKind;
    const paramKind = kind ? `${kind.apiVersion ?? ''}/${kind.kind ?? ''}` : '<unset>';
    return { cells: [nameOf(p), (p?.spec?.validations ?? []).length, paramKind, age(p, now)] };
  },
};

/** The ParamRef cell: `namespace/name`, `*\/name` when cluster-wide by name, or its selector. */
function paramRefCell(ref: any): string {
  if (!ref) return '<unset>';
  if (ref.name) return ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
  if (ref.selector) {
    const labels = Object.entries(ref.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
    return labels.join(',') || '<none>';
  }
  return '<unset>';
}

const validatingadmissionpolicybindings: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
    col('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configration param'),
    AGE_COLUMN,
  ],
  row: (b, now) => ({ cells: [nameOf(b), b?.spec?.policyName ?? '', paramRefCell(b?.spec?.paramRef), age(b, now)] }),
};

/** apiregistration.k8s.io printers keyed by plural. */
export const apiregistrationPrinters: Record<string, TablePrinter> = { apiservices };
/** flowcontrol.apiserver.k8s.io printers keyed by plural. */
export const flowcontrolPrinters: Record<string, TablePrinter> = { flowschemas, prioritylevelconfigurations };
/** The admission policy printers of admissionregistration.k8s.io, keyed by plural. */
export const admissionPolicyPrinters: Record<string, TablePrinter> = { validatingadmissionpolicies, validatingadmissionpolicybindings };
