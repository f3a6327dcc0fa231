/**
 * How exercises name resources: a plural (`pods`), a plural with its group
 * (`deployments.apps`), or a kind (`Deployment`), resolved against the served catalog to the
 * storage key checks read (`deployments.apps`).
 */
import { catalog, storageKey, type ResourceDef } from '../resources/catalog';

/** Groups whose resources are served from another storage or not stored at all. */
const NOT_STORED = new Set(['metrics.k8s.io', 'events.k8s.io', 'authorization.k8s.io', 'authentication.k8s.io']);

const stored = (d: ResourceDef) => !NOT_STORED.has(d.group) && d.resource !== 'bindings' && d.resource !== 'componentstatuses';

/**
 * The storage key of a resource named in an exercise, or why it names none. Objects checks read
 * must be stored; `served` accepts any resource the API serves (what a command check names).
 */
export function resolveResource(name: string, served = false): string | { error: string } {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  const [plural, group] = dot < 0 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
  const pool = served ? catalog : catalog.filter(stored);
  const found = pool.find((d) => (group === undefined ? d.resource === plural || d.kind.toLowerCase() === lower || d.shortNames?.includes(lower) : d.resource === plural && d.group === group));
  if (found) return storageKey(found);
  const near = pool.find((d) => d.resource.startsWith(plural.slice(0, 3)));
  return { error: `unknown resource "${name}"${near ? ` (did you mean ${storageKey(near)}?)` : ''}` };
}

/** Whether a storage key names a cluster-scoped resource. */
export function clusterScoped(key: string): boolean {
  return catalog.some((d) => storageKey(d) === key && !d.namespaced);
}

/** The storage key of an API group and resource as audit records name them. */
export function auditKey(group: string | undefined, resource: string | undefined): string | undefined {
  if (!resource) return undefined;
  return group ? `${resource}.${group}` : resource;
}
