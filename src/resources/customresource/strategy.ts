/**
 * The strategy of every custom resource, after apiextensions-apiserver's
 * pkg/registry/customresource/strategy.go: defaults from the schema, generation 1 on create
 * and one more when anything but metadata (and status, with the status subresource) changes,
 * status kept from the stored object when the status subresource is on, and validation
 * against the version's schema.
 */
import type { StatusStrategy, Strategy } from '../strategy';
import type { ResourceDef } from '../catalog';
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';
import { customVersion } from './serving';
import { customResourceErrors, customStatusErrors, defaultCustomResource, versionOfObject } from './schema';

/** Whether the version (the object's, by default) has the status subresource. */
function statusEnabled(def: ResourceDef, obj: KubeObject, version = versionOfObject(obj)): boolean {
  return !!(version && customVersion(def, version)?.status);
}

/** The object without metadata (and status, when it is a subresource): what bumps generation. */
function generationContent(obj: KubeObject, withStatus: boolean): Record<string, unknown> {
  const { metadata: _m, status, ...rest } = obj;
  return withStatus ? rest : { ...rest, status };
}

/** The strategy of a custom resource's objects written through `version` (the storage one by default). */
export function customResourceStrategy(def: ResourceDef, version?: string): Strategy {
  return {
    defaults: (obj) => defaultCustomResource(def, obj, version),
    prepareForCreate(obj) {
      if (statusEnabled(def, obj, version)) delete obj.status;
      obj.metadata.generation = 1;
    },
    prepareForUpdate(obj, old) {
      const withStatus = statusEnabled(def, obj, version);
      if (withStatus) {
        if (old.status !== undefined) obj.status = structuredClone(old.status);
        else delete obj.status;
      }
      const changed = !jsonEqual(generationContent(obj, withStatus), generationContent(old, withStatus));
      obj.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
    },
    validate: (obj) => customResourceErrors(def, obj, undefined, version),
    validateUpdate: (obj, old) => customResourceErrors(def, obj, old, version),
  };
}

/** The status subresource: everything but status from the stored object, status validated. */
export function customResourceStatusStrategy(def: ResourceDef, version?: string): StatusStrategy {
  return {
    prepareForUpdate(obj, old) {
      const status = obj.status;
      const managedFields = obj.metadata.managedFields;
      for (const k of Object.keys(obj)) delete obj[k];
      Object.assign(obj, structuredClone(old));
      if (managedFields !== undefined) obj.metadata.managedFields = managedFields;
      else delete obj.metadata.managedFields;
      if (status !== undefined) obj.status = status;
      else delete obj.status;
    },
    validateUpdate: (obj, old) => customStatusErrors(def, obj, old, version),
  };
}
