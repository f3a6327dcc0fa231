import { invalid as fieldInvalid, required, forbidden, type FieldError } from '../field-errors';
import type { KubeObject } from '../types';
import { isDNS1123Label, isDNS1123Subdomain, validateAnnotations, validateLabels } from '../validation/names';
import { pathSegmentNameErrors } from '../../rbac/validation';

/** RFC 3339 time at whole seconds, as metav1.Time serializes. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName + 5 random characters, as names.SimpleNameGenerator (base cut to 58). */
export function generateName(base: string): string {
  let suffix = '';
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  for (const b of bytes) suffix += NAME_CHARS[b % NAME_CHARS.length];
  return base.slice(0, 58) + suffix;
}

/** Kinds whose names are DNS labels rather than subdomains (upstream ValidateXName). */
const LABEL_NAMED = new Set(['namespaces', 'services', 'statefulsets.apps', 'cronjobs.batch']);

/**
 * ValidateObjectMeta: name (or generateName), namespace presence, labels, annotations,
 * ownerReferences and finalizers shapes.
 */
export function validateObjectMeta(obj: KubeObject, storageKey: string, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const name = m.name ?? '';
  if (!name) {
    if (!m.generateName) errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    // RBAC objects are named by path segments (ValidateRBACName): `system:basic-user`.
    const msgs = LABEL_NAMED.has(storageKey) ? isDNS1123Label(name) : storageKey.endsWith('.rbac.authorization.k8s.io') ? pathSegmentNameErrors(name) : isDNS1123Subdomain(name);
    for (const msg of msgs) errs.push(fieldInvalid('metadata.name', name, msg));
  }
  if (namespaced && !m.namespace) errs.push(required('metadata.namespace', ''));
  if (!namespaced && m.namespace) errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  if (m.labels !== undefined) errs.push(...validateLabels(m.labels, 'metadata.labels'));
  if (m.annotations !== undefined) errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  return errs;
}

/** Metadata a client may not change on update: kept from the stored object. */
export function keepServerMetadata(obj: KubeObject, old: KubeObject): void {
  obj.metadata.uid = old.metadata.uid;
  obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
  if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
  else delete obj.metadata.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  else delete obj.metadata.deletionGracePeriodSeconds;
  if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
  delete obj.metadata.generateName;
  if (old.metadata.generateName) obj.metadata.generateName = old.metadata.generateName;
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ak = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const bk = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => jsonEqual((a as any)[k], (b as any)[k]));
}
