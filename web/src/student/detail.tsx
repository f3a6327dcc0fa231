/**
 * One object's page, live from a watch of it (fieldSelector metadata.name): a describe-like
 * overview, its YAML (edit and server-side apply), its events, and for a pod its logs and a
 * terminal. Each tab has its own deep link: `/ns/default/pods/web-1/logs`.
 */
import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useInformer } from '../api/hooks';
import { kindOf, refOf, type Kind } from '../api/resources';
import type { KubeObject } from '../api/types';
import { age } from '../format';
import { href, navigate } from '../router';
import { Badge, ErrorNote } from '../components/ui';
import { useCluster } from './context';
import { Describe, statusOf } from './describe';
import { ObjectEvents } from './events';
import { objectPath, sectionPath } from './paths';
import { YamlTab } from './yaml';
import { LogsTab } from './logs';

/** The terminal tab, loaded on first use: xterm.js is the biggest thing on the page. */
function LazyTerminal({ pod }: { pod: KubeObject }) {
  const [Tab, setTab] = useState<FunctionComponent<{ pod: KubeObject }>>();
  useEffect(() => {
    void import('./terminal').then((m) => setTab(() => m.TerminalTab));
  }, []);
  return Tab ? <Tab pod={pod} /> : <div class="empty">Loading the terminal…</div>;
}

interface Tab {
  id: string;
  label: string;
}

export function DetailPage({ resource, ns, name, tab }: { resource: string; ns?: string; name: string; tab?: string }) {
  const { client, base, readOnly } = useCluster();
  const kind = kindOf(resource);
  const live = useInformer<KubeObject>(client, kind ? refOf(kind, ns) : undefined, { fieldSelector: `metadata.name=${name}` });
  if (!kind) return <div class="empty">kubeplay's dashboard does not know the resource “{resource}”.</div>;
  const obj = live.items.find((o) => o.metadata?.name === name);
  const tabs: Tab[] = [
    { id: '', label: 'Overview' },
    { id: 'yaml', label: 'YAML' },
    { id: 'events', label: 'Events' },
    ...(resource === 'pods' ? [{ id: 'logs', label: 'Logs' }, ...(readOnly ? [] : [{ id: 'terminal', label: 'Terminal' }])] : []),
  ];
  const current = tabs.find((t) => t.id === (tab ?? '')) ?? tabs[0];
  const path = (t: string) => objectPath(base, resource, ns, name, t || undefined);
  return (
    <>
      <Breadcrumbs kind={kind} ns={ns} name={name} />
      <div class="detail-head">
        <span class={`kind-tag ${kind.kind.toLowerCase()}`}>{kind.kind}</span>
        <h1 class="detail-name">{name}</h1>
        {obj && statusOf(kind.kind, obj) && <Badge status={statusOf(kind.kind, obj)} />}
        {obj && <span class="muted small">created {age(obj.metadata?.creationTimestamp)} ago</span>}
        <div class="page-actions">
          {obj && !readOnly && SCALABLE.includes(kind.resource) && <ScaleControl kind={kind} obj={obj} />}
          {obj && !readOnly && <DeleteButton kind={kind} obj={obj} />}
        </div>
      </div>
      <nav class="tabs" role="tablist" aria-label={`${kind.kind} ${name}`}>
        {tabs.map((t) => (
          <a role="tab" aria-selected={t === current} class={t === current ? 'active' : ''} href={href(path(t.id))} key={t.id}>
            {t.label}
          </a>
        ))}
      </nav>
      <ErrorNote error={live.error} />
      {live.synced && !obj && (
        <div class="note bad" role="alert">
          {kind.kind} “{name}” {ns ? `is not in the namespace ${ns}` : 'does not exist'} (any more).
        </div>
      )}
      {obj && (
        <div class="tab-body" role="tabpanel">
          {current.id === '' && <Describe kind={kind} obj={obj} />}
          {current.id === 'yaml' && <YamlTab kind={kind} obj={obj} />}
          {current.id === 'events' && <ObjectEvents obj={obj} />}
          {current.id === 'logs' && <LogsTab pod={obj} />}
          {current.id === 'terminal' && <LazyTerminal pod={obj} />}
        </div>
      )}
    </>
  );
}

function Breadcrumbs({ kind, ns, name }: { kind: Kind; ns?: string; name: string }) {
  const { base } = useCluster();
  const section = kind.resource === 'pods' ? 'pods' : ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'].includes(kind.resource) ? 'workloads' : ['services', 'endpoints'].includes(kind.resource) ? 'services' : ['configmaps', 'secrets'].includes(kind.resource) ? 'config' : kind.resource;
  const crumbs: [string, string | undefined][] = ns
    ? [
        [ns, sectionPath(base, ns, 'workloads')],
        [section, sectionPath(base, ns, section)],
        [name, undefined],
      ]
    : [
        [kind.resource, kind.resource === 'nodes' ? `${base}/nodes` : kind.resource === 'namespaces' ? `${base}/namespaces` : undefined],
        [name, undefined],
      ];
  return (
    <nav class="obj-crumbs" aria-label="Breadcrumb">
      {crumbs.map(([label, to], i) => (
        <span key={i}>
          {i > 0 && <span class="sep">/</span>}
          {to ? <a href={href(to)}>{label}</a> : <span aria-current="page">{label}</span>}
        </span>
      ))}
    </nav>
  );
}

const SCALABLE = ['deployments', 'statefulsets', 'replicasets'];

/** − n + : the scale subresource, as `kubectl scale` (a merge patch of spec.replicas). */
function ScaleControl({ kind, obj }: { kind: Kind; obj: KubeObject }) {
  const { client } = useCluster();
  const [error, setError] = useState<string>();
  const replicas: number = (obj as any).spec?.replicas ?? 1;
  const scale = async (n: number) => {
    setError(undefined);
    try {
      await client.mergePatch({ ...refOf(kind, obj.metadata?.namespace, obj.metadata?.name), subresource: 'scale' }, { spec: { replicas: n } });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <span class="scale" role="group" aria-label="Replicas">
      <span class="muted small">replicas</span>
      <button class="btn small" type="button" aria-label="Scale down" disabled={replicas <= 0} onClick={() => scale(replicas - 1)}>
        −
      </button>
      <output aria-live="polite">{replicas}</output>
      <button class="btn small" type="button" aria-label="Scale up" onClick={() => scale(replicas + 1)}>
        +
      </button>
      {error && <span class="error small">{error}</span>}
    </span>
  );
}

function DeleteButton({ kind, obj }: { kind: Kind; obj: KubeObject }) {
  const { client, base } = useCluster();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const ns = obj.metadata?.namespace;
  const name = obj.metadata!.name!;
  if (!asking) {
    return (
      <button class="btn small danger" type="button" onClick={() => setAsking(true)}>
        Delete…
      </button>
    );
  }
  return (
    <Confirm onCancel={() => setAsking(false)}>
      <span>
        Delete {kind.kind.toLowerCase()} <code>{name}</code>?
      </span>
      <button
        class="btn small danger"
        type="button"
        onClick={async () => {
          try {
            await client.remove(refOf(kind, ns, name));
            navigate(ns ? sectionPath(base, ns, 'workloads') : `${base}/nodes`);
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        Delete
      </button>
      {error && <span class="error small">{error}</span>}
    </Confirm>
  );
}

function Confirm({ children, onCancel }: { children: ComponentChildren; onCancel: () => void }) {
  return (
    <span class="confirm" role="group" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      {children}
      <button class="btn small" type="button" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
