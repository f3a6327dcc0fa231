import type { KubeObject } from '../../apiserver/types';
import { CLEANUP_FINALIZER, setCondition } from './conditions';

/**
 * The first delete of a CRD (apiextensions-apiserver's customresourcedefinition REST Delete):
 * it is marked with deletionTimestamp, gets the cleanup finalizer and the Terminating condition,
 * and stays until the finalizer controller has deleted its objects.
 */
export function markCRDForDeletion(crd: KubeObject, finalizers: string[], now: string): KubeObject {
  const marked = structuredClone(crd);
  marked.metadata.deletionTimestamp = now;
  marked.metadata.deletionGracePeriodSeconds = 0;
  marked.metadata.finalizers = finalizers.includes(CLEANUP_FINALIZER) ? finalizers : [...finalizers, CLEANUP_FINALIZER];
  marked.status = {
    ...(marked.status ?? {}),
    conditions: setCondition(marked.status?.conditions, { type: 'Terminating', status: 'True', reason: 'InstanceDeletionPending', message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon' }, now),
  };
  return marked;
}
