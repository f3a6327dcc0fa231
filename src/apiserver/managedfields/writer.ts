/**
 * Who a request writes as, for managedFields: the `fieldManager` query parameter, else the
 * program name of the User-Agent (prefixFromUserAgent upstream: "kubectl" of "kubectl/v1.33.1 …").
 */
import { apiVersionOf, storageVersionOf, type ResourceDef } from '../../resources/catalog';
import { badRequest } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest } from '../registry/context';
import { decodeManagedFields, encodeManagedFields, updateManagedFields, MAX_FIELD_MANAGER_LENGTH, type ManagedEntry, type Writer } from './manager';
import { rootType, type FieldType } from './schema';
import { customMergeType } from '../../resources/customresource/schema';

/** The field manager of a request; a 400 when the given one is too long. */
export function managerOf(req: ApiRequest): string {
  const given = req.query.get('fieldManager');
  if (given !== null && given !== '') {
    if (given.length > MAX_FIELD_MANAGER_LENGTH) throw badRequest(`fieldManager: Too long: may not be more than ${MAX_FIELD_MANAGER_LENGTH} bytes`);
    return given;
  }
  const ua = req.headers.get('user-agent') ?? '';
  return ua.split('/')[0].slice(0, MAX_FIELD_MANAGER_LENGTH) || 'unknown';
}

/** The writer of a request at `now`, through `subresource` (default: the request's). */
export function writerOf(req: ApiRequest, now: Date, subresource = req.info.subresource): Writer {
  return { manager: managerOf(req), apiVersion: apiVersionOf(req.def.group, req.info.apiVersion || storageVersionOf(req.def)), subresource, now };
}

/** The merge type of a resource's storage version (a custom resource's from its CRD's schema). */
export function storageTypeOf(def: ResourceDef): FieldType | undefined {
  if (def.custom) return customMergeType(def);
  return rootType(apiVersionOf(def.group, storageVersionOf(def)), def.kind);
}

/** An object with the type meta of its storage version (controllers' objects may lack it). */
function typed(def: ResourceDef, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: apiVersionOf(def.group, storageVersionOf(def)), kind: def.kind };
}

/**
 * Set `obj`'s managedFields for this write: the given entries (server-side apply), or the
 * entries the write leaves, from the ones the client sent when it sent some that differ from the
 * stored ones (a client may reset them), else from the stored ones.
 */
export function recordManagedFields(req: ApiRequest, old: KubeObject | undefined, obj: KubeObject, now: Date, opts: { entries?: ManagedEntry[]; subresource?: string } = {}): void {
  let entries = opts.entries;
  if (!entries) {
    const sent = obj.metadata.managedFields;
    const base = decodeManagedFields(Array.isArray(sent) ? sent : old?.metadata.managedFields);
    // A custom resource's type from its CRD (undefined: the built-in kind's, by default).
    const t = req.def.custom ? customMergeType(req.def) : undefined;
    entries = updateManagedFields(old && typed(req.def, old), typed(req.def, obj), base, writerOf(req, now, opts.subresource), t);
  }
  const encoded = encodeManagedFields(entries);
  if (encoded.length) obj.metadata.managedFields = encoded;
  else delete obj.metadata.managedFields;
}
