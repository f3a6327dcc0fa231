/**
 * The overview tab: what `kubectl describe` tells, laid out — metadata, then the kind's own
 * sections (pods: containers and conditions; controllers: replicas and their pods; services:
 * ports and endpoints; nodes: capacity and pods; config: the data), else spec and status.
 */
import type { ComponentChildren } from 'preact';
import { kindOf, type Kind } from '../api/resources';
import type { KubeObject } from '../api/types';
import { age, podStatus } from '../format';
import { href } from '../router';
import { useCluster } from './context';
import { describeNode, type WorkloadKind } from './tree';
import { nodeStatus } from './nodes';
import { objectPath } from './paths';
import { ConfigData, ControllerPods, NodeOverview, PodOverview, ServiceOverview } from './describe-kinds';

const WORKLOADS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'];

/** The status word of an object's badge ('' when its kind has none). */
export function statusOf(kind: string, o: KubeObject): string {
  const any = o as any;
  if (kind === 'Pod') return podStatus(any);
  if (WORKLOADS.includes(kind)) return describeNode(kind as WorkloadKind, any).status;
  if (kind === 'Node') return nodeStatus(any).split(',')[0];
  if (kind === 'Namespace' || kind === 'PersistentVolumeClaim' || kind === 'PersistentVolume') return any.status?.phase ?? '';
  return '';
}

export function Describe({ kind, obj }: { kind: Kind; obj: KubeObject }) {
  const any = obj as any;
  return (
    <div class="describe">
      <Metadata obj={obj} />
      {kind.kind === 'Pod' && <PodOverview pod={any} />}
      {WORKLOADS.includes(kind.kind) && <WorkloadOverview kind={kind.kind as WorkloadKind} obj={any} />}
      {kind.kind === 'Service' && <ServiceOverview svc={any} />}
      {kind.kind === 'Node' && <NodeOverview node={any} />}
      {(kind.kind === 'ConfigMap' || kind.kind === 'Secret') && <ConfigData obj={any} secret={kind.kind === 'Secret'} />}
      {!['Pod', 'Service', 'Node', 'ConfigMap', 'Secret', ...WORKLOADS].includes(kind.kind) && <Generic obj={any} />}
    </div>
  );
}

/** A titled section of the overview. */
export function Section({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <section class={`card section${wide ? ' wide' : ''}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Rows of label → value (values left out when undefined). */
export function Fields({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="fields">
      {rows
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

/** Labels (or a selector) as chips. */
export function Labels({ labels }: { labels?: Record<string, string> }) {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return <span class="muted">none</span>;
  return (
    <span class="labels">
      {entries.map(([k, v]) => (
        <code class="label" key={k}>
          {k}={v}
        </code>
      ))}
    </span>
  );
}

function Metadata({ obj }: { obj: KubeObject }) {
  const { base } = useCluster();
  const m = obj.metadata ?? {};
  const owner = m.ownerReferences?.find((r) => r.controller) ?? m.ownerReferences?.[0];
  const ownerKind = owner ? kindOf(owner.kind) : undefined;
  const annotations = Object.entries(m.annotations ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration');
  return (
    <Section title="Metadata">
      <Fields
        rows={[
          ['Name', <code>{m.name}</code>],
          ['Namespace', m.namespace],
          ['Created', m.creationTimestamp && `${new Date(m.creationTimestamp).toLocaleString()} (${age(m.creationTimestamp)} ago)`],
          ['Controlled by', owner && (ownerKind ? <a href={href(objectPath(base, ownerKind.resource, ownerKind.namespaced ? m.namespace : undefined, owner.name))}>{`${owner.kind}/${owner.name}`}</a> : `${owner.kind}/${owner.name}`)],
          ['Labels', <Labels labels={m.labels} />],
          ['Annotations', annotations.length ? <Labels labels={Object.fromEntries(annotations)} /> : undefined],
          ['Deleting', m.deletionTimestamp && `since ${age(m.deletionTimestamp)}`],
          ['UID', <code class="muted">{m.uid}</code>],
        ]}
      />
    </Section>
  );
}

/** A controller: its replica counts, conditions and (live) pods. */
function WorkloadOverview({ kind, obj }: { kind: WorkloadKind; obj: any }) {
  const s = obj.status ?? {};
  const spec = obj.spec ?? {};
  const containers = (kind === 'CronJob' ? spec.jobTemplate?.spec?.template?.spec?.containers : spec.template?.spec?.containers) ?? [];
  return (
    <>
      <Section title="Status">
        <Fields
          rows={[
            ['Summary', describeNode(kind, obj).summary],
            ['Replicas', spec.replicas !== undefined ? `${spec.replicas} desired · ${s.updatedReplicas ?? 0} updated · ${s.readyReplicas ?? 0} ready · ${s.availableReplicas ?? 0} available` : undefined],
            ['Strategy', spec.strategy?.type ?? spec.updateStrategy?.type],
            ['Selector', spec.selector?.matchLabels && <Labels labels={spec.selector.matchLabels} />],
            ['Schedule', spec.schedule],
            ['Last schedule', s.lastScheduleTime && `${age(s.lastScheduleTime)} ago`],
            ['Completions', spec.completions !== undefined ? `${s.succeeded ?? 0}/${spec.completions}` : undefined],
            ['Images', containers.map((c: any) => c.image).join(', ')],
          ]}
        />
      </Section>
      <Conditions conditions={s.conditions} />
      <ControllerPods owner={obj} kind={kind} />
    </>
  );
}

/** A conditions table (type, status, reason, message, last transition). */
export function Conditions({ conditions }: { conditions?: any[] }) {
  if (!conditions?.length) return null;
  return (
    <Section title="Conditions" wide>
      <table class="table compact">
        <thead>
          <tr>
            <th>Type</th>
            <th>Status</th>
            <th>Reason</th>
            <th>Message</th>
            <th>Changed</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.type}>
              <td>{c.type}</td>
              <td class={c.status === 'True' ? 'ok-text' : 'muted'}>{c.status}</td>
              <td>{c.reason}</td>
              <td class="muted">{c.message}</td>
              <td class="muted">{age(c.lastTransitionTime ?? c.lastUpdateTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** Any other kind: its spec and status as nested fields. */
function Generic({ obj }: { obj: any }) {
  const rest = Object.entries(obj).filter(([k]) => !['apiVersion', 'kind', 'metadata'].includes(k));
  if (!rest.length) return null;
  return (
    <>
      {rest.map(([k, v]) => (
        <Section title={k[0].toUpperCase() + k.slice(1)} key={k} wide>
          <Value v={v} />
        </Section>
      ))}
    </>
  );
}

function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined) return <span class="muted">—</span>;
  if (typeof v !== 'object') return <code>{String(v)}</code>;
  if (Array.isArray(v)) {
    if (!v.length) return <span class="muted">[]</span>;
    return (
      <ol class="value-list">
        {v.map((x, i) => (
          <li key={i}>
            <Value v={x} />
          </li>
        ))}
      </ol>
    );
  }
  return <Fields rows={Object.entries(v as object).map(([k, x]) => [k, <Value v={x} />])} />;
}
