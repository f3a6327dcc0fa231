/**
 * The instructor's view (admin token): classrooms → a classroom's live roster → a student's
 * timeline and actions → the student's cluster, read-only. Deep links for each
 * (`#/classrooms/<room>/students/<student>/cluster/ns/default/pods`).
 */
import { useMemo } from 'preact/hooks';
import type { Session } from '../api/session';
import { Shell, type NavItem } from '../components/shell';
import { useShortcuts } from '../keys';
import { href, match, navigate, useRoute } from '../router';
import { ClusterContext } from '../student/context';
import { clusterNav, NamespacePicker, namespaceOf } from '../student/app';
import { AdminApi } from './api';
import { ClassroomsPage } from './classrooms';
import { clusterBase, ReadOnlyCluster, useViewClient } from './cluster';
import { roomPath, studentPath } from './paths';
import { RosterPage } from './roster';
import { StudentPage } from './student';
import './instructor.css';

/** Where a route is: a classroom, a student, inside their cluster. */
function place(path: string): { room?: string; student?: string; inCluster: boolean } {
  const c = match('/classrooms/:room/students/:student/cluster/*', path);
  if (c) return { room: c.room, student: c.student, inCluster: true };
  const s = match('/classrooms/:room/students/:student', path);
  if (s) return { room: s.room, student: s.student, inCluster: false };
  const r = match('/classrooms/:room', path);
  return { room: r?.room, inCluster: false };
}

export function InstructorApp({ session, logout }: { session: Session; logout: (reason?: string) => void }) {
  const api = useMemo(() => new AdminApi(session.token, () => logout('The server refused the admin token: log in again.')), [session.token]);
  const path = useRoute();
  const at = place(path);
  const ns = at.inCluster ? namespaceOf(path.slice(clusterBase(at.room!, at.student!).length)) : 'default';

  const nav: NavItem[] = [{ label: 'Classrooms', path: '/classrooms', key: 'h', active: path === '/classrooms' }];
  if (at.room) nav.push({ label: 'Roster', path: roomPath(at.room), key: 'r', active: !at.student });
  if (at.room && at.student) {
    nav.push({ label: 'Timeline', path: studentPath(at.room, at.student), key: 't', active: !at.inCluster });
    if (!at.inCluster) nav.push({ label: 'Cluster (read-only)', path: clusterBase(at.room, at.student), key: 'o', active: false });
    else nav.push(...clusterNav(clusterBase(at.room, at.student), path, ns));
  }
  useShortcuts(nav);
  const cluster = useViewClient(api, at.inCluster ? at.room : undefined, at.inCluster ? at.student : undefined);

  if (path === '/' || path === '') {
    navigate('/classrooms', true);
    return null;
  }
  const title = (
    <nav class="crumbs" aria-label="Breadcrumb">
      <a href={href('/classrooms')}>Classrooms</a>
      {at.room && (
        <>
          <span aria-hidden="true">›</span>
          <a href={href(roomPath(at.room))}>{at.room}</a>
        </>
      )}
      {at.student && (
        <>
          <span aria-hidden="true">›</span>
          <a href={href(studentPath(at.room!, at.student))}>{at.student}</a>
        </>
      )}
      {at.inCluster && <span class="badge idle">read-only</span>}
    </nav>
  );
  const shell = (
    <Shell
      title={title}
      context={at.inCluster && cluster.view ? <NamespacePicker ns={ns} path={path} /> : undefined}
      nav={nav}
      actions={
        <>
          <span class="muted small user" title="logged in with the admin token">
            instructor{session.user ? ` (${session.user})` : ''}
          </span>
          <button class="btn small" type="button" onClick={() => logout()}>
            Log out
          </button>
        </>
      }
    >
      {at.inCluster ? <ReadOnlyCluster {...cluster} room={at.room!} student={at.student!} path={path} /> : <Page api={api} path={path} at={at} />}
    </Shell>
  );
  // The student's pages (and the namespace picker) read their cluster from the context.
  return cluster.view ? <ClusterContext.Provider value={cluster.view}>{shell}</ClusterContext.Provider> : shell;
}

function Page({ api, path, at }: { api: AdminApi; path: string; at: ReturnType<typeof place> }) {
  if (match('/classrooms', path)) return <ClassroomsPage api={api} />;
  if (at.student) return <StudentPage api={api} room={at.room!} student={at.student} />;
  if (at.room) return <RosterPage api={api} room={at.room} />;
  return (
    <div class="empty">
      No page at <code>{path}</code>. <a href={href('/classrooms')}>Classrooms</a>
    </div>
  );
}
