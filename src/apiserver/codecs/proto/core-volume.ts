/**
 * Wire tables for core/v1 volume sources and PersistentVolumeClaim (k8s.io/api/core/v1).
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** core/v1 volume sources and PersistentVolumeClaim (k8s.io/api/core/v1). */
export const coreVolume: MessageTable = {
  'core.LocalObjectReference': { name: [1, 'string', 'o'] },
  'core.VolumeSource': {
    hostPath: [1, 'core.HostPathVolumeSource', 'po'], emptyDir: [2, 'core.EmptyDirVolumeSource', 'po'],
    gcePersistentDisk: [3, 'core.GCEPersistentDiskVolumeSource', 'po'],
    awsElasticBlockStore: [4, 'core.AWSElasticBlockStoreVolumeSource', 'po'],
    gitRepo: [5, 'core.GitRepoVolumeSource', 'po'], secret: [6, 'core.SecretVolumeSource', 'po'],
    nfs: [7, 'core.NFSVolumeSource', 'po'], iscsi: [8, 'core.ISCSIVolumeSource', 'po'],
    glusterfs: [9, 'core.GlusterfsVolumeSource', 'po'],
    persistentVolumeClaim: [10, 'core.PersistentVolumeClaimVolumeSource', 'po'],
    rbd: [11, 'core.RBDVolumeSource', 'po'], flexVolume: [12, 'core.FlexVolumeSource', 'po'],
    cinder: [13, 'core.CinderVolumeSource', 'po'], cephfs: [14, 'core.CephFSVolumeSource', 'po'],
    flocker: [15, 'core.FlockerVolumeSource', 'po'], downwardAPI: [16, 'core.DownwardAPIVolumeSource', 'po'],
    fc: [17, 'core.FCVolumeSource', 'po'], azureFile: [18, 'core.AzureFileVolumeSource', 'po'],
    configMap: [19, 'core.ConfigMapVolumeSource', 'po'],
    vsphereVolume: [20, 'core.VsphereVirtualDiskVolumeSource', 'po'], quobyte: [21, 'core.QuobyteVolumeSource', 'po'],
    azureDisk: [22, 'core.AzureDiskVolumeSource', 'po'],
    photonPersistentDisk: [23, 'core.PhotonPersistentDiskVolumeSource', 'po'],
    projected: [26, 'core.ProjectedVolumeSource', 'po'], portworxVolume: [24, 'core.PortworxVolumeSource', 'po'],
    scaleIO: [25, 'core.ScaleIOVolumeSource', 'po'], storageos: [27, 'core.StorageOSVolumeSource', 'po'],
    csi: [28, 'core.CSIVolumeSource', 'po'], ephemeral: [29, 'core.EphemeralVolumeSource', 'po'],
    image: [30, 'core.ImageVolumeSource', 'po'],
  },
  'core.HostPathVolumeSource': { path: [1, 'string'], type: [2, 'string', 'po'] },
  'core.EmptyDirVolumeSource': {
    medium: [1, 'string', 'o'], sizeLimit: [2, 'Quantity', 'po'], mode: [3, 'int32', 'po'],
  },
  'core.GCEPersistentDiskVolumeSource': {
    pdName: [1, 'string'], fsType: [2, 'string', 'o'], partition: [3, 'int32', 'o'], readOnly: [4, 'bool', 'o'],
  },
  'core.AWSElasticBlockStoreVolumeSource': {
    volumeID: [1, 'string'], fsType: [2, 'string', 'o'], partition: [3, 'int32', 'o'], readOnly: [4, 'bool', 'o'],
  },
  'core.GitRepoVolumeSource': {
    repository: [1, 'string'], revision: [2, 'string', 'o'], directory: [3, 'string', 'o'],
  },
  'core.SecretVolumeSource': {
    secretName: [1, 'string', 'o'], items: [2, 'core.KeyToPath', 'ro'], defaultMode: [3, 'int32', 'po'],
    optional: [4, 'bool', 'po'], defaultUser: [5, 'int64', 'po'],
  },
  'core.KeyToPath': { key: [1, 'string'], path: [2, 'string'], mode: [3, 'int32', 'po'], user: [4, 'int64', 'po'] },
  'core.NFSVolumeSource': { server: [1, 'string'], path: [2, 'string'], readOnly: [3, 'bool', 'o'] },
  'core.ISCSIVolumeSource': {
    targetPortal: [1, 'string'], iqn: [2, 'string'], lun: [3, 'int32'], iscsiInterface: [4, 'string', 'o'],
    fsType: [5, 'string', 'o'], readOnly: [6, 'bool', 'o'], portals: [7, 'string', 'ro'],
    chapAuthDiscovery: [8, 'bool', 'o'], chapAuthSession: [11, 'bool', 'o'],
    secretRef: [10, 'core.LocalObjectReference', 'po'], initiatorName: [12, 'string', 'po'],
  },
  'core.GlusterfsVolumeSource': { endpoints: [1, 'string'], path: [2, 'string'], readOnly: [3, 'bool', 'o'] },
  'core.PersistentVolumeClaimVolumeSource': { claimName: [1, 'string'], readOnly: [2, 'bool', 'o'] },
  'core.RBDVolumeSource': {
    monitors: [1, 'string', 'r'], image: [2, 'string'], fsType: [3, 'string', 'o'], pool: [4, 'string', 'o'],
    user: [5, 'string', 'o'], keyring: [6, 'string', 'o'], secretRef: [7, 'core.LocalObjectReference', 'po'],
    readOnly: [8, 'bool', 'o'],
  },
  'core.FlexVolumeSource': {
    driver: [1, 'string'], fsType: [2, 'string', 'o'], secretRef: [3, 'core.LocalObjectReference', 'po'],
    readOnly: [4, 'bool', 'o'], options: [5, 'map:string:string', 'o'],
  },
  'core.CinderVolumeSource': {
    volumeID: [1, 'string'], fsType: [2, 'string', 'o'], readOnly: [3, 'bool', 'o'],
    secretRef: [4, 'core.LocalObjectReference', 'po'],
  },
  'core.CephFSVolumeSource': {
    monitors: [1, 'string', 'r'], path: [2, 'string', 'o'], user: [3, 'string', 'o'], secretFile: [4, 'string', 'o'],
    secretRef: [5, 'core.LocalObjectReference', 'po'], readOnly: [6, 'bool', 'o'],
  },
  'core.FlockerVolumeSource': { datasetName: [1, 'string', 'o'], datasetUUID: [2, 'string', 'o'] },
  'core.DownwardAPIVolumeSource': {
    items: [1, 'core.DownwardAPIVolumeFile', 'ro'], defaultMode: [2, 'int32', 'po'], defaultUser: [3, 'int64', 'po'],
  },
  'core.DownwardAPIVolumeFile': {
    path: [1, 'string'], fieldRef: [2, 'core.ObjectFieldSelector', 'po'],
    resourceFieldRef: [3, 'core.ResourceFieldSelector', 'po'], mode: [4, 'int32', 'po'], user: [5, 'int64', 'po'],
  },
  'core.ObjectFieldSelector': { apiVersion: [1, 'string', 'o'], fieldPath: [2, 'string'] },
  'core.ResourceFieldSelector': {
    containerName: [1, 'string', 'o'], resource: [2, 'string'], divisor: [3, 'Quantity', 'o'],
  },
  'core.FCVolumeSource': {
    targetWWNs: [1, 'string', 'ro'], lun: [2, 'int32', 'po'], fsType: [3, 'string', 'o'], readOnly: [4, 'bool', 'o'],
    wwids: [5, 'string', 'ro'],
  },
  'core.AzureFileVolumeSource': { secretName: [1, 'string'], shareName: [2, 'string'], readOnly: [3, 'bool', 'o'] },
  'core.ConfigMapVolumeSource': {
    '...localObjectReference': [1, 'core.LocalObjectReference'], items: [2, 'core.KeyToPath', 'ro'],
    defaultMode: [3, 'int32', 'po'], optional: [4, 'bool', 'po'], defaultUser: [5, 'int64', 'po'],
  },
  'core.VsphereVirtualDiskVolumeSource': {
    volumePath: [1, 'string'], fsType: [2, 'string', 'o'], storagePolicyName: [3, 'string', 'o'],
    storagePolicyID: [4, 'string', 'o'],
  },
  'core.QuobyteVolumeSource': {
    registry: [1, 'string'], volume: [2, 'string'], readOnly: [3, 'bool', 'o'], user: [4, 'string', 'o'],
    group: [5, 'string', 'o'], tenant: [6, 'string', 'o'],
  },
  'core.AzureDiskVolumeSource': {
    diskName: [1, 'string'], diskURI: [2, 'string'], cachingMode: [3, 'string', 'po'], fsType: [4, 'string', 'po'],
    readOnly: [5, 'bool', 'po'], kind: [6, 'string', 'po'],
  },
  'core.PhotonPersistentDiskVolumeSource': { pdID: [1, 'string'], fsType: [2, 'string', 'o'] },
  'core.ProjectedVolumeSource': {
    sources: [1, 'core.VolumeProjection', 'r'], defaultMode: [2, 'int32', 'po'], defaultUser: [3, 'int64', 'po'],
  },
  'core.VolumeProjection': {
    secret: [1, 'core.SecretProjection', 'po'], downwardAPI: [2, 'core.DownwardAPIProjection', 'po'],
    configMap: [3, 'core.ConfigMapProjection', 'po'],
    serviceAccountToken: [4, 'core.ServiceAccountTokenProjection', 'po'],
    clusterTrustBundle: [5, 'core.ClusterTrustBundleProjection', 'po'],
    podCertificate: [6, 'core.PodCertificateProjection', 'po'],
  },
  'core.SecretProjection': {
    '...localObjectReference': [1, 'core.LocalObjectReference'], items: [2, 'core.KeyToPath', 'ro'],
    optional: [4, 'bool', 'po'],
  },
  'core.DownwardAPIProjection': { items: [1, 'core.DownwardAPIVolumeFile', 'ro'] },
  'core.ConfigMapProjection': {
    '...localObjectReference': [1, 'core.LocalObjectReference'], items: [2, 'core.KeyToPath', 'ro'],
    optional: [4, 'bool', 'po'],
  },
  'core.ServiceAccountTokenProjection': {
    audience: [1, 'string', 'o'], expirationSeconds: [2, 'int64', 'po'], path: [3, 'string'],
    user: [4, 'int64', 'po'],
  },
  'core.ClusterTrustBundleProjection': {
    name: [1, 'string', 'po'], signerName: [2, 'string', 'po'], labelSelector: [3, 'meta.LabelSelector', 'po'],
    optional: [5, 'bool', 'po'], path: [4, 'string'], user: [6, 'int64', 'po'],
  },
  'core.PodCertificateProjection': {
    signerName: [1, 'string', 'o'], keyType: [2, 'string', 'o'], maxExpirationSeconds: [3, 'int32', 'po'],
    credentialBundlePath: [4, 'string', 'o'], keyPath: [5, 'string', 'o'], certificateChainPath: [6, 'string', 'o'],
    userAnnotations: [7, 'map:string:string', 'o'], user: [8, 'int64', 'po'],
  },
  'core.PortworxVolumeSource': { volumeID: [1, 'string'], fsType: [2, 'string', 'o'], readOnly: [3, 'bool', 'o'] },
  'core.ScaleIOVolumeSource': {
    gateway: [1, 'string'], system: [2, 'string'], secretRef: [3, 'core.LocalObjectReference', 'p'],
    sslEnabled: [4, 'bool', 'o'], protectionDomain: [5, 'string', 'o'], storagePool: [6, 'string', 'o'],
    storageMode: [7, 'string', 'o'], volumeName: [8, 'string', 'o'], fsType: [9, 'string', 'o'],
    readOnly: [10, 'bool', 'o'],
  },
  'core.StorageOSVolumeSource': {
    volumeName: [1, 'string', 'o'], volumeNamespace: [2, 'string', 'o'], fsType: [3, 'string', 'o'],
    readOnly: [4, 'bool', 'o'], secretRef: [5, 'core.LocalObjectReference', 'po'],
  },
  'core.CSIVolumeSource': {
    driver: [1, 'string'], readOnly: [2, 'bool', 'po'], fsType: [3, 'string', 'po'],
    volumeAttributes: [4, 'map:string:string', 'o'], nodePublishSecretRef: [5, 'core.LocalObjectReference', 'po'],
  },
  'core.EphemeralVolumeSource': { volumeClaimTemplate: [1, 'core.PersistentVolumeClaimTemplate', 'po'] },
  'core.PersistentVolumeClaimTemplate': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.PersistentVolumeClaimSpec'],
  },
  'core.PersistentVolumeClaimSpec': {
    accessModes: [1, 'string', 'ro'], selector: [4, 'meta.LabelSelector', 'po'],
    resources: [2, 'core.VolumeResourceRequirements', 'o'], volumeName: [3, 'string', 'o'],
    storageClassName: [5, 'string', 'po'], volumeMode: [6, 'string', 'po'],
    dataSource: [7, 'core.TypedLocalObjectReference', 'po'], dataSourceRef: [8, 'core.TypedObjectReference', 'po'],
    volumeAttributesClassName: [9, 'string', 'po'],
  },
  'core.VolumeResourceRequirements': {
    limits: [1, 'map:string:Quantity', 'o'], requests: [2, 'map:string:Quantity', 'o'],
  },
  'core.TypedLocalObjectReference': { apiGroup: [1, 'string', 'p'], kind: [2, 'string'], name: [3, 'string'] },
  'core.TypedObjectReference': {
    apiGroup: [1, 'string', 'p'], kind: [2, 'string'], name: [3, 'string'], namespace: [4, 'string', 'po'],
  },
  'core.ImageVolumeSource': { reference: [1, 'string', 'o'], pullPolicy: [2, 'string', 'o'] },
  'core.VolumeHealthCondition': { status: [1, 'string'], reason: [2, 'string'], message: [3, 'string', 'o'] },
  'core.PersistentVolumeClaim': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'core.PersistentVolumeClaimSpec', 'o'],
    status: [3, 'core.PersistentVolumeClaimStatus', 'o'],
  },
  'core.PersistentVolumeClaimStatus': {
    phase: [1, 'string', 'o'], accessModes: [2, 'string', 'ro'], capacity: [3, 'map:string:Quantity', 'o'],
    conditions: [4, 'core.PersistentVolumeClaimCondition', 'ro'], allocatedResources: [5, 'map:string:Quantity', 'o'],
    allocatedResourceStatuses: [7, 'map:string:string', 'o'], currentVolumeAttributesClassName: [8, 'string', 'po'],
    modifyVolumeStatus: [9, 'core.ModifyVolumeStatus', 'po'], healthStatus: [10, 'core.VolumeHealthStatus', 'po'],
  },
  'core.PersistentVolumeClaimCondition': {
    type: [1, 'string'], status: [2, 'string'], lastProbeTime: [3, 'Time', 'o'], lastTransitionTime: [4, 'Time', 'o'],
    reason: [5, 'string', 'o'], message: [6, 'string', 'o'],
  },
  'core.ModifyVolumeStatus': { targetVolumeAttributesClassName: [1, 'string', 'o'], status: [2, 'string'] },
  'core.VolumeHealthStatus': {
    healthConditions: [1, 'core.VolumeHealthCondition', 'ro'], lastTransitionTime: [2, 'Time', 'o'],
  },
};
