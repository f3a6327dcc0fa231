/**
 * Events, newest first, live: a namespace's (the Events page) or one object's (its Events tab,
 * matched by involvedObject uid, or kind and name, as `kubectl describe` lists them).
 */
import type { Event } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { kindOf, KINDS, refOf } from '../api/resources';
import type { KubeObject } from '../api/types';
import { age, plural } from '../format';
import { href } from '../router';
import { Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';
import { ALL_NAMESPACES, objectPath } from './paths';

const when = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';

export function EventsPage({ ns }: { ns: string }) {
  const { client } = useCluster();
  const namespace = ns === ALL_NAMESPACES ? undefined : ns;
  const events = useInformer<Event>(client, refOf(KINDS.events, namespace));
  return (
    <>
      <PageHead title="Events" sub={events.synced ? `${plural(events.items.length, 'event')}${namespace ? ` in ${namespace}` : ''}` : undefined} />
      <ErrorNote error={events.error} />
      <EventTable events={events.items} synced={events.synced} showObject showNs={!namespace} />
    </>
  );
}

export function ObjectEvents({ obj }: { obj: KubeObject }) {
  const { client } = useCluster();
  // Cluster-scoped objects (nodes) have their events in the default namespace.
  const events = useInformer<Event>(client, refOf(KINDS.events, obj.metadata?.namespace || 'default'));
  const io = (e: Event) => e.involvedObject;
  const mine = events.items.filter((e) => (io(e).uid && io(e).uid === obj.metadata?.uid) || (io(e).name === obj.metadata?.name && io(e).kind === obj.kind));
  return (
    <>
      <ErrorNote error={events.error} />
      <EventTable events={mine} synced={events.synced} />
    </>
  );
}

function EventTable({ events, synced, showObject, showNs }: { events: Event[]; synced: boolean; showObject?: boolean; showNs?: boolean }) {
  const { base } = useCluster();
  const sorted = [...events].sort((a, b) => when(b).localeCompare(when(a)));
  if (!sorted.length) return <Empty synced={synced}>No events.</Empty>;
  return (
    <table class="table events" data-rows>
      <thead>
        <tr>
          <th>Last seen</th>
          <th>Type</th>
          <th>Reason</th>
          {showObject && <th>Object</th>}
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((e) => {
          const io = e.involvedObject;
          const kind = io.kind ? kindOf(io.kind) : undefined;
          return (
            <tr key={e.metadata?.uid} class={e.type === 'Warning' ? 'warning' : ''}>
              <td class="muted nowrap">
                {age(when(e))}
                {(e.count ?? 1) > 1 && <span class="small"> (×{e.count})</span>}
              </td>
              <td>
                <span class={`badge ${e.type === 'Warning' ? 'bad' : 'idle'}`}>{e.type}</span>
              </td>
              <td class="nowrap">{e.reason}</td>
              {showObject && (
                <td class="nowrap">
                  {kind && io.name ? (
                    <a href={href(objectPath(base, kind.resource, kind.namespaced ? io.namespace : undefined, io.name))} data-row>
                      {showNs && io.namespace ? `${io.namespace}/` : ''}
                      {io.kind?.toLowerCase()}/{io.name}
                    </a>
                  ) : (
                    `${io.kind}/${io.name}`
                  )}
                </td>
              )}
              <td>{e.message}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
