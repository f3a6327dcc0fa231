/** Pods of a namespace (or all), live, with a filter over names, labels, nodes and statuses (`/`). */
import { useState } from 'preact/hooks';
import type { Pod } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { podStatus } from '../format';
import { Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';
import { PodTable } from './lists';
import { ALL_NAMESPACES } from './paths';

/** Whether a pod matches the filter: every word is found in its name, labels, node or status. */
export function podMatches(p: Pod, filter: string): boolean {
  const hay = [p.metadata?.name, p.metadata?.namespace, p.spec?.nodeName, podStatus(p), ...Object.entries(p.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`)].join(' ').toLowerCase();
  return filter.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

export function PodsPage({ ns }: { ns: string }) {
  const { client } = useCluster();
  const namespace = ns === ALL_NAMESPACES ? undefined : ns;
  const pods = useInformer<Pod>(client, refOf(KINDS.pods, namespace));
  const [filter, setFilter] = useState('');
  const shown = pods.items.filter((p) => podMatches(p, filter)).sort((a, b) => (a.metadata!.namespace ?? '').localeCompare(b.metadata!.namespace ?? '') || a.metadata!.name!.localeCompare(b.metadata!.name!));
  return (
    <>
      <PageHead title="Pods" sub={pods.synced ? `${shown.length} of ${pods.items.length} pods` : undefined}>
        <input type="search" data-filter placeholder="Filter (press /)" aria-label="Filter pods" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
      </PageHead>
      <ErrorNote error={pods.error} />
      {!shown.length ? <Empty synced={pods.synced}>{filter ? 'No pod matches the filter.' : 'No pods.'}</Empty> : <PodTable pods={shown} showNs={!namespace} />}
    </>
  );
}
