/**
 * What a CustomResourceDefinition serves, in the shape of the resource catalog: one ResourceDef
 * per CRD whose names are accepted (as the apiextensions-apiserver's crdHandler serves a CRD
 * once NamesAccepted or Established is True), with what each version says of itself (schema,
 * printer columns, status and scale subresources) kept in `custom`.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ResourceDef, Verb } from '../catalog';
import { sortKubeAwareVersions } from './versions';

/** One additionalPrinterColumns entry of a version. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** The scale subresource's paths (CustomResourceSubresourceScale). */
export interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** One version of a custom resource, as its CRD defines it. */
export interface CustomResourceVersion {
  name: string;
  served: boolean;
  storage: boolean;
  /** spec.versions[].schema.openAPIV3Schema. */
  schema?: Record<string, unknown>;
  /** The printer columns, with upstream's default Age column when the CRD names none. */
  columns: PrinterColumn[];
  status: boolean;
  scale?: ScalePaths;
  deprecated: boolean;
  deprecationWarning?: string;
  /** `selectableFields`: the field selector names (`spec.color`) of this version. */
  selectableFields: string[];
}

/** What a served custom resource keeps of its CRD. */
export interface CustomResourceServing {
  /** The CRD's name (`<plural>.<group>`) and uid. */
  crd: string;
  uid: string;
  listKind: string;
  /** The CRD is being deleted: its objects can still be read and deleted, not created. */
  terminating: boolean;
  /** Every version of the CRD, served or not. */
  versions: CustomResourceVersion[];
}

const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The column a version without additionalPrinterColumns gets (serveDefaultColumnsIfEmpty). */
export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  jsonPath: '.metadata.creationTimestamp',
};

/** A CRD condition of `type`, if set. */
export function crdCondition(crd: KubeObject, type: string): { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string } | undefined {
  return (crd.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

/** Whether a condition of the CRD is True. */
export function crdConditionTrue(crd: KubeObject, type: string): boolean {
  return crdCondition(crd, type)?.status === 'True';
}

/** Whether the API serves the CRD's resource: its names are accepted, or it is established. */
export function isServedCRD(crd: KubeObject): boolean {
  return crdConditionTrue(crd, 'NamesAccepted') || crdConditionTrue(crd, 'Established');
}

function versionOfSpec(v: any): CustomResourceVersion {
  const columns: PrinterColumn[] = Array.isArray(v.additionalPrinterColumns) && v.additionalPrinterColumns.length ? v.additionalPrinterColumns : [AGE_COLUMN];
  const scale = v.subresources?.scale;
  return {
    name: String(v.name),
    served: v.served === true,
    storage: v.storage === true,
    schema: v.schema?.openAPIV3Schema,
    columns,
    status: !!v.subresources && v.subresources.status !== undefined && v.subresources.status !== null,
    scale: scale ? { specReplicasPath: scale.specReplicasPath, statusReplicasPath: scale.statusReplicasPath, ...(scale.labelSelectorPath ? { labelSelectorPath: scale.labelSelectorPath } : {}) } : undefined,
    deprecated: v.deprecated === true,
    selectableFields: (Array.isArray(v.selectableFields) ? v.selectableFields : []).map((f: { jsonPath?: unknown }) => String(f?.jsonPath ?? '').replace(/^\./, '')).filter(Boolean),
    ...(typeof v.deprecationWarning === 'string' ? { deprecationWarning: v.deprecationWarning } : {}),
  };
}

/**
 * The ResourceDef a CRD serves, or undefined while it is not served (names not accepted) or
 * serves no version. Its versions are the served ones in kube-aware order, the first preferred;
 * names come from status.acceptedNames, as upstream serves them.
 */
export function customResourceDef(crd: KubeObject): ResourceDef | undefined {
  if (!isServedCRD(crd)) return undefined;
  const spec = crd.spec ?? {};
  const accepted = crd.status?.acceptedNames ?? {};
  const versions: CustomResourceVersion[] = (spec.versions ?? []).map(versionOfSpec);
  const served = sortKubeAwareVersions(versions.filter((v) => v.served).map((v) => v.name));
  if (!served.length || !accepted.kind) return undefined;
  const storage = versions.find((v) => v.storage)?.name ?? served[0];
  const withStatus = versions.some((v) => v.served && v.status);
  const withScale = versions.some((v) => v.served && v.scale);
  const kind = String(accepted.kind);
  const def: ResourceDef = {
    group: String(spec.group),
    versions: served,
    resource: String(spec.names?.plural ?? accepted.plural),
    kind,
    singular: String(accepted.singular ?? kind.toLowerCase()),
    namespaced: spec.scope !== 'Cluster',
    verbs: ALL_VERBS,
    storageVersion: storage,
    custom: {
      crd: crd.metadata.name!,
      uid: crd.metadata.uid ?? '',
      listKind: String(accepted.listKind ?? `${kind}List`),
      terminating: !!crd.metadata.deletionTimestamp || crdConditionTrue(crd, 'Terminating'),
      versions,
    },
  };
  if (Array.isArray(accepted.shortNames) && accepted.shortNames.length) def.shortNames = accepted.shortNames;
  if (Array.isArray(accepted.categories) && accepted.categories.length) def.categories = accepted.categories;
  const subs: NonNullable<ResourceDef['subresources']> = [];
  if (withScale) subs.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  if (withStatus) subs.push({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });
  if (subs.length) def.subresources = subs;
  return def;
}

/** The version `name` of a custom resource. */
export function customVersion(def: ResourceDef, name: string): CustomResourceVersion | undefined {
  return def.custom?.versions.find((v) => v.name === name);
}

/**
 * The subresources of one served version: built-in kinds have the same in every version; a
 * custom resource's versions each enable status and scale or not.
 */
export function subresourcesOf(def: ResourceDef, version: string): NonNullable<ResourceDef['subresources']> {
  const subs = def.subresources ?? [];
  if (!def.custom) return subs;
  const v = customVersion(def, version);
  return subs.filter((s) => (s.name === 'status' ? v?.status : s.name === 'scale' ? !!v?.scale : true));
}
