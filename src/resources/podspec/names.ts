/**
 * The string-format checks of k8s.io/apimachinery/pkg/util/validation that spec validation needs.
 * DNS names, qualified names and label values come from the store's validators
 * (apiserver/validation/names) so metadata and spec report alike; port names, config keys, env
 * var names and IPs are here. Each returns upstream's messages; an empty list means valid.
 */
import { invalid, type FieldError } from '../../apiserver/field-errors';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  maxLenError,
  validateLabels as validateStoreLabels,
} from '../../apiserver/validation/names';

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const ENV_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const full = (f: string) => new RegExp(`^${f}$`);

/** `must be no more than N …` (content.MaxLenError, shared with the store). */
export const maxLen = maxLenError;
/** IsDNS1123Label. */
export const dns1123Label = isDNS1123Label;
/** IsDNS1123Subdomain. */
export const dns1123Subdomain = isDNS1123Subdomain;
/** IsDNS1035Label. */
export const dns1035Label = isDNS1035Label;
/** IsQualifiedName: `[prefix/]name` as label keys and finalizers use. */
export const qualifiedName = isQualifiedName;
/** IsValidLabelValue. */
export const labelValue = isValidLabelValue;

/** ValidateLabels (metav1 validation) for any JSON value: errors on the map's own path. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return [];
  const asStrings = Object.fromEntries(Object.entries(labels as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  return validateStoreLabels(asStrings, path);
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
