import type { Env } from '../../env';
import type { TenantSettings } from '../../cluster/settings';
import type { PodCounts } from '../../cluster/pod-counts';

/** What a tenant's Durable Object reports of itself. */
export interface TenantStats {
  objects: number;
  lastActivityAt: number | null;
  /** Alarms the cluster's Durable Object has fired since it was created. */
  alarms?: number;
  /** When its armed alarm is due (epoch ms), null when none is. */
  alarmAt?: number | null;
  /** The cluster's pods: running, pending, failing, succeeded. */
  pods?: PodCounts;
  /** Requests that waited for the rate, and those refused (429), since its object started. */
  throttling?: { queued: number; refused: number };
}

/**
 * The control methods of a tenant's Durable Object (ClusterObject RPC), as the admin API uses
 * them: apply settings, wipe to a fresh cluster, refuse tokens, wipe everything, report state.
 */
export interface TenantControl {
  configure(settings: TenantSettings): Promise<void>;
  /** Wipe to a fresh cluster; the assigned exercises stay, their progress only with keepGrades. */
  reset(settings?: TenantSettings, opts?: { keepGrades?: boolean }): Promise<void>;
  /** Assign validated exercise documents (new, or replacing those of the same name); their names. */
  assignExercises(documents: unknown[], opts?: { language?: 'en' | 'fr' }): Promise<string[]>;
  /** Withdraw exercises by name; those removed. */
  unassignExercises(names: string[]): Promise<string[]>;
  revoke(opts: { notBefore?: number; jtis?: string[] }): Promise<void>;
  destroy(): Promise<void>;
  stats(): Promise<TenantStats>;
  /** Deliver the tenant's outbox (namespaces, RBAC, audit records) to D1 now. */
  flushOutbox(): Promise<{ delivered: number; pending: number; error?: string }>;
}

/** The RPC stub of tenant `tenantId`'s Durable Object. */
export function tenantControl(env: Env, tenantId: string): TenantControl {
  return env.CLUSTER.get(env.CLUSTER.idFromName(tenantId)) as unknown as TenantControl;
}

/**
 * The not-before epoch that refuses every token a deleted tenant ever had (year 2100): set after
 * `destroy` so that a leftover kubeconfig cannot bring the wiped cluster back to life.
 */
export const TOMBSTONE_NOT_BEFORE = 4_102_444_800;

/** Merge a student's own settings over the classroom's (one level deep per section). */
export function mergeSettings(base: TenantSettings, own?: TenantSettings): TenantSettings {
  if (!own) return base;
  return {
    ...base,
    ...own,
    ...(base.nodes || own.nodes ? { nodes: { ...base.nodes, ...own.nodes } } : {}),
    ...(base.limits || own.limits ? { limits: { ...base.limits, ...own.limits } } : {}),
  };
}
