/**
 * The admission attributes of a registry request (create, update, patch, apply, delete and
 * their subresources), for the ValidatingAdmissionPolicy plugin, and the plugin's run with its
 * warnings handed to the request.
 */
import type { ApiRequest, ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { convertOut } from '../../apiserver/registry/convert';
import type { AdmissionAttributes, GroupVersionKind, Operation } from './attributes';
import { admitByPolicies, BINDINGS_KEY } from './dispatcher';

export interface PolicyRequest {
  operation: Operation;
  object: KubeObject | null;
  oldObject: KubeObject | null;
  /** The subresource the policies see, when not the request's (`scale`). */
  subresource?: string;
  /** The kind of the subresource's objects (autoscaling/v1 Scale). */
  kind?: GroupVersionKind;
}

/** Build the attributes of `req` (objects in the request's version) and run the policies on them. */
export function admitRequestByPolicies(ctx: ClusterContext, req: ApiRequest, p: PolicyRequest): void {
  if (!ctx.store.list(BINDINGS_KEY).length) return;
  const { def, info } = req;
  const version = info.apiVersion || def.versions[0];
  const subresource = p.subresource ?? info.subresource;
  const versioned = (o: KubeObject | null) => (o && !p.kind ? convertOut(def, version, o) : o);
  const a: AdmissionAttributes = {
    operation: p.operation,
    resource: { group: def.group, version, resource: def.resource },
    kind: p.kind ?? { group: def.group, version, kind: def.kind },
    subresource,
    namespace: def.namespaced ? (p.object ?? p.oldObject)?.metadata.namespace ?? info.namespace : def.resource === 'namespaces' ? (p.object ?? p.oldObject)?.metadata.name ?? '' : '',
    name: (p.object ?? p.oldObject)?.metadata.name ?? info.name,
    object: versioned(p.object),
    oldObject: versioned(p.oldObject),
    user: req.user,
    dryRun: req.query.getAll('dryRun').includes('All'),
    namespaced: def.namespaced,
    equivalentVersions: def.versions,
  };
  const fieldManager = req.query.get('fieldManager');
  if (fieldManager && p.operation !== 'DELETE') a.options = { fieldManager };
  const outcome = admitByPolicies(ctx, a);
  if (outcome.warnings.length) req.warnings?.push(...outcome.warnings);
  if (req.auditAnnotations) Object.assign(req.auditAnnotations, outcome.annotations);
}
