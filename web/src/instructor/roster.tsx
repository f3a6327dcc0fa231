/**
 * A classroom's roster: one row per student with their cluster's state, object count, pods
 * running / pending / failing, alarms fired and last activity, polled from the admin API every
 * few seconds (each answer asks every student's cluster); the actions on each student.
 */
import { useState } from 'preact/hooks';
import { age } from '../format';
import { href } from '../router';
import { Badge, ErrorNote, PageHead } from '../components/ui';
import type { AdminApi, RosterEntry } from './api';
import { useStudentActions, type Outcome } from './actions';
import { usePoll, useTick } from './poll';
import { studentPath } from './paths';

/** How often the roster asks again. */
export const ROSTER_POLL_MS = 4000;
/** A cluster counts as active when it was used this recently. */
const ACTIVE_MS = 5 * 60_000;

type SortKey = 'student' | 'activity' | 'failing' | 'objects';

const SORTS: Record<SortKey, [string, (a: RosterEntry, b: RosterEntry) => number]> = {
  student: ['Student', (a, b) => a.student.localeCompare(b.student, undefined, { numeric: true })],
  activity: ['Last activity', (a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? '')],
  failing: ['Failing pods', (a, b) => (b.pods?.failing ?? 0) - (a.pods?.failing ?? 0)],
  objects: ['Objects', (a, b) => b.objectCount - a.objectCount],
};

export function RosterPage({ api, room }: { api: AdminApi; room: string }) {
  const polled = usePoll(() => api.classroom(room), ROSTER_POLL_MS, [room]);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('student');
  const [outcome, setOutcome] = useState<Outcome>();
  useTick(1000);
  const actions = useStudentActions(api, room, (o) => {
    setOutcome(o);
    polled.refresh();
  });
  const data = polled.data;
  const now = Date.now();
  const students = (data?.students ?? []).filter((s) => s.student.includes(filter.trim())).sort(SORTS[sort][1]);
  const all = data?.students ?? [];
  const active = all.filter((s) => s.lastActivityAt && now - Date.parse(s.lastActivityAt) < ACTIVE_MS).length;
  const total = (k: 'running' | 'pending' | 'failing') => all.reduce((n, s) => n + (s.pods?.[k] ?? 0), 0);
  const failingStudents = all.filter((s) => (s.pods?.failing ?? 0) > 0).map((s) => s.student);
  const settings = data?.classroom.settings;

  return (
    <>
      <PageHead
        title={room}
        sub={
          data ? (
            <>
              {all.length} students · profile {settings?.profile ?? 'realistic'}
              {settings?.nodes?.count ? ` · ${settings.nodes.count} nodes each` : ''}
              {settings?.access ? ` · students have ${settings.access.role}${settings.access.namespace ? ` in ${settings.access.namespace}` : ''}` : ''}
            </>
          ) : (
            'Loading…'
          )
        }
      >
        <LiveStamp at={polled.at} failed={!!polled.error} />
      </PageHead>
      <ErrorNote error={polled.error} />
      {outcome && (
        <div class={`note ${outcome.ok ? 'good' : 'bad'}`} role="status">
          {outcome.text}
        </div>
      )}
      {data && (
        <div class="stats" aria-label="Classroom summary">
          <Stat label="Students" value={all.length} />
          <Stat label="Active (5 min)" value={active} />
          <Stat label="Pods running" value={total('running')} tone="ok" />
          <Stat label="Pods pending" value={total('pending')} tone={total('pending') ? 'warn' : undefined} />
          <Stat label="Pods failing" value={total('failing')} tone={total('failing') ? 'bad' : undefined} hint={failingStudents.length ? failingStudents.join(', ') : undefined} />
        </div>
      )}
      <div class="toolbar">
        <input type="search" data-filter placeholder="Filter students  ( / )" aria-label="Filter students" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
        <label class="muted small">
          Sort by{' '}
          <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as SortKey)} aria-label="Sort by">
            {Object.entries(SORTS).map(([k, [label]]) => (
              <option value={k} key={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!data && !polled.error && <div class="empty">Asking every cluster for its state…</div>}
      {data && !all.length && <div class="empty">No students in this classroom yet. Add some with <code>npx kubeplay classroom add {room} --students …</code></div>}
      {data && all.length > 0 && (
        <div class="table-wrap">
          <table class="table roster" aria-label={`Roster of ${room}`} aria-rowcount={students.length}>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Cluster</th>
                <th scope="col" class="num">Objects</th>
                <th scope="col" class="num" title="pods running (outside the system namespaces)">Running</th>
                <th scope="col" class="num" title="pods pending">Pending</th>
                <th scope="col" class="num" title="pods failing: Failed, CrashLoopBackOff, ImagePullBackOff…">Failing</th>
                <th scope="col" class="num hide-narrow">Alarms</th>
                <th scope="col">Last activity</th>
                <th scope="col" class="actions-col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {students.map((s) => (
                <Row key={s.tenant} s={s} room={room} now={now} ask={actions.ask} kubeconfig={actions.getKubeconfig} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {actions.element}
    </>
  );
}

function Row({ s, room, now, ask, kubeconfig }: { s: RosterEntry; room: string; now: number; ask: (k: 'reset' | 'revoke', s: string) => void; kubeconfig: (s: string) => void }) {
  const last = s.lastActivityAt ? Date.parse(s.lastActivityAt) : undefined;
  const recent = last !== undefined && now - last < 60_000;
  const p = s.pods;
  const failing = (p?.failing ?? 0) > 0;
  return (
    <tr data-student={s.student} class={failing ? 'row-bad' : ''}>
      <th scope="row">
        <a href={href(studentPath(room, s.student))} data-row class="student-link" title={`cluster ${s.tenant}`}>
          {s.student}
        </a>
      </th>
      <td data-col="state">
        <Badge status={s.state !== 'active' ? s.state : recent ? 'Active' : last === undefined ? 'New' : 'Idle'} title={`state: ${s.state}`} />
      </td>
      <td class="num" data-col="objects">
        {s.objectCount}
      </td>
      <PodCell n={p?.running} tone="ok" col="running" />
      <PodCell n={p?.pending} tone="warn" col="pending" />
      <PodCell n={p?.failing} tone="bad" col="failing" />
      <td class="num hide-narrow" data-col="alarms">
        {s.alarms ?? '–'}
      </td>
      <td data-col="activity" title={s.lastActivityAt ?? 'never'}>
        {last === undefined ? <span class="muted">never</span> : <>{age(s.lastActivityAt!, now)} ago</>}
      </td>
      <td class="actions-col">
        <div class="row-actions">
          <a class="btn small" href={href(`${studentPath(room, s.student)}/cluster`)} title="Open the cluster read-only (ClusterRole view)">
            Open
          </a>
          <button class="btn small" type="button" onClick={() => kubeconfig(s.student)} title="Download a fresh kubeconfig (a new token; earlier ones keep working)" aria-label={`Download a kubeconfig for ${s.student}`}>
            ↓<span class="hide-narrow"> kubeconfig</span>
          </button>
          <button class="btn small danger" type="button" onClick={() => ask('reset', s.student)}>
            Reset…
          </button>
          <button class="btn small danger hide-mid" type="button" onClick={() => ask('revoke', s.student)}>
            Revoke…
          </button>
        </div>
      </td>
    </tr>
  );
}

/** A pod count, coloured when not zero. */
function PodCell({ n, tone, col }: { n?: number; tone: 'ok' | 'warn' | 'bad'; col: string }) {
  return (
    <td class="num" data-col={col}>
      {n === undefined ? <span class="muted">–</span> : <span class={`count ${tone}${n ? '' : ' zero'}`}>{n}</span>}
    </td>
  );
}

function Stat({ label, value, tone, hint }: { label: string; value: number; tone?: 'ok' | 'warn' | 'bad'; hint?: string }) {
  return (
    <div class={`stat${tone ? ` ${tone}` : ''}`} title={hint}>
      <div class="stat-value">{value}</div>
      <div class="stat-label">{label}</div>
    </div>
  );
}

/** "Live · updated 2s ago", or that the last poll failed. */
export function LiveStamp({ at, failed }: { at?: number; failed?: boolean }) {
  if (!at) return null;
  const s = Math.max(0, Math.round((Date.now() - at) / 1000));
  return (
    <span class={`live${failed ? ' stale' : ''}`} aria-live="off">
      <span class="dot" /> {failed ? 'Not updating' : 'Live'} · {s < 2 ? 'just now' : `${s}s ago`}
    </span>
  );
}
