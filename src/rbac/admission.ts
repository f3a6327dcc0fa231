/**
 * The admission entries of access control: escalation prevention on the four RBAC kinds
 * (escalation.ts), and a Pod's service account must exist (service-account-admission.ts).
 */
import type { Admission } from '../resources/admission';
import { admitPodServiceAccount } from './service-account-admission';
import { admitBindingWrite, admitRoleWrite } from './escalation';
import { RBAC_KEYS } from './source';

/** Admission by storage key, merged into src/resources/admission.ts. */
export const rbacAdmissions: Record<string, Admission> = {
  pods: { admitCreate: (ctx, obj) => admitPodServiceAccount(ctx, obj) },
  [RBAC_KEYS.roles]: {
    admitCreate: (ctx, obj, o) => admitRoleWrite(ctx, 'roles', obj, undefined, o.user),
    admitUpdate: (ctx, obj, old, o) => admitRoleWrite(ctx, 'roles', obj, old, o.user),
  },
  [RBAC_KEYS.clusterroles]: {
    admitCreate: (ctx, obj, o) => admitRoleWrite(ctx, 'clusterroles', obj, undefined, o.user),
    admitUpdate: (ctx, obj, old, o) => admitRoleWrite(ctx, 'clusterroles', obj, old, o.user),
  },
  [RBAC_KEYS.rolebindings]: {
    admitCreate: (ctx, obj, o) => admitBindingWrite(ctx, 'rolebindings', obj, undefined, o.user),
    admitUpdate: (ctx, obj, old, o) => admitBindingWrite(ctx, 'rolebindings', obj, old, o.user),
  },
  [RBAC_KEYS.clusterrolebindings]: {
    admitCreate: (ctx, obj, o) => admitBindingWrite(ctx, 'clusterrolebindings', obj, undefined, o.user),
    admitUpdate: (ctx, obj, old, o) => admitBindingWrite(ctx, 'clusterrolebindings', obj, old, o.user),
  },
};
