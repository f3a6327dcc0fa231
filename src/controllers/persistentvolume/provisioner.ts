/**
 * The simulated dynamic provisioner of the default StorageClass: rancher.io/local-path, as kind
 * ships it (sig-storage-lib-external-provisioner driving local-path-provisioner). For a claim
 * whose class names it, it creates the volume `pvc-<claim uid>`: a hostPath directory under
 * /var/local-path-provisioner on the claim's selected node, pinned there by node affinity,
 * pre-bound to the claim; the PV controller then completes the binding. With Immediate binding
 * (no node selected) it picks a schedulable node itself, where local-path would refuse.
 */
import type { KubeObject } from '../../apiserver/types';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, PV_PROTECTION, claimKey, claimRefOf } from './helpers';
import type { Plan, StorageView } from './plan';

/** The provisioner name of kind's `standard` class. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** The event source the external provisioner reports as (its leader identity). */
export const LOCAL_PATH_COMPONENT = 'rancher.io/local-path_local-path-provisioner-7dc846544d-x2vqt_6f1d4b7e-2c1b-4f0e-9d57-3a8c5e2b9f10';
/** local-path's own record of the node on the volumes it makes. */
const ANN_LOCAL_PATH_NODE = 'local.path.provisioner/selected-node';
const BASE_PATH = '/var/local-path-provisioner';

/** Whether this simulation provisions for `provisioner`. */
export function simulatedProvisioner(provisioner: string | undefined): boolean {
  return provisioner === LOCAL_PATH_PROVISIONER;
}

/** The name of the volume provisioned for a claim (the external-provisioner's `pvc-<uid>`). */
export function provisionedName(claim: KubeObject): string {
  return `pvc-${claim.metadata.uid}`;
}

function schedulableNode(view: StorageView): string | undefined {
  const ok = view.nodes().filter((n) => !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t: any) => t?.effect === 'NoSchedule' || t?.effect === 'NoExecute'));
  if (!ok.length) return undefined;
  return ok[Math.min(ok.length - 1, Math.floor(view.random() * ok.length))].metadata.name;
}

/** The PersistentVolume local-path makes for `claim` on `node`. */
export function localPathVolume(claim: KubeObject, sc: KubeObject, node: string): KubeObject {
  const name = provisionedName(claim);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { [ANN_LOCAL_PATH_NODE]: node, [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER },
      finalizers: [PV_PROTECTION],
    },
    spec: {
      accessModes: structuredClone(claim.spec?.accessModes ?? ['ReadWriteOnce']),
      capacity: { storage: claim.spec?.resources?.requests?.storage },
      claimRef: claimRefOf(claim),
      hostPath: { path: `${BASE_PATH}/${name}_${claim.metadata.namespace}_${claim.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(sc.mountOptions ? { mountOptions: structuredClone(sc.mountOptions) } : {}),
    },
  };
}

/**
 * Provision a volume for `claim` of class `sc` (the external provisioner's ProvisionClaim):
 * nothing when its volume already exists; otherwise the create and the Provisioning and
 * ProvisioningSucceeded events on the claim.
 */
export function provisionLocalPath(view: StorageView, plan: Plan, claim: KubeObject, sc: KubeObject): void {
  if (view.volume(provisionedName(claim))) return;
  const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  const node = selected ?? schedulableNode(view);
  if (!node) {
    plan.event(claim, 'Warning', 'ProvisioningFailed', 'failed to provision volume with StorageClass "' + sc.metadata.name + '": configuration error, no node was specified', LOCAL_PATH_COMPONENT);
    return;
  }
  plan.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${claimKey(claim)}"`, LOCAL_PATH_COMPONENT);
  plan.creates.push({ resource: 'persistentvolumes', object: localPathVolume(claim, sc, node) });
  plan.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${provisionedName(claim)}`, LOCAL_PATH_COMPONENT);
}
