/**
 * The string-format checks of k8s.io/apimachinery/pkg/util/validation that spec validation needs
 * (DNS labels, qualified names, label values, port names, config keys, env var names, IPs).
 * Each returns upstream's messages; an empty list means valid. Kept private to the strategies
 * (the store has its own copy for metadata) so the two can evolve independently.
 */
import { invalid, type FieldError } from '../../apiserver/field-errors';

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const DNS1035_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const ENV_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const full = (f: string) => new RegExp(`^${f}$`);

/** `must be no more than N characters` (validation.MaxLenError). */
export const maxLen = (n: number) => `must be no more than ${n} characters`;

/** IsDNS1123Label. */
export function dns1123Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!full(LABEL_FMT).test(v)) {
    out.push(`a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${LABEL_FMT}')`);
  }
  return out;
}

/** IsDNS1123Subdomain. */
export function dns1123Subdomain(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push(maxLen(253));
  if (!full(SUBDOMAIN_FMT).test(v)) {
    out.push(`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN_FMT}')`);
  }
  return out;
}

/** IsDNS1035Label (Service names, port names of Services). */
export function dns1035Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!full(DNS1035_FMT).test(v)) {
    out.push(`a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_FMT}')`);
  }
  return out;
}

const QNAME_ERR = `must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QNAME_FMT}')`;

/** IsQualifiedName: `[prefix/]name` as label keys and finalizers use. */
export function qualifiedName(v: string): string[] {
  const parts = v.split('/');
  let name = v;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) out.push('prefix part must be non-empty');
    else for (const m of dns1123Subdomain(prefix)) out.push(`prefix part ${m}`);
  } else if (parts.length > 2) {
    return [`a qualified name ${QNAME_ERR} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else if (name.length > 63) out.push(`name part ${maxLen(63)}`);
  if (!full(QNAME_FMT).test(name)) out.push(`name part ${QNAME_ERR}`);
  return out;
}

/** IsValidLabelValue. */
export function labelValue(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!full(LABEL_VALUE_FMT).test(v)) {
    out.push(`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE_FMT}')`);
  }
  return out;
}

/** ValidateLabels (metav1 validation): errors on the map's own path, as upstream reports them. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels || typeof labels !== 'object') return errs;
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const m of qualifiedName(k)) errs.push(invalid(path, k, m));
    for (const m of labelValue(String(v))) errs.push(invalid(path, v, m));
  }
  return errs;
}

/** IsValidPortName (IANA_SVC_NAME). */
export function portName(v: string): string[] {
  const out: string[] = [];
  if (v.length > 15) out.push(maxLen(15));
  if (!/^[-a-z0-9]+$/.test(v)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.includes('--')) out.push('must not contain consecutive hyphens');
  if (v.length > 0 && (v.startsWith('-') || v.endsWith('-'))) out.push('must not begin or end with a hyphen');
  return out;
}

/** IsValidPortNum. */
export function portNum(v: number): string[] {
  return Number.isInteger(v) && v >= 1 && v <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IsConfigMapKey: keys of ConfigMap/Secret data. */
export function configMapKey(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push(maxLen(253));
  if (!full(CONFIG_KEY_FMT).test(v)) {
    out.push(`a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '${CONFIG_KEY_FMT}')`);
  }
  if (v === '.') out.push("must not be '.'");
  else if (v === '..') out.push("must not be '..'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** IsEnvVarName. */
export function envVarName(v: string): string[] {
  const out: string[] = [];
  if (!full(ENV_FMT).test(v)) {
    out.push(`a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '${ENV_FMT}')`);
  }
  if (v === '.') out.push("must not be '.'");
  else if (v === '..') out.push("must not be '..'");
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** True for a dotted-quad IPv4 or an IPv6 address. */
export function isIP(v: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(v)) return v.split('.').every((p) => Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
  if (!v.includes(':')) return false;
  try {
    new URL(`http://[${v}]/`);
    return true;
  } catch {
    return false;
  }
}

/** The IP message of ValidateIPAddress in 1.30. */
export const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** Errors of `msgs` turned into Invalid field errors on `path` with `value`. */
export function asInvalid(path: string, value: unknown, msgs: string[]): FieldError[] {
  return msgs.map((m) => invalid(path, value, m));
}
