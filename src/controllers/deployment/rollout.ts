import type { KubeObject } from '../../apiserver/types';
import { jsonEqual } from '../../apiserver/registry/meta';

/** Labels and annotations the Deployment controller uses (k8s.io/kubernetes deployment util). */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
/** The former revisions of a ReplicaSet a rollback brought back, comma-separated. */
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a (32 bit) of the template's canonical JSON, written as upstream's ComputeHash writes it. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const text = canonicalJSON(template) + (collisionCount ? String(collisionCount) : '');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // rand.SafeEncodeString of the decimal hash: each character's code picks a safe letter.
  let out = '';
  for (const c of String(h)) out += SAFE[c.charCodeAt(0) % SAFE.length];
  return out;
}

function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().filter((k) => (v as any)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJSON((v as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The template of a ReplicaSet without the hash label, to compare with the Deployment's. */
export function templateWithoutHash(rs: KubeObject): unknown {
  const t = structuredClone(rs.spec?.template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH];
    if (!Object.keys(t.metadata.labels).length) delete t.metadata.labels;
  }
  return t;
}

export function sameTemplate(d: KubeObject, rs: KubeObject): boolean {
  return jsonEqual(templateWithoutHash(rs), d.spec?.template ?? {});
}

/** An int-or-percent of `total` (intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(v) || 0;
}

/** maxSurge and maxUnavailable of a RollingUpdate Deployment (ResolveFenceposts). */
export function fenceposts(d: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

export const revisionOf = (rs: KubeObject): number => Number(rs.metadata.annotations?.[REVISION] ?? '0') || 0;
const specReplicas = (rs: KubeObject): number => rs.spec?.replicas ?? 0;
const available = (rs: KubeObject): number => rs.status?.availableReplicas ?? 0;

/**
 * The replica counts the ReplicaSets of a Deployment should have next, by its strategy:
 * RollingUpdate scales the new one up within maxSurge and the old ones down within
 * maxUnavailable (rolling.go's reconcileNewReplicaSet / reconcileOldReplicaSets); Recreate
 * scales the old ones to zero first and the new one up once no old pod is left.
 */
export function nextScale(d: KubeObject, newRS: KubeObject, olds: KubeObject[], oldPodsRunning: number): Map<KubeObject, number> {
  const replicas = d.spec?.replicas ?? 1;
  const out = new Map<KubeObject, number>();
  if (d.spec?.strategy?.type === 'Recreate') {
    const active = olds.filter((rs) => specReplicas(rs) > 0);
    for (const rs of active) out.set(rs, 0);
    if (!active.length && oldPodsRunning === 0) out.set(newRS, replicas);
    return out;
  }
  const { maxSurge, maxUnavailable } = fenceposts(d);
  const all = [newRS, ...olds];
  const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
  // Scale up the new ReplicaSet within the surge.
  let newCount = specReplicas(newRS);
  if (newCount > replicas) newCount = replicas;
  else if (newCount < replicas) {
    const room = replicas + maxSurge - total;
    if (room > 0) newCount = Math.min(replicas, newCount + room);
  }
  if (newCount !== specReplicas(newRS)) out.set(newRS, newCount);
  // Scale down old ReplicaSets: unhealthy replicas first, then as availability allows.
  const minAvailable = replicas - maxUnavailable;
  const allCount = total - specReplicas(newRS) + newCount;
  const newUnavailable = newCount - available(newRS);
  let budget = allCount - minAvailable - newUnavailable;
  const oldest = [...olds].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  for (const rs of oldest) {
    if (budget <= 0) break;
    const unhealthy = Math.max(0, specReplicas(rs) - available(rs));
    const cut = Math.min(unhealthy, budget);
    if (cut > 0) {
      out.set(rs, specReplicas(rs) - cut);
      budget -= cut;
    }
  }
  const totalAvailable = all.reduce((n, rs) => n + available(rs), 0);
  let scaleDown = Math.min(budget, totalAvailable - minAvailable);
  for (const rs of oldest) {
    if (scaleDown <= 0) break;
    const current = out.get(rs) ?? specReplicas(rs);
    const cut = Math.min(current, scaleDown);
    if (cut > 0) {
      out.set(rs, current - cut);
      scaleDown -= cut;
    }
  }
  return out;
}

/** The Deployment's status from its ReplicaSets (calculateStatus) and its conditions. */
export function deploymentStatus(d: KubeObject, newRS: KubeObject | undefined, all: KubeObject[], now: string): Record<string, any> {
  const sum = (f: (rs: KubeObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
  const replicas = sum((rs) => rs.status?.replicas ?? 0);
  const availableReplicas = sum(available);
  const readyReplicas = sum((rs) => rs.status?.readyReplicas ?? 0);
  const updatedReplicas = newRS?.status?.replicas ?? 0;
  const desired = d.spec?.replicas ?? 1;
  const { maxUnavailable } = d.spec?.strategy?.type === 'Recreate' ? { maxUnavailable: 0 } : fenceposts(d);
  const old = new Map<string, any>((d.status?.conditions ?? []).map((c: any) => [c.type, c]));
  const cond = (type: string, status: string, reason: string, message: string) => {
    const prev = old.get(type);
    const same = prev && prev.status === status;
    return { type, status, lastUpdateTime: same && prev.reason === reason ? prev.lastUpdateTime : now, lastTransitionTime: same ? prev.lastTransitionTime : now, reason, message };
  };
  const availableNow = availableReplicas >= desired - maxUnavailable;
  const complete = newRS && updatedReplicas === desired && replicas === desired && availableReplicas === desired;
  const conditions = [
    availableNow ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.') : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
    d.spec?.paused
      ? cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused')
      : complete
        ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS!.metadata.name}" has successfully progressed.`)
        : cond('Progressing', 'True', newRS ? 'ReplicaSetUpdated' : 'NewReplicaSetCreated', `ReplicaSet "${newRS?.metadata.name ?? ''}" is progressing.`),
  ];
  const status: Record<string, any> = { observedGeneration: d.metadata.generation ?? 1, replicas, updatedReplicas, readyReplicas, availableReplicas, conditions };
  if (replicas - availableReplicas > 0) status.unavailableReplicas = replicas - availableReplicas;
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (!status[k]) delete status[k];
  return status;
}
