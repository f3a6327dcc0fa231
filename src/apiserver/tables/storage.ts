/**
 * Volume tables: persistentvolumes, persistentvolumeclaims (core/v1) and
 * storageclasses (storage.k8s.io), per upstream printers.go (v1.33).
 */
import { DOC } from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, age, col, nameOf, type TablePrinter } from './helpers';
import { formatQuantity } from './quantity';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that fixed order, de-duplicated. */
export function accessModesString(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  const out: string[] = [];
  if (have.has('ReadWriteOnce')) out.push('RWO');
  if (have.has('ReadOnlyMany')) out.push('ROX');
  if (have.has('ReadWriteMany')) out.push('RWX');
  if (have.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** Storage class of a PV/PVC: the beta annotation wins over spec.storageClassName. */
function storageClassOf(o: any): string {
  const ann = o?.metadata?.annotations ?? {};
  if (BETA_CLASS_ANNOTATION in ann) return ann[BETA_CLASS_ANNOTATION];
  return o?.spec?.storageClassName ?? '';
}

const persistentvolumes: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Capacity', 'string', DOC.pvCapacity),
    col('Access Modes', 'string', DOC.pvAccessModes),
    col('Reclaim Policy', 'string', DOC.pvReclaim),
    col('Status', 'string', DOC.pvPhase),
    col('Claim', 'string', DOC.pvClaimRef),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', DOC.pvReason),
    AGE_COLUMN,
    col('VolumeMode', 'string', DOC.pvVolumeMode, 1),
  ],
  row(pv, now) {
    const spec = pv?.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = pv?.metadata?.deletionTimestamp ? 'Terminating' : (pv?.status?.phase ?? '');
    return {
      cells: [
        nameOf(pv), formatQuantity(spec.capacity?.storage), accessModesString(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? '', phase, claim, storageClassOf(pv),
        spec.volumeAttributesClassName ?? '<unset>', pv?.status?.reason ?? '', age(pv, now),
        spec.volumeMode ?? '<unset>',
      ],
    };
  },
};

const persistentvolumeclaims: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', DOC.pvcPhase),
    col('Volume', 'string', DOC.pvcVolumeName),
    col('Capacity', 'string', DOC.pvcCapacity),
    col('Access Modes', 'string', DOC.pvcAccessModes),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    col('VolumeMode', 'string', DOC.pvcVolumeMode, 1),
  ],
  row(pvc, now) {
    const spec = pvc?.spec ?? {};
    const phase = pvc?.metadata?.deletionTimestamp ? 'Terminating' : (pvc?.status?.phase ?? '');
    // capacity and access modes are only shown once the claim is bound to a volume
    const bound = !!spec.volumeName;
    return {
      cells: [
        nameOf(pvc), phase, spec.volumeName ?? '',
        bound ? formatQuantity(pvc?.status?.capacity?.storage) : '',
        bound ? accessModesString(pvc?.status?.accessModes) : '',
        storageClassOf(pvc), spec.volumeAttributesClassName ?? '<unset>', age(pvc, now), spec.volumeMode ?? '<unset>',
      ],
    };
  },
};

/** storageutil.IsDefaultAnnotation: GA or beta is-default-class annotation equal to "true". */
function isDefaultClass(sc: any): boolean {
  const ann = sc?.metadata?.annotations ?? {};
  return (
    ann['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

const storageclasses: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Provisioner', 'string', DOC.scProvisioner),
    col('ReclaimPolicy', 'string', DOC.scReclaim),
    col('VolumeBindingMode', 'string', DOC.scBinding),
    col('AllowVolumeExpansion', 'string', DOC.scExpansion),
    AGE_COLUMN,
  ],
  row(sc, now) {
    const name = nameOf(sc) + (isDefaultClass(sc) ? ' (default)' : '');
    return {
      cells: [
        name, sc?.provisioner ?? '', sc?.reclaimPolicy ?? 'Delete', sc?.volumeBindingMode ?? 'Immediate',
        sc?.allowVolumeExpansion === true, age(sc, now),
      ],
    };
  },
};

/** Core volume printers keyed by plural. */
export const coreStoragePrinters: Record<string, TablePrinter> = { persistentvolumes, persistentvolumeclaims };
/** storage.k8s.io printers keyed by plural. */
export const storagePrinters: Record<string, TablePrinter> = { storageclasses };
