/** One student: their cluster's state and the actions on it, above their audit timeline. */
import { useState } from 'preact/hooks';
import { Badge, ErrorNote, PageHead } from '../components/ui';
import { age } from '../format';
import { href } from '../router';
import type { AdminApi } from './api';
import { useStudentActions, type Outcome } from './actions';
import { usePoll } from './poll';
import { ROSTER_POLL_MS } from './roster';
import { studentPath } from './paths';
import { Timeline } from './timeline';

export function StudentPage({ api, room, student }: { api: AdminApi; room: string; student: string }) {
  const [outcome, setOutcome] = useState<Outcome>();
  const polled = usePoll(() => api.http.json<import('./api').RosterEntry>(`/classrooms/${encodeURIComponent(room)}/students/${encodeURIComponent(student)}`), ROSTER_POLL_MS, [room, student]);
  const actions = useStudentActions(api, room, (o) => {
    setOutcome(o);
    polled.refresh();
  });
  const s = polled.data;
  const p = s?.pods;
  return (
    <>
      <PageHead
        title={student}
        sub={
          s ? (
            <span class="mono small">
              {s.tenant} · created {age(s.createdAt)} ago
            </span>
          ) : (
            'Loading…'
          )
        }
      >
        <a class="btn primary" href={href(`${studentPath(room, student)}/cluster`)}>
          Open cluster (read-only)
        </a>
        <button class="btn" type="button" onClick={() => void actions.getKubeconfig(student)}>
          Download kubeconfig
        </button>
        <button class="btn danger" type="button" onClick={() => actions.ask('reset', student)}>
          Reset…
        </button>
        <button class="btn danger" type="button" onClick={() => actions.ask('revoke', student)}>
          Revoke…
        </button>
      </PageHead>
      <ErrorNote error={polled.error} />
      {outcome && (
        <div class={`note ${outcome.ok ? 'good' : 'bad'}`} role="status">
          {outcome.text}
        </div>
      )}
      {s && (
        <div class="stats" aria-label={`${student}'s cluster`}>
          <div class="stat">
            <div class="stat-value">
              <Badge status={s.state === 'active' ? 'Active' : s.state} />
            </div>
            <div class="stat-label">Cluster</div>
          </div>
          <div class="stat" data-stat="objects">
            <div class="stat-value">{s.objectCount}</div>
            <div class="stat-label">Objects</div>
          </div>
          <div class="stat ok">
            <div class="stat-value">{p?.running ?? '–'}</div>
            <div class="stat-label">Pods running</div>
          </div>
          <div class={`stat${p?.pending ? ' warn' : ''}`}>
            <div class="stat-value">{p?.pending ?? '–'}</div>
            <div class="stat-label">Pods pending</div>
          </div>
          <div class={`stat${p?.failing ? ' bad' : ''}`}>
            <div class="stat-value">{p?.failing ?? '–'}</div>
            <div class="stat-label">Pods failing</div>
          </div>
          <div class="stat">
            <div class="stat-value">{s.lastActivityAt ? `${age(s.lastActivityAt)}` : 'never'}</div>
            <div class="stat-label">Since last request</div>
          </div>
          <div class="stat">
            <div class="stat-value">{s.alarms ?? '–'}</div>
            <div class="stat-label">Alarms fired</div>
          </div>
        </div>
      )}
      <Timeline api={api} room={room} student={student} />
      {actions.element}
    </>
  );
}
