/**
 * What custom resources take from their CRD's structural schemas: the checks of a CRD's schema,
 * validation (with x-kubernetes-validations CEL rules), pruning and defaulting of objects. The schema semantics live in
 * apiserver/schema/structural; this file only picks the schema of the right version.
 */
import type { FieldError } from '../../apiserver/field-errors';
import type { KubeObject } from '../../apiserver/types';
import type { ResourceDef } from '../catalog';
import { applyDefaults, checkStructural, prune, toMergeType, validateObject } from '../../apiserver/schema/structural';
import { celRules } from '../../apiserver/schema/structural/cel';
import type { FieldType } from '../../apiserver/managedfields/schema';
import { customVersion } from './serving';

/** The schema problems of one CRD version's openAPIV3Schema at `path`. */
export function checkVersionSchema(schema: Record<string, unknown>, path: string, statusEnabled: boolean): FieldError[] {
  return checkStructural(schema, path, { statusSubresource: statusEnabled, rules: celRules });
}

/** The schema of a custom resource's version (its storage version when none is named). */
export function schemaOf(def: ResourceDef, version?: string): Record<string, unknown> | undefined {
  return customVersion(def, version ?? def.storageVersion ?? def.versions[0])?.schema;
}

/** The version named by an object's apiVersion (`example.com/v1` → `v1`). */
export function versionOfObject(obj: KubeObject): string | undefined {
  const av = obj.apiVersion ?? '';
  return av.includes('/') ? av.slice(av.indexOf('/') + 1) : undefined;
}

/** Field errors of a custom resource against a version's schema (the object's by default; `old` on update). */
export function customResourceErrors(def: ResourceDef, obj: KubeObject, old?: KubeObject, version = versionOfObject(obj)): FieldError[] {
  const schema = schemaOf(def, version);
  return schema ? validateObject(schema, obj, old ? { old, rules: celRules } : { rules: celRules }) : [];
}

/** Field errors of a status update: `status` against the schema's `properties.status`. */
export function customStatusErrors(def: ResourceDef, obj: KubeObject, old: KubeObject, version = versionOfObject(obj)): FieldError[] {
  const schema = schemaOf(def, version) as { properties?: Record<string, Record<string, unknown>> } | undefined;
  const status = schema?.properties?.status;
  if (!status || obj.status === undefined) return [];
  return validateObject(status, obj.status, { fieldPath: 'status', old: old.status, rules: celRules });
}

/** Remove the fields the schema does not declare; returns their paths (`spec.foo`). */
export function pruneCustomResource(def: ResourceDef, obj: KubeObject): string[] {
  const schema = schemaOf(def, versionOfObject(obj));
  return schema ? prune(schema, obj) : [];
}

/** Fill a version's schema defaults in place (the object's version by default). */
export function defaultCustomResource(def: ResourceDef, obj: KubeObject, version = versionOfObject(obj)): void {
  const schema = schemaOf(def, version);
  if (schema) applyDefaults(schema, obj);
}

/** Merge types by schema object (a CRD's schemas live as long as its served def is unchanged). */
const mergeTypes = new WeakMap<object, FieldType>();

/** The server-side apply merge type of a custom resource's storage version. */
export function customMergeType(def: ResourceDef): FieldType | undefined {
  const schema = schemaOf(def);
  if (!schema) return undefined;
  let t = mergeTypes.get(schema);
  if (t === undefined) mergeTypes.set(schema, (t = toMergeType(schema)));
  return t;
}

/** Whether a schema sets a default anywhere (memoised per schema object). */
const withDefaults = new WeakMap<object, boolean>();
function hasDefaults(schema: Record<string, unknown>): boolean {
  let v = withDefaults.get(schema);
  if (v === undefined) withDefaults.set(schema, (v = /"default":/.test(JSON.stringify(schema))));
  return v;
}

/** Whether stored objects of a custom resource are defaulted when read (its storage schema has defaults). */
export function defaultsOnRead(def: ResourceDef): boolean {
  const schema = def.custom ? schemaOf(def) : undefined;
  return !!schema && hasDefaults(schema);
}

/**
 * A stored custom object as read: defaulted by its storage version's schema, as upstream
 * defaults what it reads from etcd (a copy when there is anything to default).
 */
export function readDefaulted(def: ResourceDef, obj: KubeObject): KubeObject {
  if (!defaultsOnRead(def)) return obj;
  const copy = structuredClone(obj);
  applyDefaults(schemaOf(def) as never, copy);
  return copy;
}
