/**
 * Each kind of exercise check, evaluated against a read-only view of the cluster: which objects
 * exist and what they hold, the Events recorded, the ReplicaSets of a Deployment, and the
 * requests the student made. Pure functions: the same view gives the same result and message.
 */
import type { KubeObject } from '../apiserver/types';
import { matches, parseLabelSelector } from '../apiserver/selectors/labels';
import type { Check, CommandCheck, EventCheck, Selection } from './schema';
import { countHolds, countText, predicateFailure } from './predicates';
import { clusterScoped, resolveResource } from './resources';

/** What a request the student made looks like to a command check. */
export interface CommandUse {
  verb: string;
  /** Storage key of the resource (`deployments.apps`). */
  resource: string;
  subresource: string;
  count: number;
  /** Epoch ms of the first such request. */
  firstAt: number;
}

/** What checks read: objects by storage key (one namespace or all), and the commands used. */
export interface ClusterView {
  list(resource: string, namespace?: string): KubeObject[];
  commands(): CommandUse[];
}

/** The outcome of one check: whether it holds now, and a sentence saying why (or why not). */
export interface CheckOutcome {
  passed: boolean;
  message: string;
}

const key = (r: string) => resolveResource(r) as string;

/** Objects of a selection's resource, namespace, name and selector (before predicates). */
function candidates(view: ClusterView, s: Pick<Selection, 'resource' | 'namespace' | 'name' | 'selector'>, defaultNs: string): { objs: KubeObject[]; where: string } {
  const res = key(s.resource);
  const scoped = clusterScoped(res);
  const ns = scoped ? undefined : s.namespace === '*' ? '' : (s.namespace ?? defaultNs);
  let objs = view.list(res, ns);
  if (s.name) objs = objs.filter((o) => o.metadata.name === s.name);
  if (s.selector) {
    const sel = parseLabelSelector(s.selector);
    objs = objs.filter((o) => matches(sel, o.metadata.labels));
  }
  const plural = res.split('.')[0];
  const what = `${s.name ? `${plural.replace(/s$/, '')} "${s.name}"` : plural}${s.selector ? ` with labels ${s.selector}` : ''}`;
  return { objs, where: `${what}${ns ? ` in namespace ${ns}` : ns === '' ? ' in any namespace' : ''}` };
}

/** The objects of a selection that satisfy all its predicates, and the first failure seen. */
function matching(s: Selection | Omit<Selection, 'count'>, objs: KubeObject[]): { ok: KubeObject[]; failure?: string } {
  const ok: KubeObject[] = [];
  let failure: string | undefined;
  for (const o of objs) {
    const why = s.where.map((p) => predicateFailure(p, o)).find((f) => f !== undefined);
    if (why === undefined) ok.push(o);
    else failure ??= `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name} ${why}`;
  }
  return { ok, failure };
}

function existsCheck(view: ClusterView, s: Selection, ns: string): CheckOutcome {
  const { objs, where } = candidates(view, s, ns);
  const { ok, failure } = matching(s, objs);
  if (countHolds(ok.length, s.count)) return { passed: true, message: `${ok.length} ${where} as required` };
  if (!objs.length) return { passed: false, message: `no ${where}` };
  const n = `${ok.length} of ${objs.length} ${where} ${objs.length === 1 ? 'matches' : 'match'}, expected ${countText(s.count)}`;
  return { passed: false, message: failure ? `${n}: ${failure}` : n };
}

function absentCheck(view: ClusterView, s: Omit<Selection, 'count'>, ns: string): CheckOutcome {
  const { objs, where } = candidates(view, s, ns);
  const { ok } = matching(s, objs);
  if (!ok.length) return { passed: true, message: `no ${where}${s.where.length ? ' matching' : ''}, as required` };
  const names = ok.slice(0, 3).map((o) => o.metadata.name).join(', ');
  return { passed: false, message: `${where} should not exist${s.where.length ? ' as described' : ''}, found ${names}${ok.length > 3 ? ` and ${ok.length - 3} more` : ''}` };
}

function eventCheck(view: ClusterView, e: EventCheck, ns: string): CheckOutcome {
  const namespace = e.namespace === '*' ? '' : (e.namespace ?? ns);
  const re = e.message ? new RegExp(e.message) : undefined;
  const found = view.list('events', namespace).filter((ev) => {
    const x = ev as KubeObject & { reason?: string; type?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
    return x.reason === e.reason && (!e.type || x.type === e.type) && (!e.involvedObject?.kind || x.involvedObject?.kind === e.involvedObject.kind) && (!e.involvedObject?.name || x.involvedObject?.name === e.involvedObject.name) && (!re || re.test(x.message ?? ''));
  });
  // Repeated events are one Event with a count (as kubelet and controllers record them).
  const n = found.reduce((sum, ev) => sum + Number((ev as { count?: number }).count ?? 1), 0);
  const about = `${e.type ? `${e.type} ` : ''}${e.reason} events${e.involvedObject?.name ? ` about ${e.involvedObject.kind ?? ''}${e.involvedObject.kind ? '/' : ''}${e.involvedObject.name}` : e.involvedObject?.kind ? ` about a ${e.involvedObject.kind}` : ''}${e.message ? ` saying /${e.message}/` : ''}${namespace ? ` in namespace ${namespace}` : ''}`;
  if (countHolds(n, e.count)) return { passed: true, message: `${n} ${about}` };
  return { passed: false, message: n ? `${n} ${about}, expected ${countText(e.count)}` : `no ${about} yet` };
}

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';

function rolloutUndoneCheck(view: ClusterView, r: { namespace?: string; deployment: string }, ns: string): CheckOutcome {
  const namespace = r.namespace ?? ns;
  const d = view.list('deployments.apps', namespace).find((o) => o.metadata.name === r.deployment);
  if (!d) return { passed: false, message: `no deployment "${r.deployment}" in namespace ${namespace}` };
  const owned = view.list('replicasets.apps', namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  // A rollback gives an older ReplicaSet the next revision and records its former ones, as the
  // Deployment controller's SetNewReplicaSetAnnotations does.
  const back = owned.find((rs) => rs.metadata.annotations?.[REVISION_HISTORY]);
  if (back) return { passed: true, message: `deployment "${r.deployment}" went back to ReplicaSet ${back.metadata.name} (revisions ${back.metadata.annotations![REVISION_HISTORY]} → ${back.metadata.annotations?.[REVISION]})` };
  const revisions = owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)).sort((a, b) => a - b);
  return { passed: false, message: `deployment "${r.deployment}" has never gone back to an earlier revision (revisions: ${revisions.join(', ') || 'none'})` };
}

function commandCheck(view: ClusterView, c: CommandCheck): CheckOutcome {
  const res = resolveResource(c.resource, true) as string;
  const sub = c.subresource ?? '';
  const uses = view.commands().filter((u) => u.verb === c.verb && u.resource === res && u.subresource === sub);
  const n = uses.reduce((s, u) => s + u.count, 0);
  const what = `${c.verb} ${res.split('.')[0]}${sub ? `/${sub}` : ''}`;
  if (countHolds(n, c.count)) return { passed: true, message: `you made ${n} "${what}" request${n === 1 ? '' : 's'}` };
  return { passed: false, message: n ? `you made ${n} "${what}" requests, expected ${countText(c.count)}` : `you have not made a "${what}" request yet` };
}

/** Evaluate one check (without its `for` duration, which the caller tracks). */
export function evaluateCheck(view: ClusterView, c: Check, ns: string): CheckOutcome {
  if (c.exists) return existsCheck(view, c.exists, ns);
  if (c.absent) return absentCheck(view, c.absent, ns);
  if (c.event) return eventCheck(view, c.event, ns);
  if (c.rolloutUndone) return rolloutUndoneCheck(view, c.rolloutUndone, ns);
  return commandCheck(view, c.command!);
}

/** What a check reads: a storage key and a namespace (`*`: every one; `''`: cluster-scoped). */
export interface Watch {
  resource: string;
  namespace: string;
}

function watchOf(resource: string, namespace: string | undefined, defaultNs: string): Watch {
  if (clusterScoped(resource)) return { resource, namespace: '' };
  return { resource, namespace: namespace === '*' ? '*' : (namespace ?? defaultNs) };
}

/** The objects a check reads (what re-evaluates it when it changes). Command checks read none. */
export function checkWatches(c: Check, defaultNs: string): Watch[] {
  if (c.exists) return [watchOf(key(c.exists.resource), c.exists.namespace, defaultNs)];
  if (c.absent) return [watchOf(key(c.absent.resource), c.absent.namespace, defaultNs)];
  if (c.event) return [watchOf('events', c.event.namespace, defaultNs)];
  if (c.rolloutUndone) return ['deployments.apps', 'replicasets.apps'].map((r) => watchOf(r, c.rolloutUndone!.namespace, defaultNs));
  return [];
}
