/**
 * Nodes, drawn with the pods placed on them and bars of the cpu and memory their pods request
 * against the node's allocatable (what the scheduler weighs), live from the nodes and pods watches.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { cpuText, memText, milli, plural, podRequests, podStatus, tone } from '../format';
import { href } from '../router';
import { Badge, Bar, Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';
import { objectPath } from './paths';

/** Ready, NotReady or Unknown, plus SchedulingDisabled when cordoned (kubectl get nodes). */
export function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const s = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return n.spec?.unschedulable ? `${s},SchedulingDisabled` : s;
}

/** The node's roles from its `node-role.kubernetes.io/<role>` labels. */
export function nodeRoles(n: Node): string[] {
  return Object.keys(n.metadata?.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
}

/** Pods that hold a node's resources: bound to it and not finished. */
export function podsOn(pods: Pod[], node: string): Pod[] {
  return pods.filter((p) => p.spec?.nodeName === node && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

export function NodesPage() {
  const { client } = useCluster();
  const nodes = useInformer<Node>(client, refOf(KINDS.nodes));
  const pods = useInformer<Pod>(client, refOf(KINDS.pods));
  const list = [...nodes.items].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return (
    <>
      <PageHead title="Nodes" sub={nodes.synced ? `${plural(list.length, 'node')}, ${plural(pods.items.filter((p) => p.spec?.nodeName).length, 'pod')} placed` : undefined} />
      <ErrorNote error={nodes.error} />
      <ErrorNote error={pods.error} />
      {!list.length && <Empty synced={nodes.synced}>No nodes.</Empty>}
      <div class="node-grid" data-rows>
        {list.map((n) => (
          <NodeCard node={n} pods={podsOn(pods.items, n.metadata!.name!)} key={n.metadata!.name!} />
        ))}
      </div>
    </>
  );
}

function NodeCard({ node, pods }: { node: Node; pods: Pod[] }) {
  const { base } = useCluster();
  const alloc = node.status?.allocatable ?? {};
  const req = pods.reduce((s, p) => {
    const r = podRequests(p);
    return { cpu: s.cpu + r.cpu, memory: s.memory + r.memory };
  }, { cpu: 0, memory: 0 });
  const cpuAlloc = milli(alloc.cpu);
  const memAlloc = milli(alloc.memory);
  const podCap = Number(alloc.pods ?? 0);
  const status = nodeStatus(node);
  const roles = nodeRoles(node);
  // The student's own pods first; the kube-system ones after them, a little dimmer.
  const sys = (p: Pod) => (p.metadata?.namespace === 'kube-system' ? 1 : 0);
  const sorted = [...pods].sort((a, b) => sys(a) - sys(b) || (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return (
    <section class="card node" aria-label={`node ${node.metadata!.name!}`} data-node={node.metadata!.name!}>
      <header class="card-head">
        <a class="card-title" href={href(objectPath(base, 'nodes', undefined, node.metadata!.name!))} data-row>
          {node.metadata!.name!}
        </a>
        {status.split(',').map((s) => (
          <Badge status={s} key={s} />
        ))}
      </header>
      <div class="muted small">
        {roles.length ? roles.join(', ') : 'worker'} · {node.status?.nodeInfo?.kubeletVersion} · {node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address}
      </div>
      <div class="bars">
        <Bar label="CPU requested" used={req.cpu} total={cpuAlloc} text={`${cpuText(req.cpu)} / ${cpuText(cpuAlloc)}`} />
        <Bar label="Memory requested" used={req.memory} total={memAlloc} text={`${memText(req.memory)} / ${memText(memAlloc)}`} />
        <Bar label="Pods" used={pods.length} total={podCap} text={`${pods.length} / ${podCap}`} />
      </div>
      <ul class="pod-chips" aria-label={`pods on ${node.metadata!.name!}`}>
        {sorted.map((p) => {
          const s = podStatus(p);
          return (
            <li key={p.metadata?.uid}>
              <a class={`chip ${tone(s)}${sys(p) ? ' system' : ''}`} href={href(objectPath(base, 'pods', p.metadata?.namespace, p.metadata!.name!))} title={`${p.metadata?.namespace}/${p.metadata?.name}: ${s}`}>
                <span class="dot" />
                <span class="chip-ns">{p.metadata?.namespace}/</span>
                {p.metadata?.name}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
