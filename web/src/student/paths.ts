/** The deep links of a cluster's pages (below the view's base path). */

/** The namespace meaning "all namespaces" in a route (no namespace can be named so). */
export const ALL_NAMESPACES = '_all';

/** An object's page: `/ns/<ns>/<resource>/<name>` or `/cluster/<resource>/<name>`, with a tab. */
export function objectPath(base: string, resource: string, namespace: string | undefined, name: string, tab?: string): string {
  const p = namespace ? `${base}/ns/${encodeURIComponent(namespace)}/${resource}/${encodeURIComponent(name)}` : `${base}/cluster/${resource}/${encodeURIComponent(name)}`;
  return tab ? `${p}/${tab}` : p;
}

/** A namespace's section: `/ns/<ns>/<section>`. */
export function sectionPath(base: string, namespace: string, section: string): string {
  return `${base}/ns/${encodeURIComponent(namespace)}/${section}`;
}
