/**
 * Who the browser is logged in as: a bearer token (a student's kubeconfig token or the
 * instructor's admin token), kept in sessionStorage only — it dies with the tab and never
 * reaches a log (the signed link carries it in the URL fragment, which is never sent).
 */

import type { Session } from './credentials';

const KEY = 'kubeplay.session';

export { ADMIN_AUDIENCE, jwtClaims, sessionFromKubeconfig, sessionFromToken, type Session } from './credentials';

/** The stored session, if any (and still unexpired). */
export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Session;
    if (s.exp && s.exp * 1000 < Date.now()) return undefined;
    return s;
  } catch {
    return undefined;
  }
}

/** Keeps the session for this tab. */
export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

/** Forgets the session (log out). */
export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * A token handed over in the URL fragment (`#token=…`, the link `npm start` prints): taken,
 * and removed from the address bar so it is neither bookmarked nor shared by accident.
 */
export function takeFragmentToken(): string | undefined {
  const m = /^#token=([^&]+)(?:&(.*))?$/.exec(location.hash);
  if (!m) return undefined;
  const rest = m[2] ? `#${decodeURIComponent(m[2])}` : '#/';
  history.replaceState(null, '', `${location.pathname}${location.search}${rest}`);
  return decodeURIComponent(m[1]);
}
