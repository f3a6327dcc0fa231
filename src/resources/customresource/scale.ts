/**
 * The scale subresource of a custom resource (pkg/registry/customresource's ScaleREST): the
 * replicas and selector sit where the CRD's scale paths (`.spec.replicas`, `.status.replicas`,
 * `.status.selector`) point.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ScalePaths } from './serving';

function segments(path: string): string[] {
  return path.replace(/^\./, '').split('.').filter(Boolean);
}

/** The value at a simple JSON path (`.spec.replicas`), if any. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: any = obj;
  for (const s of segments(path)) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[s];
  }
  return cur;
}

/** Set the value at a simple JSON path, making the objects on the way. */
export function setPath(obj: Record<string, any>, path: string, value: unknown): void {
  const segs = segments(path);
  let cur = obj;
  for (const s of segs.slice(0, -1)) {
    if (!cur[s] || typeof cur[s] !== 'object' || Array.isArray(cur[s])) cur[s] = {};
    cur = cur[s];
  }
  cur[segs[segs.length - 1]] = value;
}

const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

/** The autoscaling/v1 Scale of a custom resource. */
export function customScaleOf(obj: KubeObject, paths: ScalePaths): KubeObject {
  const selector = paths.labelSelectorPath ? getPath(obj, paths.labelSelectorPath) : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: count(getPath(obj, paths.specReplicasPath)) },
    status: { replicas: count(getPath(obj, paths.statusReplicasPath)), ...(typeof selector === 'string' && selector ? { selector } : {}) },
  };
}
