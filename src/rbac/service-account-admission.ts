/**
 * The ServiceAccount admission plugin's check (plugin/pkg/admission/serviceaccount): a new Pod's
 * service account must exist in its namespace; mirror pods are exempt.
 */
import type { ClusterContext } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import { forbidden } from '../apiserver/status';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** Refuse a Pod whose serviceAccountName names no ServiceAccount of its namespace. */
export function admitPodServiceAccount(ctx: Pick<ClusterContext, 'store'>, pod: KubeObject): void {
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return;
  const ns = pod.metadata.namespace ?? '';
  const sa = (pod as any).spec?.serviceAccountName || 'default';
  if (ctx.store.get('serviceaccounts', ns, sa)) return;
  throw forbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', `error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`);
}
