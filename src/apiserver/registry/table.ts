import { printTable } from '../tables';
import { printCustomTable } from '../tables/custom';
import { customVersion, AGE_COLUMN } from '../../resources/customresource/serving';
import type { KubeObject } from '../types';
import type { ApiRequest } from './context';

/** Does the Accept header ask for a meta.k8s.io Table (as `kubectl get` does)? */
export function wantsTable(accept: string | null): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/** PartialObjectMetadata of an object, the `object` of a Table row (includeObject=Metadata). */
export function partialMetadata(obj: KubeObject) {
  const { managedFields: _m, ...metadata } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

/** The Table answering a get or list of these objects, with the kind's real columns. */
export function tableOf(req: ApiRequest, objects: KubeObject[], metadata: Record<string, string>, now: Date) {
  const include = req.query.get('includeObject') ?? 'Metadata';
  const printed = req.def.custom
    ? printCustomTable(customVersion(req.def, req.info.apiVersion)?.columns ?? [AGE_COLUMN], objects, now)
    : printTable(req.def.resource, req.def.group, objects, now);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: printed.columnDefinitions,
    rows: printed.rows.map((r, i) => ({
      cells: r.cells,
      object: include === 'None' ? undefined : include === 'Object' ? objects[i] : partialMetadata(objects[i]),
    })),
  };
}
