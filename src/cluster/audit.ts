import type { RequestInfo } from '../apiserver/request-info';
import type { UserInfo } from '../apiserver/registry/context';
import type { AuditRow } from '../control-plane/sink';
import type { Change } from './storage';

/**
 * Audit records of the requests to a tenant cluster, with the fields of an audit.k8s.io/v1
 * Event at level Metadata for every request: who, what (verb, requestURI, objectRef), the
 * response code, the timestamps and the authorization decision — never a request or response
 * body, so no Secret, ConfigMap or token bytes reach the audit trail. As kube-apiserver does
 * (k8s.io/apiserver/pkg/endpoints/filters/audit.go), the auditID is a fresh UUID answered in
 * the `Audit-Id` response header, and a watch is recorded once, when its response starts.
 */

/** The response header carrying the request's auditID (upstream's `Audit-Id`). */
export const AUDIT_ID_HEADER = 'Audit-Id';

/** An audit record in the making: known at the start of a request, completed by its response. */
export interface PendingAudit {
  row: AuditRow;
  /** The record went into a write's transaction with this provisional code. */
  writtenWithCode?: number;
  /** The response is known: later commits (a stream's) no longer carry this record. */
  done?: boolean;
  /** The Worker's id of the request (its retries carry the same): see replays.ts. */
  requestId?: string;
}

/**
 * Start the record of a request: `path` is below the cluster prefix, `info` its parsed request
 * info. The code is provisional (200, 201 for a create) until the response is known.
 */
export function startAudit(request: Request, path: string, info: RequestInfo, user: UserInfo, receivedAt: number): PendingAudit {
  const url = new URL(request.url);
  const impersonated = request.headers.get('impersonate-user');
  const row: AuditRow = {
    auditId: crypto.randomUUID(),
    level: 'Metadata',
    stage: info.verb === 'watch' ? 'ResponseStarted' : 'ResponseComplete',
    requestReceivedAt: receivedAt,
    stageAt: receivedAt,
    username: user.username,
    groups: [...user.groups],
    verb: info.isResourceRequest ? info.verb : request.method.toLowerCase(),
    requestUri: path + url.search,
    code: info.verb === 'create' ? 201 : 200,
    decision: 'allow',
  };
  if (impersonated) row.impersonatedUser = impersonated;
  const ua = request.headers.get('user-agent');
  if (ua) row.userAgent = ua.slice(0, 256);
  // kubectl (1.30+, KUBECTL_COMMAND_HEADERS) names the command and its invocation in every
  // request: `kubectl scale` says more to an instructor than `patch deployments/scale`.
  const command = request.headers.get('kubectl-command');
  if (command) row.kubectlCommand = command.slice(0, 128);
  const session = request.headers.get('kubectl-session');
  if (session) row.kubectlSession = session.slice(0, 64);
  if (info.isResourceRequest) {
    row.apiGroup = info.apiGroup;
    row.apiVersion = info.apiVersion;
    row.resource = info.resource;
    if (info.subresource) row.subresource = info.subresource;
    if (info.namespace) row.namespace = info.namespace;
    if (info.name) row.name = info.name;
  }
  return { row };
}

/**
 * Whether a 403's Status is an authorization denial (RBAC's `... is forbidden: User "u" cannot
 * verb resource ...`), as opposed to admission refusing an allowed request.
 */
export function isAuthorizationDenial(message: string | undefined): boolean {
  return typeof message === 'string' && / is forbidden: User ".*" cannot /.test(message);
}

/**
 * Name the created object in a create's objectRef (the URL has no name), from the request's
 * committed changes, as upstream's audit.LogRequestObject fills the name in from the object.
 */
export function fillCreatedName(row: AuditRow, changes: Change[]): void {
  if (row.name || row.verb !== 'create' || !row.resource) return;
  const key = row.apiGroup ? `${row.resource}.${row.apiGroup}` : row.resource;
  const c = changes.find((ch) => ch.resource === key && ch.type === 'ADDED');
  if (c?.name) row.name = c.name;
}

/** Complete the record with the response's code and decision, at `at`. */
export function finishAudit(a: PendingAudit, code: number, forbid: boolean, at: number): AuditRow {
  a.row.code = code;
  a.row.stageAt = at;
  a.row.decision = forbid ? 'forbid' : 'allow';
  return a.row;
}

/** The response with the Audit-Id header (copied when its headers are immutable). */
export function withAuditId(res: Response, auditId: string): Response {
  try {
    res.headers.set(AUDIT_ID_HEADER, auditId);
    return res;
  } catch {
    if (res.status === 101) return res;
    const copy = new Response(res.body, res);
    copy.headers.set(AUDIT_ID_HEADER, auditId);
    return copy;
  }
}
