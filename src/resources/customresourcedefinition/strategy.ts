/**
 * The CustomResourceDefinition strategy, after apiextensions-apiserver's
 * pkg/registry/customresourcedefinition/strategy.go: v1 defaults (singular, listKind,
 * conversion None), a status the server keeps (storedVersions gains the storage version), a
 * generation that moves with the spec, and the upstream validation.
 */
import type { StatusStrategy, Strategy } from '../strategy';
import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';
import { validateCustomResourceDefinition, validateCustomResourceDefinitionStatus, validateCustomResourceDefinitionUpdate } from './validation';

/** The storage version's name, recorded in status.storedVersions (IsStoredVersion upstream). */
function recordStorageVersion(crd: KubeObject): void {
  const storage = (crd.spec?.versions ?? []).find((v: any) => v?.storage === true);
  if (!storage) return;
  crd.status ??= {};
  const stored: string[] = Array.isArray(crd.status.storedVersions) ? crd.status.storedVersions : [];
  if (!stored.includes(storage.name)) crd.status.storedVersions = [...stored, storage.name];
}

/** SetDefaults_CustomResourceDefinitionSpec. */
function defaultSpec(crd: KubeObject): void {
  const spec = crd.spec;
  if (!spec || typeof spec !== 'object') return;
  const names = spec.names;
  if (names && typeof names === 'object') {
    if (!names.singular && typeof names.kind === 'string') names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
  // The v1 Go types always carry `served` and `storage` (booleans without omitempty).
  for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
    if (!v || typeof v !== 'object') continue;
    v.served ??= false;
    v.storage ??= false;
  }
}

/** A new CRD's status: no conditions yet, empty accepted names (kind and plural are not omitempty). */
function emptyStatus(): Record<string, unknown> {
  return { acceptedNames: { plural: '', kind: '' }, storedVersions: [] };
}

export const customResourceDefinitionStrategy: Strategy = {
  defaults(crd) {
    defaultSpec(crd);
  },
  prepareForCreate(crd) {
    crd.status = emptyStatus();
    crd.metadata.generation = 1;
    recordStorageVersion(crd);
  },
  prepareForUpdate(crd, old) {
    crd.status = structuredClone(old.status ?? emptyStatus());
    if (!jsonEqual(crd.spec, old.spec)) crd.metadata.generation = (old.metadata.generation ?? 1) + 1;
    recordStorageVersion(crd);
  },
  validate: validateCustomResourceDefinition,
  validateUpdate: validateCustomResourceDefinitionUpdate,
};

/** The status subresource (the naming, establishing and finalizer controllers write it). */
export const customResourceDefinitionStatusStrategy: StatusStrategy = {
  prepareForUpdate(crd, old) {
    for (const k of Object.keys(crd)) if (!['status', 'metadata', 'apiVersion', 'kind'].includes(k)) delete crd[k];
    for (const k of Object.keys(old)) if (!['status', 'metadata', 'apiVersion', 'kind'].includes(k)) crd[k] = structuredClone(old[k]);
    crd.metadata.labels = structuredClone(old.metadata.labels);
    crd.metadata.annotations = structuredClone(old.metadata.annotations);
    for (const k of ['labels', 'annotations']) if (crd.metadata[k] === undefined) delete crd.metadata[k];
    if (old.metadata.generation !== undefined) crd.metadata.generation = old.metadata.generation;
  },
  validateUpdate: (crd) => validateCustomResourceDefinitionStatus(crd),
};
