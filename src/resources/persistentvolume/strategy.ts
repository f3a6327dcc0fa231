/**
 * PersistentVolumes (SetDefaults_PersistentVolume, ValidatePersistentVolume,
 * pkg/registry/core/persistentvolume/strategy.go): reclaim policy Retain, volumeMode
 * Filesystem, status.phase Pending; capacity/accessModes required; exactly one volume source.
 */
import { forbidden, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, clone, ensureObj, immutable, isObj, size } from '../podspec/common';
import { validateQuantity } from '../podspec/validate-resources';
import { asInvalid, dns1123Subdomain } from '../podspec/names';

/** Supported access modes, as NotSupported lists them. */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'local', 'storageos', 'csi',
];

/** Access-mode checks shared with claims. */
export function validateAccessModes(modes: unknown, path: string, requiredDetail = ''): FieldError[] {
  const list = arr(modes);
  if (list.length === 0) return [required(path, requiredDetail)];
  const errs = list.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupported(path, m, ACCESS_MODES));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validate(obj: Record<string, any>): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes');
  if (size(spec.capacity) === 0) errs.push(required('spec.capacity', ''));
  else {
    for (const [k, q] of Object.entries(spec.capacity)) {
      if (k !== 'storage') errs.push(notSupported('spec.capacity', k, ['storage']));
      else errs.push(...validateQuantity(k, q, 'spec.capacity[storage]'));
    }
  }
  const policies = ['Delete', 'Recycle', 'Retain'];
  if (spec.persistentVolumeReclaimPolicy && !policies.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, policies));
  }
  if (spec.volumeMode && !['Block', 'Filesystem'].includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  const set = PV_SOURCES.filter((k) => spec[k] != null);
  if (set.length === 0) errs.push(required('spec', 'must specify a volume type'));
  set.slice(1).forEach((k) => errs.push(forbidden(`spec.${k}`, 'may not specify more than 1 volume type')));
  if (isObj(spec.hostPath) && !spec.hostPath.path) errs.push(required('spec.hostPath.path', ''));
  if (isObj(spec.local) && !spec.local.path) errs.push(required('spec.local.path', ''));
  if (isObj(spec.nfs)) {
    if (!spec.nfs.server) errs.push(required('spec.nfs.server', ''));
    if (!spec.nfs.path) errs.push(required('spec.nfs.path', ''));
  }
  if (isObj(spec.local) && !isObj(spec.nodeAffinity)) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  if (spec.storageClassName) errs.push(...asInvalid('spec.storageClassName', spec.storageClassName, dns1123Subdomain(spec.storageClassName)));
  return errs;
}

/** The strategy of `persistentvolumes`. */
export const persistentVolumeStrategy: Strategy = {
  defaults(obj) {
    const spec = ensureObj(obj, 'spec');
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    ensureObj(obj, 'status').phase ||= 'Pending';
    if (isObj(spec.hostPath)) spec.hostPath.type ??= '';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
  },
  validate,
  validateUpdate(obj, old) {
    const errs = validate(obj);
    for (const k of PV_SOURCES) if (old.spec?.[k] != null) errs.push(...immutable(obj.spec?.[k], old.spec[k], `spec.persistentvolumesource`));
    errs.push(...immutable(obj.spec?.volumeMode, old.spec?.volumeMode, 'spec.volumeMode'));
    if (old.spec?.nodeAffinity) errs.push(...immutable(obj.spec?.nodeAffinity, old.spec.nodeAffinity, 'spec.nodeAffinity'));
    return errs.filter((e, i) => errs.findIndex((x) => x.field === e.field && x.detail === e.detail) === i);
  },
};
