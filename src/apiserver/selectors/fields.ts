/**
 * Field selectors (the `fieldSelector` query parameter) as k8s.io/apimachinery pkg/fields parses
 * them — `a=b`, `a==b`, `a!=b`, `,` for AND, `\` escaping `\`, `,` and `=` in values — plus the
 * fields each built-in resource exposes (upstream: AddFieldLabelConversionFunc in
 * pkg/apis/<group>/v1/conversion.go and the GetAttrs/ToSelectableFields of each registry strategy).
 */
import { SelectorError } from './labels.js';

export { SelectorError };

/** One term: `field op value` with the value unescaped. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** A parsed field selector: its terms, ANDed. Empty selects everything. */
export type FieldSelector = FieldRequirement[];

/** fields.UnescapeValue, with upstream's errors (the rune is printed as its code point, as Go's %v does). */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.EscapeValue. */
export function escapeValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

function splitTerms(sel: string): string[] {
  if (sel.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(sel.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(sel.slice(start));
  return terms;
}

/**
 * fields.ParseSelector. Terms are sorted (as upstream sorts them). Throws SelectorError, e.g.
 * `invalid selector: 'foo'; can't understand 'foo'`.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort();
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { lhs: string; op: string; rhs: string } | undefined;
    for (let i = 0; i < part.length && !found; i++) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          found = { lhs: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break;
        }
      }
    }
    if (!found) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    requirements.push({ field: found.lhs, operator: found.op === '!=' ? '!=' : '=', value: unescapeValue(found.rhs) });
  }
  return requirements;
}

/** Whether `fields` satisfy every term (a missing field reads as ""). */
export function matchesFields(selector: FieldSelector, fields: Record<string, string>): boolean {
  return selector.every((r) => {
    const v = fields[r.field] ?? '';
    return r.operator === '=' ? v === r.value : v !== r.value;
  });
}

/** Selector.String(): `a=b,c!=d`, values escaped. */
export function fieldSelectorToString(selector: FieldSelector): string {
  return selector.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
}

/** The value `field` must equal when the selector pins it with `=` (RequiresExactMatch). */
export function requiresExactMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.find((r) => r.field === field && r.operator === '=')?.value;
}

type Extract = (o: any) => string;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const meta: Record<string, Extract> = {
  'metadata.name': (o) => str(o?.metadata?.name),
  'metadata.namespace': (o) => str(o?.metadata?.namespace),
};

interface ResourceFields {
  fields: Record<string, Extract>;
  /** Extra labels the conversion accepts but the strategy does not expose (they match as ""). */
  acceptedOnly?: string[];
  /** Message for an unsupported label. */
  error?: (label: string) => string;
}

const byResource: Record<string, ResourceFields> = {
  pods: {
    fields: {
      ...meta,
      'spec.nodeName': (o) => str(o?.spec?.nodeName),
      'spec.restartPolicy': (o) => str(o?.spec?.restartPolicy),
      'spec.schedulerName': (o) => str(o?.spec?.schedulerName),
      'spec.serviceAccountName': (o) => str(o?.spec?.serviceAccountName),
      'spec.hostNetwork': (o) => String(o?.spec?.hostNetwork === true),
      'status.phase': (o) => str(o?.status?.phase),
      'status.podIP': (o) => str(o?.status?.podIPs?.[0]?.ip ?? o?.status?.podIP),
      'status.nominatedNodeName': (o) => str(o?.status?.nominatedNodeName),
    },
    acceptedOnly: ['status.podIPs'],
  },
  nodes: {
    fields: { 'metadata.name': meta['metadata.name'], 'spec.unschedulable': (o) => String(o?.spec?.unschedulable === true) },
  },
  replicationcontrollers: { fields: { ...meta, 'status.replicas': (o) => str(o?.status?.replicas ?? 0) } },
  replicasets: { fields: { ...meta, 'status.replicas': (o) => str(o?.status?.replicas ?? 0) } },
  events: {
    fields: {
      ...meta,
      'involvedObject.kind': (o) => str(o?.involvedObject?.kind),
      'involvedObject.namespace': (o) => str(o?.involvedObject?.namespace),
      'involvedObject.name': (o) => str(o?.involvedObject?.name),
      'involvedObject.uid': (o) => str(o?.involvedObject?.uid),
      'involvedObject.apiVersion': (o) => str(o?.involvedObject?.apiVersion),
      'involvedObject.resourceVersion': (o) => str(o?.involvedObject?.resourceVersion),
      'involvedObject.fieldPath': (o) => str(o?.involvedObject?.fieldPath),
      reason: (o) => str(o?.reason),
      reportingComponent: (o) => str(o?.reportingComponent),
      source: (o) => str(o?.source?.component),
      type: (o) => str(o?.type),
    },
  },
  namespaces: { fields: { 'metadata.name': meta['metadata.name'], 'status.phase': (o) => str(o?.status?.phase) } },
  secrets: { fields: { ...meta, type: (o) => str(o?.type) } },
  services: {
    fields: { ...meta, 'spec.clusterIP': (o) => str(o?.spec?.clusterIP), 'spec.type': (o) => str(o?.spec?.type) },
  },
  jobs: {
    fields: { ...meta, 'status.successful': (o) => str(o?.status?.succeeded ?? 0) },
    error: (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
  },
  certificatesigningrequests: {
    fields: { 'metadata.name': meta['metadata.name'], 'spec.signerName': (o) => str(o?.spec?.signerName) },
  },
};

/** The field labels `resource` (plural, e.g. "pods") accepts in a field selector. */
export function supportedFields(resource: string): string[] {
  const r = byResource[resource];
  if (!r) return Object.keys(meta);
  return [...Object.keys(r.fields), ...(r.acceptedOnly ?? [])];
}

/**
 * Checks every term's field against `resource`; throws SelectorError with upstream's message:
 * `field label not supported: foo` for kinds with their own conversion, and
 * `"foo" is not a known field selector: only "metadata.name", "metadata.namespace"` for the rest.
 * `spec.host` on pods is rewritten to `spec.nodeName`, as upstream does for old clients.
 */
export function validateFieldSelector(resource: string, selector: FieldSelector): FieldSelector {
  const r = byResource[resource];
  const supported = new Set(supportedFields(resource));
  return selector.map((req) => {
    if (resource === 'pods' && req.field === 'spec.host') return { ...req, field: 'spec.nodeName' };
    if (!supported.has(req.field)) {
      if (!r) throw new SelectorError(`${JSON.stringify(req.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
      throw new SelectorError(r.error ? r.error(req.field) : `field label not supported: ${req.field}`);
    }
    return req;
  });
}

/** The selectable fields of `obj`, a `resource` (plural), as strings the selector compares against. */
export function fieldsOf(resource: string, obj: any): Record<string, string> {
  const r = byResource[resource];
  const extract = r ? r.fields : meta;
  const out: Record<string, string> = {};
  for (const [k, f] of Object.entries(extract)) out[k] = f(obj);
  return out;
}

/**
 * A custom resource version's field selector (its CRD's `selectableFields`, beside
 * metadata.name and metadata.namespace); other fields are refused as apiextensions-apiserver's
 * field label conversion does (`field label not supported: spec.colour`).
 */
export function validateCustomFieldSelector(selectable: string[], selector: FieldSelector): FieldSelector {
  for (const req of selector) {
    if (req.field !== 'metadata.name' && req.field !== 'metadata.namespace' && !selectable.includes(req.field)) throw new SelectorError(`field label not supported: ${req.field}`);
  }
  return selector;
}

/** The selectable fields of a custom object: each path's string, integer or boolean as text, "" when absent. */
export function customFieldsOf(selectable: string[], obj: any): Record<string, string> {
  const out: Record<string, string> = { 'metadata.name': obj?.metadata?.name ?? '', 'metadata.namespace': obj?.metadata?.namespace ?? '' };
  for (const path of selectable) {
    let v: any = obj;
    for (const part of path.split('.')) v = v && typeof v === 'object' ? v[part] : undefined;
    out[path] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  }
  return out;
}
