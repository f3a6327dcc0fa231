/**
 * Workloads as a tree (tree.ts), live from seven watches. Rows are treeitems: ↑/↓ (or j/k) move,
 * → opens and ← closes a branch, Enter opens the object's page.
 */
import { useState } from 'preact/hooks';
import type { Pod } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { age, plural } from '../format';
import { href, navigate } from '../router';
import { Badge, Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';
import { buildWorkloadTree, podsBelow, type TreeNode } from './tree';
import { ALL_NAMESPACES, objectPath } from './paths';

export function WorkloadsPage({ ns }: { ns: string }) {
  const { client } = useCluster();
  const namespace = ns === ALL_NAMESPACES ? undefined : ns;
  const lists = {
    deployments: useInformer<Deployment>(client, refOf(KINDS.deployments, namespace)),
    replicasets: useInformer<ReplicaSet>(client, refOf(KINDS.replicasets, namespace)),
    statefulsets: useInformer<StatefulSet>(client, refOf(KINDS.statefulsets, namespace)),
    daemonsets: useInformer<DaemonSet>(client, refOf(KINDS.daemonsets, namespace)),
    cronjobs: useInformer<CronJob>(client, refOf(KINDS.cronjobs, namespace)),
    jobs: useInformer<Job>(client, refOf(KINDS.jobs, namespace)),
    pods: useInformer<Pod>(client, refOf(KINDS.pods, namespace)),
  };
  const synced = Object.values(lists).every((l) => l.synced);
  const tree = buildWorkloadTree({
    deployments: lists.deployments.items,
    replicasets: lists.replicasets.items,
    statefulsets: lists.statefulsets.items,
    daemonsets: lists.daemonsets.items,
    cronjobs: lists.cronjobs.items,
    jobs: lists.jobs.items,
    pods: lists.pods.items,
  });
  // Branches the user opened or closed, by uid; the others follow defaultClosed.
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  const isOpen = (n: TreeNode) => opened[n.obj.metadata!.uid!] ?? !defaultClosed(n);
  const toggle = (n: TreeNode, open?: boolean) => setOpened((o) => ({ ...o, [n.obj.metadata!.uid!]: open ?? !isOpen(n) }));
  const errors = Object.values(lists).map((l) => l.error).filter(Boolean);
  const pods = lists.pods.items.length;
  return (
    <>
      <PageHead title="Workloads" sub={synced ? `${plural(tree.filter((n) => n.kind !== 'Pod').length, 'controller')}, ${plural(pods, 'pod')}${namespace ? ` in ${namespace}` : ''}` : undefined} />
      {errors.slice(0, 1).map((e) => (
        <ErrorNote error={e} />
      ))}
      {!tree.length && (
        <Empty synced={synced}>
          Nothing runs in this namespace yet. Try <code>kubectl create deployment web --image=nginx --replicas=3</code>.
        </Empty>
      )}
      <div class="tree" role="tree" aria-label="Workloads">
        {tree.map((n) => (
          <Branch node={n} level={1} isOpen={isOpen} toggle={toggle} showNs={!namespace} key={n.obj.metadata!.uid} />
        ))}
      </div>
    </>
  );
}

/** Old ReplicaSets (scaled to zero, no pods) and finished Jobs of a CronJob start closed. */
function defaultClosed(n: TreeNode): boolean {
  if (n.kind === 'ReplicaSet') return (n.obj.spec?.replicas ?? 0) === 0 && !n.children.length;
  if (n.kind === 'Job') return n.status === 'Complete' && !!n.obj.metadata?.ownerReferences?.length;
  return false;
}

function Branch(props: { node: TreeNode; level: number; isOpen: (n: TreeNode) => boolean; toggle: (n: TreeNode, open?: boolean) => void; showNs: boolean }) {
  const { node: n, level, isOpen, toggle, showNs } = props;
  const { base } = useCluster();
  const open = isOpen(n);
  const hasKids = n.children.length > 0;
  const path = objectPath(base, n.resource, n.obj.metadata!.namespace, n.obj.metadata!.name!);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' && hasKids && !open) (e.preventDefault(), toggle(n, true));
    else if (e.key === 'ArrowLeft' && hasKids && open) (e.preventDefault(), toggle(n, false));
    else if (e.key === 'Enter') (e.preventDefault(), navigate(path));
  };
  const pods = n.kind === 'Pod' ? [] : podsBelow(n);
  return (
    <div role="none">
      <div
        class={`tree-row kind-${n.kind.toLowerCase()}${n.status === 'Old' ? ' old' : ''}`}
        role="treeitem"
        aria-level={level}
        aria-expanded={hasKids ? open : undefined}
        tabIndex={0}
        data-row
        data-kind={n.kind}
        data-name={n.obj.metadata!.name}
        style={{ paddingLeft: `${(level - 1) * 22 + 8}px` }}
        onKeyDown={onKey}
      >
        <button class="twisty" tabIndex={-1} aria-hidden="true" onClick={() => hasKids && toggle(n)} disabled={!hasKids}>
          {hasKids ? (open ? '▾' : '▸') : ''}
        </button>
        <span class={`kind-tag ${n.kind.toLowerCase()}`}>{n.kind}</span>
        <a class="tree-name" href={href(path)} tabIndex={-1}>
          {showNs && <span class="muted">{n.obj.metadata!.namespace}/</span>}
          {n.obj.metadata!.name}
        </a>
        {n.revision !== undefined && <span class="rev">rev {n.revision}</span>}
        <span class="tree-summary muted">{n.summary}</span>
        {!open && pods.length > 0 && (
          <span class="mini-pods" aria-label={`${pods.length} pods`}>
            {pods.slice(0, 12).map((p) => (
              <span class={`dot ${toneOf(p.status)}`} title={`${p.obj.metadata!.name}: ${p.status}`} />
            ))}
          </span>
        )}
        <Badge status={n.status} />
        <span class="tree-age muted">{age(n.obj.metadata!.creationTimestamp)}</span>
      </div>
      {open && hasKids && (
        <div role="group">
          {n.children.map((c) => (
            <Branch node={c} level={level + 1} isOpen={isOpen} toggle={toggle} showNs={showNs} key={c.obj.metadata!.uid} />
          ))}
        </div>
      )}
    </div>
  );
}

function toneOf(status: string): string {
  return /^(Running|Completed|Succeeded)$/.test(status) ? 'ok' : /Err|BackOff|Failed|Error|OOM/.test(status) ? 'bad' : 'warn';
}
