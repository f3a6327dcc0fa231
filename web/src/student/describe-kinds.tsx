/** The kind-specific sections of the overview tab (describe.tsx), each live from its watches. */
import { useState } from 'preact/hooks';
import type { Endpoints, Node, Pod, Service } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { age, cpuText, memText, milli, podReady, podRequests, podRestarts, podStatus } from '../format';
import { href } from '../router';
import { Badge, Bar } from '../components/ui';
import { useCluster } from './context';
import { Conditions, Fields, Labels, Section } from './describe';
import { EndpointList, PodTable } from './lists';
import { podsOn } from './nodes';
import { objectPath } from './paths';
import type { WorkloadKind } from './tree';

/** A container's state as describe words it: Running since…, Waiting (reason), Terminated (reason, exit code). */
function stateText(st: any): string {
  if (!st) return 'Waiting';
  if (st.running) return `Running since ${age(st.running.startedAt)} ago`;
  if (st.waiting) return `Waiting: ${st.waiting.reason ?? ''}${st.waiting.message ? ` — ${st.waiting.message}` : ''}`;
  if (st.terminated) return `Terminated: ${st.terminated.reason ?? ''} (exit code ${st.terminated.exitCode})`;
  return '';
}

export function PodOverview({ pod }: { pod: Pod }) {
  const { base } = useCluster();
  const s = pod.status ?? {};
  const statuses = new Map([...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])].map((c) => [c.name, c]));
  const req = podRequests(pod);
  const containers = [...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })), ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false }))];
  return (
    <>
      <Section title="Pod">
        <Fields
          rows={[
            ['Status', <Badge status={podStatus(pod)} />],
            ['Ready', podReady(pod)],
            ['Restarts', String(podRestarts(pod))],
            ['Node', pod.spec?.nodeName ? <a href={href(objectPath(base, 'nodes', undefined, pod.spec.nodeName))}>{pod.spec.nodeName}</a> : <span class="muted">not scheduled</span>],
            ['Pod IP', s.podIP],
            ['Host IP', s.hostIP],
            ['QoS class', s.qosClass],
            ['Service account', pod.spec?.serviceAccountName],
            ['Requests', `${cpuText(req.cpu)} cpu · ${memText(req.memory)} memory`],
            ['Message', s.message],
          ]}
        />
      </Section>
      <Section title="Containers" wide>
        <div class="containers">
          {containers.map(({ c, init }) => {
            const st = statuses.get(c.name);
            return (
              <div class="container" key={c.name}>
                <div class="container-head">
                  <strong>{c.name}</strong>
                  {init && <span class="kind-tag">init</span>}
                  <span class={`dot ${st?.ready ? 'ok' : st?.state?.terminated?.exitCode === 0 ? 'ok' : st?.state?.waiting ? 'bad' : 'warn'}`} />
                  <span class="muted small">{stateText(st?.state)}</span>
                </div>
                <Fields
                  rows={[
                    ['Image', <code>{c.image}</code>],
                    ['Command', c.command && <code>{[...c.command, ...(c.args ?? [])].join(' ')}</code>],
                    ['Ports', c.ports?.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ')],
                    ['Requests', c.resources?.requests && Object.entries(c.resources.requests).map(([k, v]) => `${k} ${v}`).join(', ')],
                    ['Limits', c.resources?.limits && Object.entries(c.resources.limits).map(([k, v]) => `${k} ${v}`).join(', ')],
                    ['Restarts', st?.restartCount ? String(st.restartCount) : undefined],
                    ['Last state', st?.lastState && Object.keys(st.lastState).length ? stateText(st.lastState) : undefined],
                    ['Mounts', c.volumeMounts?.map((m) => `${m.mountPath} ← ${m.name}${m.readOnly ? ' (ro)' : ''}`).join(', ')],
                  ]}
                />
              </div>
            );
          })}
        </div>
      </Section>
      <Conditions conditions={s.conditions} />
    </>
  );
}

/** The pods a controller owns (through its ReplicaSets or Jobs too), live. */
export function ControllerPods({ owner, kind }: { owner: any; kind: WorkloadKind }) {
  const { client, base } = useCluster();
  const ns = owner.metadata?.namespace;
  const pods = useInformer<Pod>(client, refOf(KINDS.pods, ns));
  const middle = useInformer<any>(client, kind === 'Deployment' ? refOf(KINDS.replicasets, ns) : kind === 'CronJob' ? refOf(KINDS.jobs, ns) : undefined);
  const uid = owner.metadata?.uid;
  const ownedBy = (o: any, u: string) => o.metadata?.ownerReferences?.some((r: any) => r.controller && r.uid === u);
  const mids = middle.items.filter((m) => ownedBy(m, uid));
  const owners = new Set([uid, ...mids.map((m) => m.metadata.uid)]);
  const mine = pods.items.filter((p) => p.metadata?.ownerReferences?.some((r) => r.controller && owners.has(r.uid))).sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
  return (
    <>
      {kind === 'Deployment' && mids.length > 0 && (
        <Section title="ReplicaSets" wide>
          <table class="table compact">
            <thead>
              <tr>
                <th>Revision</th>
                <th>Name</th>
                <th>Ready</th>
                <th>Images</th>
                <th>Age</th>
              </tr>
            </thead>
            <tbody>
              {mids
                .sort((a, b) => Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) - Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))
                .map((rs) => (
                  <tr key={rs.metadata.uid}>
                    <td>{rs.metadata.annotations?.['deployment.kubernetes.io/revision']}</td>
                    <td>
                      <a href={href(objectPath(base, 'replicasets', ns, rs.metadata.name))}>{rs.metadata.name}</a>
                    </td>
                    <td>{`${rs.status?.readyReplicas ?? 0}/${rs.spec?.replicas ?? 0}`}</td>
                    <td class="muted">{(rs.spec?.template?.spec?.containers ?? []).map((c: any) => c.image).join(', ')}</td>
                    <td class="muted">{age(rs.metadata.creationTimestamp)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Section>
      )}
      <Section title={`Pods (${mine.length})`} wide>
        <PodTable pods={mine} />
      </Section>
    </>
  );
}

export function ServiceOverview({ svc }: { svc: Service }) {
  const { client } = useCluster();
  const ns = svc.metadata?.namespace;
  const eps = useInformer<Endpoints>(client, refOf(KINDS.endpoints, ns), { fieldSelector: `metadata.name=${svc.metadata?.name}` });
  const ep = eps.items[0];
  return (
    <>
      <Section title="Service">
        <Fields
          rows={[
            ['Type', svc.spec?.type],
            ['Cluster IP', svc.spec?.clusterIP],
            ['External name', svc.spec?.externalName],
            ['Ports', svc.spec?.ports?.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'} → ${p.targetPort ?? p.port}`).join(', ')],
            ['Selector', <Labels labels={svc.spec?.selector} />],
            ['Session affinity', svc.spec?.sessionAffinity],
          ]}
        />
      </Section>
      <Section title="Endpoints" wide>
        <EndpointList ep={ep} />
      </Section>
    </>
  );
}

export function NodeOverview({ node }: { node: Node }) {
  const { client } = useCluster();
  const pods = useInformer<Pod>(client, refOf(KINDS.pods), { fieldSelector: `spec.nodeName=${node.metadata?.name}` });
  const on = podsOn(pods.items, node.metadata!.name!);
  const alloc = node.status?.allocatable ?? {};
  const req = on.reduce((s, p) => ({ cpu: s.cpu + podRequests(p).cpu, memory: s.memory + podRequests(p).memory }), { cpu: 0, memory: 0 });
  const info = node.status?.nodeInfo;
  return (
    <>
      <Section title="Node">
        <Fields
          rows={[
            ['Addresses', node.status?.addresses?.map((a) => `${a.type} ${a.address}`).join(', ')],
            ['Pod CIDR', node.spec?.podCIDR],
            ['Unschedulable', node.spec?.unschedulable ? 'yes (cordoned)' : undefined],
            ['Taints', node.spec?.taints?.length ? node.spec.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ') : 'none'],
            ['Kubelet', info?.kubeletVersion],
            ['OS image', info?.osImage],
            ['Runtime', info?.containerRuntimeVersion],
            ['Capacity', Object.entries(node.status?.capacity ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')],
          ]}
        />
      </Section>
      <Section title="Allocated">
        <div class="bars">
          <Bar label="CPU requested" used={req.cpu} total={milli(alloc.cpu)} text={`${cpuText(req.cpu)} / ${cpuText(milli(alloc.cpu))}`} />
          <Bar label="Memory requested" used={req.memory} total={milli(alloc.memory)} text={`${memText(req.memory)} / ${memText(milli(alloc.memory))}`} />
          <Bar label="Pods" used={on.length} total={Number(alloc.pods ?? 0)} text={`${on.length} / ${alloc.pods ?? 0}`} />
        </div>
      </Section>
      <Conditions conditions={node.status?.conditions} />
      <Section title={`Pods (${on.length})`} wide>
        <PodTable pods={on} showNs showNode={false} />
      </Section>
    </>
  );
}

/** A ConfigMap's or Secret's data: each key and its value (a Secret's hidden until revealed). */
export function ConfigData({ obj, secret }: { obj: any; secret: boolean }) {
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const data: Record<string, string> = { ...(obj.data ?? {}) };
  const binary = Object.keys(obj.binaryData ?? {});
  const decode = (v: string) => {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
    } catch {
      return v;
    }
  };
  return (
    <Section title={`Data (${Object.keys(data).length + binary.length})`} wide>
      {secret && <Fields rows={[['Type', obj.type]]} />}
      {!Object.keys(data).length && !binary.length && <div class="muted">No data.</div>}
      {Object.entries(data).map(([k, v]) => (
        <div class="data-item" key={k}>
          <div class="data-key">
            <code>{k}</code>
            {secret && (
              <button class="btn small" type="button" onClick={() => setShown((s) => ({ ...s, [k]: !s[k] }))}>
                {shown[k] ? 'Hide' : 'Reveal'}
              </button>
            )}
          </div>
          <pre class="data-value">{secret ? (shown[k] ? decode(v) : '•'.repeat(Math.min(24, decode(v).length))) : v}</pre>
        </div>
      ))}
      {binary.map((k) => (
        <div class="data-item" key={k}>
          <code>{k}</code> <span class="muted small">binary</span>
        </div>
      ))}
    </Section>
  );
}
