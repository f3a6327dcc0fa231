/**
 * CSI tables of storage.k8s.io (csidrivers, csinodes, csistoragecapacities, volumeattachments)
 * and the service-address tables of networking.k8s.io (servicecidrs, ipaddresses), per upstream
 * printers.go (v1.33).
 */
import { AGE_COLUMN, NAME_COLUMN, age, col, nameOf, type TablePrinter } from './helpers';
import { formatQuantity } from './quantity';

const csidrivers: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('AttachRequired', 'boolean', 'attachRequired indicates this CSI volume driver requires an attach operation (because it implements the CSI ControllerPublishVolume() method), and that the Kubernetes attach detach controller should call the attach volume interface which checks the volumeattachment status and waits until the volume is attached before proceeding to mounting.'),
    col('PodInfoOnMount', 'boolean', 'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations, if set to true.'),
    col('StorageCapacity', 'boolean', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report by creating CSIStorageCapacity objects with capacity information, if set to true.'),
    col('TokenRequests', 'string', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication.'),
    col('RequiresRepublish', 'boolean', 'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.'),
    col('Modes', 'string', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports. The default if the list is empty is "Persistent", which is the usage defined by the CSI specification and implemented in Kubernetes via the usual PV/PVC mechanism.'),
    AGE_COLUMN,
  ],
  row(d, now) {
    const spec = d?.spec ?? {};
    const tokens = ((spec.tokenRequests ?? []) as any[]).map((t) => t?.audience ?? '');
    const modes: string[] = spec.volumeLifecycleModes ?? [];
    return {
      cells: [
        nameOf(d), spec.attachRequired !== false, spec.podInfoOnMount === true, spec.storageCapacity === true,
        tokens.length ? tokens.join(',') : '<unset>', spec.requiresRepublish === true,
        modes.length ? modes.join(',') : '<none>', age(d, now),
      ],
    };
  },
};

const csinodes: TablePrinter = {
  columns: [NAME_COLUMN, col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), AGE_COLUMN],
  row: (n, now) => ({ cells: [nameOf(n), (n?.spec?.drivers ?? []).length, age(n, now)] }),
};

const csistoragecapacities: TablePrinter = {
  // upstream prints no AGE here
  columns: [
    NAME_COLUMN,
    col('StorageClassName', 'string', 'storageClassName represents the name of the StorageClass that the reported capacity applies to. It must meet the same requirements as the name of a StorageClass object (non-empty, DNS subdomain). If that object no longer exists, the CSIStorageCapacity object is obsolete and should be removed by its creator. This field is immutable.'),
    col('Capacity', 'string', 'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous fields.'),
  ],
  row: (c) => ({ cells: [nameOf(c), c?.storageClassName ?? '', c?.capacity === undefined ? '<unset>' : formatQuantity(c.capacity)] }),
};

const volumeattachments: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Attacher', 'string', 'attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName().', 0, 'name'),
    col('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
    col('Attached', 'boolean', 'attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher.'),
    AGE_COLUMN,
  ],
  row: (v, now) => ({
    cells: [nameOf(v), v?.spec?.attacher ?? '', v?.spec?.source?.persistentVolumeName ?? '', v?.spec?.nodeName ?? '', v?.status?.attached === true, age(v, now)],
  }),
};

const servicecidrs: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('CIDRs', 'string', 'CIDRs defines the IP blocks in CIDR notation (e.g. "192.168.0.0/24" or "2001:db8::/64") from which to assign service cluster IPs. Max of two CIDRs is allowed, one of each IP family. This field is immutable.'),
    AGE_COLUMN,
  ],
  row: (c, now) => ({ cells: [nameOf(c), ((c?.spec?.cidrs ?? []) as string[]).join(','), age(c, now)] }),
};

/** The ParentRef cell: `resource[.group]/[namespace/]name`, or `<none>`. */
function parentRefCell(ref: any): string {
  if (!ref) return '<none>';
  const gr = (ref.group ? `${ref.resource ?? ''}.${ref.group}` : (ref.resource ?? '')).toLowerCase();
  return `${gr}${ref.namespace ? `/${ref.namespace}` : ''}/${ref.name ?? ''}`;
}

const ipaddresses: TablePrinter = {
  // upstream prints no AGE here
  columns: [NAME_COLUMN, col('ParentRef', 'string', 'ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object.')],
  row: (ip) => ({ cells: [nameOf(ip), parentRefCell(ip?.spec?.parentRef)] }),
};

/** CSI printers of storage.k8s.io keyed by plural. */
export const csiPrinters: Record<string, TablePrinter> = { csidrivers, csinodes, csistoragecapacities, volumeattachments };
/** Service address printers of networking.k8s.io keyed by plural. */
export const serviceAddressPrinters: Record<string, TablePrinter> = { servicecidrs, ipaddresses };
