/**
 * A student's cluster, read-only, for the instructor: the student's own pages (the same
 * components, in a ClusterContext marked readOnly) through the public Kubernetes API with a
 * short-lived token of the ClusterRole view, minted by the admin API — the same RBAC as kubectl,
 * so no Secret, exec or edit is possible, whatever the page offers.
 */
import { useEffect, useState } from 'preact/hooks';
import { KubeClient } from '../api/client';
import { ErrorNote } from '../components/ui';
import { navigate } from '../router';
import type { ClusterView } from '../student/context';
import { ClusterPage, namespaceOf } from '../student/app';
import type { AdminApi } from './api';
import { studentPath } from './paths';

/** Tokens minted in this tab, by room/student, reused until a few minutes before they expire. */
const tokens = new Map<string, { tenant: string; token: string; expiresAt: number }>();
const MARGIN_MS = 5 * 60_000;

/** The path prefix of a student's read-only cluster pages. */
export const clusterBase = (room: string, student: string) => `${studentPath(room, student)}/cluster`;

/** The read-only view of a student's cluster (a fresh token when none is usable); nothing without a student. */
export function useViewClient(api: AdminApi, room?: string, student?: string): { view?: ClusterView; error?: Error } {
  const [state, setState] = useState<{ view?: ClusterView; error?: Error }>({});
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    setState({});
    if (!room || !student) return;
    let alive = true;
    const key = `${room}/${student}`;
    (async () => {
      let t = tokens.get(key);
      if (!t || t.expiresAt - Date.now() < MARGIN_MS) {
        const r = await api.viewToken(room, student);
        t = { tenant: r.tenant, token: r.token, expiresAt: Date.parse(r.expiresAt) };
        tokens.set(key, t);
      }
      // A refused token (revoked with the student's, or expired): mint another.
      const client = new KubeClient(t.tenant, t.token, () => {
        tokens.delete(key);
        setGeneration((g) => g + 1);
      });
      if (alive) setState({ view: { client, readOnly: true, base: clusterBase(room, student) } });
    })().catch((e) => alive && setState({ error: e as Error }));
    return () => {
      alive = false;
    };
  }, [room, student, generation]);
  return state;
}

/** The page of `path` (the full route) in a student's read-only cluster. */
export function ReadOnlyCluster({ view, error, room, student, path }: { view?: ClusterView; error?: Error; room: string; student: string; path: string }) {
  const base = clusterBase(room, student);
  const sub = path.slice(base.length) || '/';
  if (sub === '/') {
    navigate(`${base}/ns/${namespaceOf('/')}/workloads`, true);
    return null;
  }
  if (error) return <ErrorNote error={error as never} />;
  if (!view) return <div class="empty">Opening {student}'s cluster…</div>;
  return (
    <>
      <div class="readonly-banner" role="note">
        <strong>Read-only</strong> — {student}'s cluster as the ClusterRole <code>view</code> shows it: no Secrets, no terminal, no edits. Your reads go into the student's audit trail under your name.
      </div>
      <ClusterPage path={sub} />
    </>
  );
}
