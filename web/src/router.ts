/**
 * Hash routing: every page and every object has its own deep link (`#/ns/default/pods/web-1`),
 * which works behind any static file server and never reaches the server's logs.
 */
import { useEffect, useState } from 'preact/hooks';

/** The current route: the hash without `#`, `/` at least. */
export function currentPath(): string {
  const h = location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

/** Re-renders on each navigation; returns the current path. */
export function useRoute(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return path;
}

/** Go to a path (a new history entry; `replace` for redirects). */
export function navigate(path: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', `#${path}`);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = path;
}

/** The href of a path. */
export const href = (path: string) => `#${path}`;

/**
 * Match `/ns/:ns/pods/:name` against a path; returns the params (decoded) or undefined.
 * A trailing `*` matches the rest.
 */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const [pathOnly] = path.split('?');
  const s = pathOnly.split('/').filter(Boolean);
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') {
      out['*'] = s.slice(i).map(decodeURIComponent).join('/');
      return out;
    }
    if (i >= s.length) return undefined;
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return undefined;
  }
  return s.length === p.length ? out : undefined;
}

/** The query part of the current route (`#/ns/default/pods?label=app%3Dweb`). */
export function routeQuery(path: string): URLSearchParams {
  return new URLSearchParams(path.split('?')[1] ?? '');
}
