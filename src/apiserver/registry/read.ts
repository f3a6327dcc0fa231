import { storageKey, apiVersionOf } from '../../resources/catalog';
import { parseLabelSelector, matchesLabels } from '../selectors/labels';
import { parseFieldSelector, matchesFields, fieldsOf, validateFieldSelector, validateCustomFieldSelector, customFieldsOf } from '../selectors/fields';
import { customVersion } from '../../resources/customresource/serving';
import { badRequest, expired, notFound } from '../status';
import type { KubeObject } from '../types';
import type { ApiRequest, ApiResult, ClusterContext } from './context';
import { convertOut, needsConversion, objectOut } from './convert';
import { defaultsOnRead } from '../../resources/customresource/schema';
import { wantsTable, tableOf } from './table';
import { validateListOptions } from './list-options';
import { hasHeartbeats, presentHeartbeats } from '../../sim/heartbeat';

/** GET one object (or its status: the same object). */
export function getObject(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info } = req;
  const key = storageKey(def);
  const stored = ctx.store.get(key, def.namespaced ? info.namespace : '', info.name);
  if (!stored) throw notFound({ group: def.group, resource: def.resource }, info.name);
  const obj = presentHeartbeats(key, stored, ctx.now().getTime());
  if (wantsTable(req.headers.get('accept'))) {
    return { code: 200, body: tableOf(req, [obj], { resourceVersion: '' }, ctx.now()) };
  }
  return { code: 200, ...objectOut(ctx, def, info.apiVersion, obj) };
}

/** A predicate over objects from the request's labelSelector and fieldSelector. */
export function selectorPredicate(req: ApiRequest): (obj: KubeObject) => boolean {
  const labelSel = req.query.get('labelSelector');
  const fieldSel = req.query.get('fieldSelector');
  // Field selectors are defined per kind; events.k8s.io Events only have the generic ones.
  const resource = ['', 'apps', 'batch', 'certificates.k8s.io'].includes(req.def.group) ? req.def.resource : storageKey(req.def);
  let labels: ReturnType<typeof parseLabelSelector> | undefined;
  let fields: ReturnType<typeof parseFieldSelector> | undefined;
  try {
    if (labelSel) labels = parseLabelSelector(labelSel);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  // A custom resource version's selectableFields (CustomResourceFieldSelectors, on since 1.32).
  const selectable = req.def.custom ? customVersion(req.def, req.info.apiVersion)?.selectableFields ?? [] : [];
  if (fieldSel) {
    try {
      const parsed = parseFieldSelector(fieldSel);
      fields = selectable.length ? validateCustomFieldSelector(selectable, parsed) : validateFieldSelector(resource, parsed);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
  }
  const fieldsOfObject = selectable.length ? (obj: KubeObject) => customFieldsOf(selectable, obj) : (obj: KubeObject) => fieldsOf(resource, obj);
  return (obj) => {
    if (labels && !matchesLabels(labels, obj.metadata.labels ?? {})) return false;
    if (fields && !matchesFields(fields, fieldsOfObject(obj))) return false;
    return true;
  };
}

/** The stored objects a list or deletecollection addresses (namespace and selectors). */
export function filterForList(ctx: ClusterContext, req: ApiRequest): KubeObject[] {
  const pred = selectorPredicate(req);
  const ns = req.def.namespaced ? req.info.namespace : '';
  return ctx.store.list(storageKey(req.def), ns).map((e) => e.obj).filter(pred);
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start }));
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(atob(s));
    if (typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return { rv: t.rv, start: t.start };
  } catch {
    throw badRequest('invalid continue token');
  }
}

/** LIST, with selectors, limit/continue and Table output; lists share one resourceVersion. */
export function listObjects(ctx: ClusterContext, req: ApiRequest): ApiResult {
  const { def, info, query } = req;
  validateListOptions(query, false);
  const key = storageKey(def);
  const pred = selectorPredicate(req);
  const ns = def.namespaced ? info.namespace : '';
  const limit = Number(query.get('limit') ?? '0');
  let rv = ctx.store.currentRV();
  let start = '';
  const cont = query.get('continue');
  if (cont) {
    const t = decodeContinue(cont);
    if (t.rv < ctx.store.compactedRV()) {
      throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
    }
    rv = t.rv;
    start = t.start;
  }
  const now = ctx.now().getTime();
  const entries = hasHeartbeats(key)
    ? ctx.store.list(key, ns).map((e) => {
      const obj = presentHeartbeats(key, e.obj, now);
      return obj === e.obj ? e : { obj, text: JSON.stringify(obj) };
    })
    : ctx.store.list(key, ns);
  const picked: { obj: KubeObject; text: string }[] = [];
  let next = '';
  for (const e of entries) {
    const k = `${e.obj.metadata.namespace ?? ''}/${e.obj.metadata.name}`;
    if (start && k <= start) continue;
    if (!pred(e.obj)) continue;
    if (limit > 0 && picked.length === limit) {
      next = encodeContinue({ rv, start: `${picked[picked.length - 1].obj.metadata.namespace ?? ''}/${picked[picked.length - 1].obj.metadata.name}` });
      break;
    }
    picked.push(e);
  }
  const metadata: Record<string, string> = { resourceVersion: String(rv) };
  if (next) metadata.continue = next;
  if (wantsTable(req.headers.get('accept'))) {
    return { code: 200, body: tableOf(req, picked.map((p) => p.obj), metadata, ctx.now()) };
  }
  const apiVersion = apiVersionOf(def.group, info.apiVersion);
  const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion, metadata });
  const items = needsConversion(def, info.apiVersion) || defaultsOnRead(def)
    ? picked.map((p) => JSON.stringify(convertOut(def, info.apiVersion, p.obj)))
    : picked.map((p) => p.text);
  return { code: 200, text: `${head.slice(0, -1)},"items":[${items.join(',')}]}` };
}
