/**
 * The workloads of a namespace as a tree by controller ownership (the controller
 * ownerReference, as the garbage collector and `kubectl tree` follow it): Deployment →
 * ReplicaSets (newest revision first) → Pods, StatefulSet → Pods, DaemonSet → Pods,
 * CronJob → Jobs → Pods, Job → Pods, and pods no controller owns. Pure: no DOM.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { podStatus } from '../format';

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Job' | 'Pod';

/** One row of the tree with its children. */
export interface TreeNode {
  kind: WorkloadKind;
  /** The plural resource, for links. */
  resource: string;
  obj: { metadata?: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string; ownerReferences?: { uid: string; controller?: boolean }[] }; [k: string]: any };
  children: TreeNode[];
  /** The summary kubectl would print: ready counts, revision, schedule… */
  summary: string;
  /** A status word for the badge. */
  status: string;
  /** A ReplicaSet's revision (deployment.kubernetes.io/revision). */
  revision?: number;
}

export interface Workloads {
  deployments: Deployment[];
  replicasets: ReplicaSet[];
  statefulsets: StatefulSet[];
  daemonsets: DaemonSet[];
  cronjobs: CronJob[];
  jobs: Job[];
  pods: Pod[];
}

const RESOURCE: Record<WorkloadKind, string> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  CronJob: 'cronjobs',
  Job: 'jobs',
  Pod: 'pods',
};

/** The uid of an object's controller, if one owns it. */
export function controllerUid(o: TreeNode['obj']): string | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
}

const byName = (a: TreeNode, b: TreeNode) => (a.obj.metadata?.name ?? '').localeCompare(b.obj.metadata?.name ?? '');

function cond(o: { status?: { conditions?: { type: string; status: string }[] } }, type: string): boolean {
  return !!o.status?.conditions?.some((c) => c.type === type && c.status === 'True');
}

/** Summaries and statuses, as `kubectl get` columns put them. */
export function describeNode(kind: WorkloadKind, o: any): { summary: string; status: string; revision?: number } {
  const s = o.status ?? {};
  switch (kind) {
    case 'Deployment': {
      const want = o.spec?.replicas ?? 1;
      const ready = s.readyReplicas ?? 0;
      const status = ready >= want && (s.updatedReplicas ?? 0) >= want ? 'Available' : 'Progressing';
      return { summary: `${ready}/${want} ready · ${s.updatedReplicas ?? 0} up-to-date`, status: want === 0 ? 'Scaled to 0' : status };
    }
    case 'ReplicaSet': {
      const revision = Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) || undefined;
      const want = o.spec?.replicas ?? 1;
      const images = (o.spec?.template?.spec?.containers ?? []).map((c: any) => c.image).join(', ');
      return { summary: `${s.readyReplicas ?? 0}/${want} ready · ${images}`, status: want === 0 ? 'Old' : (s.readyReplicas ?? 0) >= want ? 'Ready' : 'Progressing', revision };
    }
    case 'StatefulSet': {
      const want = o.spec?.replicas ?? 1;
      return { summary: `${s.readyReplicas ?? 0}/${want} ready`, status: (s.readyReplicas ?? 0) >= want ? 'Ready' : 'Progressing' };
    }
    case 'DaemonSet': {
      const want = s.desiredNumberScheduled ?? 0;
      return { summary: `${s.numberReady ?? 0}/${want} ready · ${s.updatedNumberScheduled ?? 0} up-to-date`, status: (s.numberReady ?? 0) >= want ? 'Ready' : 'Progressing' };
    }
    case 'CronJob': {
      const active = (s.active ?? []).length;
      return { summary: `${o.spec?.schedule ?? ''}${o.spec?.timeZone ? ` (${o.spec.timeZone})` : ''} · ${active} active`, status: o.spec?.suspend ? 'Suspended' : active ? 'Active' : 'Scheduled' };
    }
    case 'Job': {
      const completions = o.spec?.completions ?? 1;
      const status = cond(o, 'Complete') ? 'Complete' : cond(o, 'Failed') ? 'Failed' : o.spec?.suspend ? 'Suspended' : 'Running';
      return { summary: `${s.succeeded ?? 0}/${completions} completions${s.failed ? ` · ${s.failed} failed` : ''}`, status };
    }
    case 'Pod': {
      const st = (o.status?.containerStatuses ?? []) as any[];
      const ready = st.filter((c) => c.ready).length;
      const restarts = st.reduce((n, c) => n + (c.restartCount ?? 0), 0);
      const where = o.spec?.nodeName ? ` · ${o.spec.nodeName}` : '';
      return { summary: `${ready}/${o.spec?.containers?.length ?? st.length} ready${restarts ? ` · ${restarts} restarts` : ''}${where}`, status: podStatus(o) };
    }
  }
}

function node(kind: WorkloadKind, obj: any): TreeNode {
  return { kind, resource: RESOURCE[kind], obj, children: [], ...describeNode(kind, obj) };
}

/** Build the tree of one namespace's (or all namespaces') workloads. */
export function buildWorkloadTree(w: Workloads): TreeNode[] {
  const byUid = new Map<string, TreeNode>();
  const add = (kind: WorkloadKind, list: any[]) => list.map((o) => {
    const n = node(kind, o);
    if (o.metadata?.uid) byUid.set(o.metadata.uid, n);
    return n;
  });
  const groups: TreeNode[][] = [
    add('Deployment', w.deployments),
    add('StatefulSet', w.statefulsets),
    add('DaemonSet', w.daemonsets),
    add('CronJob', w.cronjobs),
    add('Job', w.jobs),
    add('ReplicaSet', w.replicasets),
    add('Pod', w.pods),
  ];
  const roots: TreeNode[] = [];
  for (const group of groups) {
    for (const n of group) {
      const owner = controllerUid(n.obj);
      const parent = owner ? byUid.get(owner) : undefined;
      if (parent) parent.children.push(n);
      else roots.push(n);
    }
  }
  for (const n of byUid.values()) {
    // ReplicaSets newest revision first; everything else by name.
    if (n.kind === 'Deployment') n.children.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0) || byName(a, b));
    else if (n.kind === 'CronJob') n.children.sort((a, b) => (b.obj.metadata?.creationTimestamp ?? '').localeCompare(a.obj.metadata?.creationTimestamp ?? ''));
    else n.children.sort(byName);
  }
  const order: WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'Pod'];
  return roots.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.obj.metadata?.namespace ?? '').localeCompare(b.obj.metadata?.namespace ?? '') || byName(a, b));
}

/** The pods below a node (its own pods, its ReplicaSets' or Jobs' pods). */
export function podsBelow(n: TreeNode): TreeNode[] {
  if (n.kind === 'Pod') return [n];
  return n.children.flatMap(podsBelow);
}
