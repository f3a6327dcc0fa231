/** Claims, volumes, classes and an in-memory StorageView for the PV controller tests. */
import type { KubeObject } from '../../../src/apiserver/types';
import { Plan, type StorageView } from '../../../src/controllers/persistentvolume/plan';
import { defaultStorageClass } from '../../../src/resources/storageclass/default-class';

/** A claim in `default` (uid `uid-<name>`), 1Gi RWO, no class unless given. */
export function claim(name: string, opts: { class?: string | null; size?: string; modes?: string[]; volumeName?: string; selector?: any; annotations?: Record<string, string>; namespace?: string; phase?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: opts.namespace ?? 'default', uid: `uid-${name}`, resourceVersion: '7', annotations: { ...(opts.annotations ?? {}) }, finalizers: ['kubernetes.io/pvc-protection'] },
    spec: {
      accessModes: opts.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: opts.size ?? '1Gi' } },
      ...(opts.class !== undefined && opts.class !== null ? { storageClassName: opts.class } : {}),
      ...(opts.volumeName ? { volumeName: opts.volumeName } : {}),
      ...(opts.selector ? { selector: opts.selector } : {}),
      volumeMode: 'Filesystem',
    },
    status: { phase: opts.phase ?? 'Pending' },
  };
}

/** An Available hostPath volume, RWO, Retain, no class unless given. */
export function volume(name: string, opts: { class?: string; size?: string; modes?: string[]; labels?: Record<string, string>; claimRef?: any; phase?: string; policy?: string; path?: string; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels: opts.labels ?? {}, annotations: { ...(opts.annotations ?? {}) }, finalizers: ['kubernetes.io/pv-protection'] },
    spec: {
      capacity: { storage: opts.size ?? '1Gi' },
      accessModes: opts.modes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: opts.policy ?? 'Retain',
      hostPath: { path: opts.path ?? `/tmp/${name}` },
      ...(opts.class ? { storageClassName: opts.class } : {}),
      ...(opts.claimRef ? { claimRef: opts.claimRef } : {}),
      volumeMode: 'Filesystem',
    },
    status: { phase: opts.phase ?? 'Available' },
  };
}

/** kind's `standard` class, or an Immediate variant named `fast`. */
export const standard = (): KubeObject => defaultStorageClass('sc-uid', '2025-01-01T00:00:00Z');
export const immediateClass = (name = 'fast', provisioner = 'rancher.io/local-path'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
});

/** A pod in `default` using claims, scheduled to `nodeName` if given. */
export function podUsing(name: string, claims: string[], nodeName?: string, phase = 'Running'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'busybox' }], volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) },
    status: { phase },
  };
}

/** A view over fixed objects. */
export function view(objs: { claims?: KubeObject[]; volumes?: KubeObject[]; classes?: KubeObject[]; pods?: KubeObject[]; nodes?: KubeObject[] }): StorageView {
  const claims = objs.claims ?? [];
  const volumes = objs.volumes ?? [];
  const classes = objs.classes ?? [];
  return {
    claim: (ns, n) => claims.find((c) => c.metadata.namespace === ns && c.metadata.name === n),
    volume: (n) => volumes.find((v) => v.metadata.name === n),
    volumes: () => volumes,
    storageClass: (n) => classes.find((c) => c.metadata.name === n),
    storageClasses: () => classes,
    pods: (ns) => (objs.pods ?? []).filter((p) => p.metadata.namespace === ns),
    nodes: () => objs.nodes ?? [],
    now: new Date('2025-06-01T12:00:00Z'),
    uid: () => 'fresh-uid',
    random: () => 0,
  };
}

/** The object a plan writes under `resource`/`name`, if any. */
export function written(plan: Plan, resource: string, name: string): KubeObject | undefined {
  const op = plan.ops().find((o) => o.resource === resource && o.object.metadata.name === name);
  return op?.op === 'put' ? op.object : undefined;
}

/** Whether a plan deletes `resource`/`name`. */
export function removed(plan: Plan, resource: string, name: string): boolean {
  return plan.ops().some((o) => o.op === 'delete' && o.resource === resource && o.object.metadata.name === name);
}

/** `reason: message` of each planned event. */
export const events = (plan: Plan): string[] => plan.events.map((e) => `${e.type} ${e.reason}: ${e.message}`);

export { Plan };
