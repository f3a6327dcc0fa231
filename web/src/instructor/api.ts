/**
 * The classroom API (`/admin/v1`, src/http/admin.ts) as the instructor's pages use it: the
 * classrooms, a roster with each cluster's live state, a student's audit timeline in pages, and
 * the actions on one student (reset, revoke, a fresh kubeconfig, a read-only token).
 */
import { HttpClient } from '../api/client';

/** A classroom as listed. */
export interface Classroom {
  name: string;
  id: string;
  settings: { profile?: string; nodes?: { count?: number }; access?: { role: string; namespace?: string } };
  createdAt: string;
  students?: number;
}

/** A student's pods by state (live stats only). */
export interface PodCounts {
  running: number;
  pending: number;
  failing: number;
  succeeded: number;
}

/** One student of a roster: the cluster's state as the admin API reports it. */
export interface RosterEntry {
  student: string;
  tenant: string;
  server: string;
  state: string;
  objectCount: number;
  lastActivityAt: string | null;
  alarms?: number;
  pods?: PodCounts;
  createdAt: string;
  tokensNotBefore: number;
}

/** One audit record (an audit.k8s.io/v1 Event with its student and tenant). */
export interface AuditEvent {
  student: string | null;
  tenant: string;
  auditID: string;
  stage: string;
  requestURI: string;
  verb: string;
  user: { username: string; groups: string[] };
  impersonatedUser?: { username: string };
  userAgent?: string;
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string; apiVersion?: string; subresource?: string };
  responseStatus: { code: number };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations: Record<string, string>;
}

/** The annotations the admin API puts the kubectl command and invocation in. */
export const COMMAND = 'kubeplay.dev/kubectl-command';
export const SESSION = 'kubeplay.dev/kubectl-session';

/** A page of audit records, newest first. */
export interface AuditPage {
  items: AuditEvent[];
  continue?: string;
}

/** A read-only token for one student's cluster (the ClusterRole view). */
export interface ViewToken {
  student: string;
  tenant: string;
  token: string;
  user: string;
  expiresAt: string;
}

const enc = encodeURIComponent;

/** The classroom API with the instructor's admin token. */
export class AdminApi {
  readonly http: HttpClient;

  constructor(token: string, onUnauthorized?: () => void) {
    this.http = new HttpClient('/admin/v1', token, onUnauthorized);
  }

  async classrooms(): Promise<Classroom[]> {
    return (await this.http.json<{ items: Classroom[] }>('/classrooms')).items;
  }

  /** A classroom and its roster, each cluster asked for its state now. */
  classroom(name: string): Promise<{ classroom: Classroom; students: RosterEntry[] }> {
    return this.http.json(`/classrooms/${enc(name)}`);
  }

  /** A student's audit records, newest first: after `cont` (a page's `continue`), or from `since` (epoch ms); only `user`'s when given. */
  async audit(room: string, student: string, opts: { limit?: number; cont?: string; since?: number; user?: string } = {}): Promise<AuditPage> {
    const r = await this.http.json<{ items: AuditEvent[]; metadata?: { continue?: string } }>(`/classrooms/${enc(room)}/audit`, {
      student,
      order: 'desc',
      limit: opts.limit ?? 200,
      continue: opts.cont,
      since: opts.since,
      user: opts.user,
    });
    return { items: r.items, continue: r.metadata?.continue };
  }

  /** Wipe a student's cluster to a fresh one (their kubeconfig keeps working unless `revokeTokens`). */
  reset(room: string, student: string, revokeTokens = false): Promise<unknown> {
    return this.http.send('POST', `/classrooms/${enc(room)}/students/${enc(student)}/reset`, revokeTokens ? { revokeTokens } : {});
  }

  /** Refuse every token the student was issued so far. */
  revoke(room: string, student: string): Promise<{ revoked: string; notBefore?: number }> {
    return this.http.send('POST', `/classrooms/${enc(room)}/students/${enc(student)}/revoke`, {});
  }

  /** A fresh kubeconfig for the student (a new token; earlier ones stay valid). */
  kubeconfig(room: string, student: string): Promise<{ kubeconfig: string; expiresAt: string }> {
    return this.http.send('POST', `/classrooms/${enc(room)}/students/${enc(student)}/kubeconfig`, {});
  }

  /** A short-lived read-only token for the student's cluster. */
  viewToken(room: string, student: string): Promise<ViewToken> {
    return this.http.send('POST', `/classrooms/${enc(room)}/students/${enc(student)}/view-token`, {});
  }
}
