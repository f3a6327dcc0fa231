/** The namespaced pages of a cluster, by path. */
import type { VNode } from 'preact';
import { match } from '../router';

/** The page of a namespaced path, or undefined. */
export function pageFor(path: string): VNode | undefined {
  const m = match('/ns/:ns/:section', path) ?? match('/ns/:ns/:resource/:name', path) ?? match('/ns/:ns/:resource/:name/:tab', path);
  if (!m) return undefined;
  return <div class="empty">This page is on its way.</div>;
}
