/**
 * The student's view of their cluster: the shell, the namespace picker and the routes. Each page
 * and each object has a deep link (`#/ns/default/pods/web-1/logs`); `_all` means all namespaces.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Namespace } from 'kubernetes-types/core/v1';
import { KubeClient } from '../api/client';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import type { Session } from '../api/session';
import { Shell, type NavItem } from '../components/shell';
import { useShortcuts } from '../keys';
import { match, navigate, useRoute } from '../router';
import { ClusterContext, useCluster } from './context';
import { NodesPage } from './nodes';
import { NamespacesPage } from './namespaces';
import { pageFor } from './routes';

import { ALL_NAMESPACES as ALL } from './paths';

const LAST_NS = 'kubeplay.namespace';

/** How often the pages redraw so that ages (`45s`, `3m`) move on between watch events. */
const AGE_TICK_MS = 10_000;

/** Re-render every `ms` (ages are computed when drawn). */
export function useTicker(ms: number): void {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}

/** The sections of a cluster, with their `g`-shortcuts. */
export function clusterNav(base: string, path: string, ns: string): NavItem[] {
  const inNs = (s: string) => `${base}/ns/${ns}/${s}`;
  const items: [string, string, string][] = [
    ['Workloads', inNs('workloads'), 'w'],
    ['Pods', inNs('pods'), 'p'],
    ['Nodes', `${base}/nodes`, 'n'],
    ['Services', inNs('services'), 's'],
    ['Config', inNs('config'), 'c'],
    ['Events', inNs('events'), 'e'],
    ['Namespaces', `${base}/namespaces`, 'a'],
  ];
  const section = (p: string) => p.slice(base.length).split('?')[0].split('/').filter(Boolean);
  const raw = section(path);
  // An object page of a cluster-scoped kind (`/cluster/nodes/x`) belongs to that kind's section.
  const cur = raw[0] === 'cluster' ? raw.slice(1) : raw;
  return items.map(([label, p, key]) => {
    const target = section(p);
    const active = target[0] === 'ns' ? cur[0] === 'ns' && sectionOf(cur) === target[2] : cur[0] === target[0];
    return { label, path: p, key, active };
  });
}

/** Which section an `/ns/<ns>/<resource>/…` path belongs to. */
function sectionOf(parts: string[]): string {
  const r = parts[2];
  if (['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'workloads'].includes(r)) return 'workloads';
  if (['configmaps', 'secrets', 'config'].includes(r)) return 'config';
  if (['services', 'endpoints'].includes(r)) return 'services';
  return r;
}

/** The namespace of a path (or the last one used, or default). */
export function namespaceOf(path: string): string {
  const m = /^\/ns\/([^/?]+)/.exec(path);
  if (m) {
    const ns = decodeURIComponent(m[1]);
    sessionStorage.setItem(LAST_NS, ns);
    return ns;
  }
  return sessionStorage.getItem(LAST_NS) ?? 'default';
}

export function StudentApp({ session, logout }: { session: Session; logout: (reason?: string) => void }) {
  const client = useMemo(() => new KubeClient(session.tenant!, session.token, () => logout('The server refused your token: log in again.')), [session.token]);
  const view = useMemo(() => ({ client, readOnly: false, base: '' }), [client]);
  const path = useRoute();
  useTicker(AGE_TICK_MS);
  const ns = namespaceOf(path);
  const nav = clusterNav('', path, ns);
  useShortcuts(nav);
  const home = path === '/' || path === '';
  useEffect(() => {
    if (home) navigate(`/ns/${ns}/workloads`, true);
  }, [home]);
  if (home) return null;
  return (
    <ClusterContext.Provider value={view}>
      <Shell
        title={<span class="cluster-name" title="your cluster">{session.tenant}</span>}
        context={<NamespacePicker ns={ns} path={path} />}
        nav={nav}
        actions={
          <>
            <span class="muted small user" title="logged in as">
              {session.user}
            </span>
            <button class="btn small" type="button" onClick={() => logout()}>
              Log out
            </button>
          </>
        }
      >
        <ClusterPage path={path} />
      </Shell>
    </ClusterContext.Provider>
  );
}

/** The page of a path below the cluster's base. */
export function ClusterPage({ path }: { path: string }) {
  if (match('/nodes', path)) return <NodesPage />;
  if (match('/namespaces', path)) return <NamespacesPage />;
  return pageFor(path) ?? <NotFound path={path} />;
}

function NotFound({ path }: { path: string }) {
  return (
    <div class="empty">
      No page at <code>{path}</code>.
    </div>
  );
}

/** The namespace picker: a select over the live namespaces (plus "all namespaces"); the instructor's read-only view uses it too. */
export function NamespacePicker({ ns, path }: { ns: string; path: string }) {
  const { client, base } = useCluster();
  const namespaces = useInformer<Namespace>(client, refOf(KINDS.namespaces));
  const names = namespaces.items.map((n) => n.metadata!.name!).sort();
  if (!names.includes(ns) && ns !== ALL) names.unshift(ns);
  const onChange = (next: string) => {
    const rest = /^\/ns\/[^/?]+(\/[^/?]+)?/.exec(path.slice(base.length));
    const section = rest?.[1] ?? '/workloads';
    navigate(`${base}/ns/${next}${section}`);
  };
  return (
    <label class="ns-picker">
      <span class="muted small">Namespace</span>
      <select value={ns} onChange={(e) => onChange((e.target as HTMLSelectElement).value)} aria-label="Namespace">
        <option value={ALL}>All namespaces</option>
        {names.map((n) => (
          <option value={n} key={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
