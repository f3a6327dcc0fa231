/**
 * Impersonation headers, after k8s.io/apiserver endpoints/filters/impersonation.go: every
 * Impersonate-User/-Group/-Uid/-Extra-* value must be allowed by the `impersonate` verb on
 * users, serviceaccounts, groups, uids or userextras; the request then runs as that user.
 */
import type { UserInfo } from '../apiserver/registry/context';
import { badRequest } from '../apiserver/status';
import { authorize } from './authorizer';
import { forbiddenError } from './forbidden';
import type { Attributes } from './rules';
import type { PolicySource } from './source';

const SA_PREFIX = 'system:serviceaccount:';
const EXTRA_PREFIX = 'impersonate-extra-';

/** The user the impersonation headers ask for, undefined when there are none. */
export function requestedImpersonation(headers: Headers): UserInfo | undefined {
  const username = headers.get('impersonate-user') ?? '';
  const groups = headerValues(headers, 'impersonate-group');
  const uid = headers.get('impersonate-uid') ?? '';
  const extra: Record<string, string[]> = {};
  headers.forEach((v, k) => {
    if (!k.toLowerCase().startsWith(EXTRA_PREFIX)) return;
    const key = decodeURIComponent(k.slice(EXTRA_PREFIX.length)).toLowerCase();
    (extra[key] ??= []).push(...v.split(',').map((s) => s.trim()));
  });
  const hasOthers = groups.length > 0 || !!uid || Object.keys(extra).length > 0;
  if (!username) {
    if (hasOthers) throw badRequest('requested impersonation without impersonating a user');
    return undefined;
  }
  return { username, groups, ...(uid ? { uid } : {}), ...(Object.keys(extra).length ? { extra } : {}) };
}

/** Multi-valued headers arrive comma-joined through the Fetch API. */
function headerValues(headers: Headers, name: string): string[] {
  const v = headers.get(name);
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** The attributes of each check the impersonation needs (one per user, group, uid, extra value). */
export function impersonationChecks(wanted: UserInfo): Attributes[] {
  const out: Attributes[] = [];
  const base = { verb: 'impersonate', resourceRequest: true };
  if (wanted.username.startsWith(SA_PREFIX)) {
    const [ns, name] = wanted.username.slice(SA_PREFIX.length).split(':');
    out.push({ ...base, apiGroup: '', resource: 'serviceaccounts', namespace: ns, name });
  } else {
    out.push({ ...base, apiGroup: '', resource: 'users', name: wanted.username });
  }
  for (const g of wanted.groups) out.push({ ...base, apiGroup: '', resource: 'groups', name: g });
  if (wanted.uid) out.push({ ...base, apiGroup: 'authentication.k8s.io', resource: 'uids', name: wanted.uid });
  for (const [k, vs] of Object.entries(wanted.extra ?? {})) for (const v of vs) out.push({ ...base, apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: k, name: v });
  return out;
}

/**
 * The user a request acts as: `user` itself without impersonation headers, else the requested
 * user once every check passed (a service account gains its groups when none were asked for;
 * everyone but system:anonymous gains system:authenticated). Throws the 403 of the first refusal.
 */
export function impersonate(source: PolicySource, user: UserInfo, headers: Headers): UserInfo {
  const wanted = requestedImpersonation(headers);
  if (!wanted) return user;
  for (const a of impersonationChecks(wanted)) {
    const d = authorize(source, user, a);
    if (!d.allowed) throw forbiddenError(user, a, d.reason);
  }
  const groups = [...wanted.groups];
  if (wanted.username.startsWith(SA_PREFIX) && groups.length === 0) {
    const ns = wanted.username.slice(SA_PREFIX.length).split(':')[0];
    groups.push('system:serviceaccounts', `system:serviceaccounts:${ns}`);
  }
  if (wanted.username === 'system:anonymous') {
    if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  } else if (!groups.includes('system:authenticated')) {
    groups.push('system:authenticated');
  }
  return { ...wanted, groups };
}

