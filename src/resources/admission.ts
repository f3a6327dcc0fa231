import type { WriteOp } from '../cluster/storage';
import type { ClusterContext, UserInfo } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import { allocateServiceAddresses } from './service/allocator';
import { namespaceDefaults } from './namespace/lifecycle';
import { withResourceAccounting } from './resourcequota/admission';
import { admitClaimCreate } from './persistentvolumeclaim/admission';
import { admitVolumeCreate } from './persistentvolume/admission';
import { rbacAdmissions } from '../rbac/admission';
import { admitPodPriority, admitPriorityClass } from './priorityclass/admission';
import { admitRuntimeClass } from './runtimeclass/admission';
import { recordRequestor } from './certificatesigningrequest/admission';

/**
 * Admission and side effects that need the cluster's state (strategies cannot see storage):
 * address allocation for Services, the default content of a new Namespace.
 */
export interface Admission {
  /** Check or complete a new object against the cluster's state; may throw a Status. */
  admitCreate?(ctx: ClusterContext, obj: KubeObject, opts: { dryRun: boolean; user?: UserInfo }): void;
  admitUpdate?(ctx: ClusterContext, obj: KubeObject, old: KubeObject, opts: { dryRun: boolean; user?: UserInfo }): void;
  /** Writes committed in the same transaction as the created object. */
  alsoCreate?(ctx: ClusterContext, obj: KubeObject): WriteOp[];
}

/** The cluster CA in PEM, published as kube-root-ca.crt; set by the cluster at start. */
export interface CaHolder {
  caPem: string;
}

const admissions: Record<string, Admission> = {
  services: {
    admitCreate: (ctx, obj) => allocateServiceAddresses(ctx, obj),
    admitUpdate: (ctx, obj, old) => allocateServiceAddresses(ctx, obj, old),
  },
  persistentvolumeclaims: { admitCreate: (ctx, obj) => admitClaimCreate(ctx, obj) },
  persistentvolumes: { admitCreate: (_ctx, obj) => admitVolumeCreate(obj) },
  'certificatesigningrequests.certificates.k8s.io': { admitCreate: (_ctx, obj, opts) => recordRequestor(obj, opts.user) },
  'priorityclasses.scheduling.k8s.io': {
    admitCreate: (ctx, obj) => admitPriorityClass(ctx, obj),
    admitUpdate: (ctx, obj, old) => admitPriorityClass(ctx, obj, old),
  },
  // RBAC escalation prevention (who writes a role or binding must hold what it grants).
  ...rbacAdmissions,
  // ServiceAccount, Priority, then RuntimeClass (kube-apiserver's plugin order).
  pods: {
    admitCreate(ctx, obj, opts) {
      rbacAdmissions.pods.admitCreate?.(ctx, obj, opts);
      admitPodPriority(ctx, obj);
      admitRuntimeClass(ctx, obj);
    },
  },
  namespaces: {
    alsoCreate: (ctx, obj) => namespaceDefaults(ctx, obj.metadata.name!, (ctx as ClusterContext & Partial<CaHolder>).caPem ?? ''),
  },
};

/** The admission of a resource by storage key, if it has one. */
export function admissionFor(key: string): Admission | undefined {
  // LimitRanger before and ResourceQuota after the kind's own admission (kube-apiserver's plugin order).
  return withResourceAccounting(key, admissions[key]);
}
