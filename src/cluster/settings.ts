import type { NodeSettings } from '../sim/nodes';
import { DEFAULT_NODES } from '../sim/nodes';

/**
 * A tenant cluster's settings, chosen per classroom or per student by the admin API and applied
 * by the tenant's Durable Object (`configure`): its simulated nodes, its timing profile and its
 * limits. Absent fields keep the defaults.
 */
export interface TenantSettings {
  nodes?: { count?: number; cpu?: string; memory?: string; pods?: number };
  profile?: 'realistic' | 'fast';
  limits?: { objects?: number; requestsPerSecond?: number; watches?: number };
  /**
   * A narrower access than cluster-admin for the student: this ClusterRole (admin, edit or view)
   * bound to `user` in one namespace (default: `default`). Without it the student's token is in
   * system:masters.
   */
  access?: { role: 'admin' | 'edit' | 'view'; namespace?: string; user?: string };
}

/** The limits a tenant gets when its settings name none: generous for a classroom exercise. */
export const DEFAULT_LIMITS = { objects: 5000, requestsPerSecond: 50, watches: 100 } as const;

/** Every limit resolved to a number. */
export interface ResolvedLimits {
  objects: number;
  requestsPerSecond: number;
  watches: number;
}

/** Nodes a cluster may have at most (one control plane + workers), to keep a tenant small. */
export const MAX_NODES = 20;

const META_KEY = 'tenancy.settings';

/** The limits of these settings, defaults filled in (non-positive or absent values take the default). */
export function resolveLimits(s: TenantSettings): ResolvedLimits {
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    objects: pick(s.limits?.objects, DEFAULT_LIMITS.objects),
    requestsPerSecond: pick(s.limits?.requestsPerSecond, DEFAULT_LIMITS.requestsPerSecond),
    watches: pick(s.limits?.watches, DEFAULT_LIMITS.watches),
  };
}

/**
 * The node shape of these settings: `count` nodes in all (one control plane, count-1 workers;
 * 1..MAX_NODES), each with the given cpu, memory and pod capacity; absent fields as DEFAULT_NODES.
 */
export function resolveNodes(s: TenantSettings): NodeSettings {
  const n = s.nodes ?? {};
  const count = typeof n.count === 'number' && Number.isFinite(n.count) ? Math.min(MAX_NODES, Math.max(1, Math.floor(n.count))) : DEFAULT_NODES.workers + 1;
  return {
    workers: count - 1,
    cpu: n.cpu ?? DEFAULT_NODES.cpu,
    memory: n.memory ?? DEFAULT_NODES.memory,
    pods: typeof n.pods === 'number' && n.pods > 0 ? Math.floor(n.pods) : DEFAULT_NODES.pods,
  };
}

/** The timing profile of these settings, or the Worker's default (env TIMING_PROFILE). */
export function resolveProfile(s: TenantSettings, envDefault: string | undefined): 'realistic' | 'fast' {
  if (s.profile === 'fast' || s.profile === 'realistic') return s.profile;
  return envDefault === 'fast' ? 'fast' : 'realistic';
}

/** Read the stored settings (`{}` when none were configured). The `meta` table must exist. */
export function loadSettings(sql: SqlStorage): TenantSettings {
  const row = sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', META_KEY).toArray()[0];
  if (!row) return {};
  try {
    return JSON.parse(row.value) as TenantSettings;
  } catch {
    return {};
  }
}

/** Store the settings (replacing earlier ones). */
export function saveSettings(sql: SqlStorage, s: TenantSettings): void {
  sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', META_KEY, JSON.stringify(s));
}
