/**
 * The CSINode the kubelet registers for its node (pkg/volume/csi/nodeinfomanager): owned by the
 * Node, with the in-tree plugins migrated to CSI in its annotation and no drivers until one
 * registers.
 */
import type { KubeObject } from '../../apiserver/types';

/** In-tree volume plugins whose CSI migration is on in v1.33. */
const MIGRATED_PLUGINS = 'kubernetes.io/aws-ebs,kubernetes.io/azure-disk,kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-volume,kubernetes.io/vsphere-volume';

/** The CSINode of `node`, created at `now`. */
export function csiNodeFor(node: KubeObject, now: string): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: {
      name: node.metadata.name,
      annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': MIGRATED_PLUGINS },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid! }],
      creationTimestamp: now,
    },
    spec: { drivers: null },
  };
}
