// Builds the `paths` of the served API, first as neutral operations, then rendered as
// OpenAPI v3 (per group-version) or swagger 2.0. Shapes follow kube-apiserver's installer
// (k8s.io/apiserver/pkg/endpoints/installer.go): a collection path with list/create/
// deletecollection, an item path with read/replace/patch/delete, and for namespaced kinds a
// cluster-wide list path. The patch operation carries x-kubernetes-group-version-kind,
// x-kubernetes-action: patch, a `fieldValidation` query parameter and the four patch content
// types, which is what kubectl (QueryParamVerifier, v2 and v3) looks for before it sends
// fieldValidation=Strict and computes strategic-merge patches from the schema.

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const PRODUCES = ['application/json', 'application/yaml'];

/** Query/path parameters, described in our own words. */
const PARAMS = {
  name: { in: 'path', required: true, description: 'name of the object' },
  namespace: { in: 'path', required: true, description: 'object name and auth scope, such as for teams and projects' },
  pretty: { in: 'query', description: "If 'true', then the output is pretty printed." },
  dryRun: { in: 'query', description: 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed' },
  fieldManager: { in: 'query', description: 'fieldManager is a name associated with the actor or entity that is making these changes.' },
  fieldValidation: { in: 'query', description: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn (the default) - Strict: fail the request with a BadRequest error listing every unknown and duplicate field.' },
  force: { in: 'query', type: 'boolean', description: 'Force is going to "force" Apply requests. It must be unset for non-apply patch requests.' },
  gracePeriodSeconds: { in: 'query', type: 'integer', description: 'The duration in seconds before the object should be deleted.' },
  propagationPolicy: { in: 'query', description: "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'." },
  orphanDependents: { in: 'query', type: 'boolean', description: 'Deprecated: please use the PropagationPolicy.' },
  labelSelector: { in: 'query', description: 'A selector to restrict the list of returned objects by their labels. Defaults to everything.' },
  fieldSelector: { in: 'query', description: 'A selector to restrict the list of returned objects by their fields. Defaults to everything.' },
  limit: { in: 'query', type: 'integer', description: 'limit is a maximum number of responses to return for a list call.' },
  continue: { in: 'query', description: 'The continue option should be set when retrieving more results from the server.' },
  resourceVersion: { in: 'query', description: 'resourceVersion sets a constraint on what resource versions a request may be served from.' },
  resourceVersionMatch: { in: 'query', description: 'resourceVersionMatch determines how resourceVersion is applied to list calls.' },
  timeoutSeconds: { in: 'query', type: 'integer', description: 'Timeout for the list/watch call.' },
  watch: { in: 'query', type: 'boolean', description: 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.' },
  allowWatchBookmarks: { in: 'query', type: 'boolean', description: 'allowWatchBookmarks requests watch events with type "BOOKMARK".' },
};
const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'timeoutSeconds', 'watch'];
const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];
const DELETE_PARAMS = ['dryRun', 'gracePeriodSeconds', 'orphanDependents', 'propagationPolicy'];

/** "rbac.authorization.k8s.io" → ["RbacAuthorization", "rbacAuthorization"]; "" → Core/core. */
function groupNames(group) {
  if (!group) return ['Core', 'core'];
  const parts = group.replace(/\.k8s\.io$/, '').split('.');
  const camel = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return [camel, camel[0].toLowerCase() + camel.slice(1)];
}

/**
 * Neutral operations of one served resource: [{path, method, action, operationId,
 * description, params, body ('object'|'patch'|'delete'|undefined), response, codes}].
 * `def` is the upstream definition name of the kind; `listDef` of its List (if any).
 */
export function resourceOperations(r, def, listDef) {
  const [Group, tag] = groupNames(r.group);
  const Version = r.version[0].toUpperCase() + r.version.slice(1);
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced ? '/namespaces/{namespace}' : '';
  const Scope = r.namespaced ? 'Namespaced' : '';
  const id = (verb, suffix = '') => `${verb}${Group}${Version}${Scope}${r.kind}${suffix}`;
  const gvk = { group: r.group, kind: r.kind, version: r.version };
  const common = { gvk, tag: `${tag}_${r.version}`, pathParams: r.namespaced ? ['namespace'] : [] };
  const collection = `${base}${ns}/${r.resource}`;
  const item = `${collection}/{name}`;
  const itemCommon = { ...common, pathParams: [...common.pathParams, 'name'] };
  const ops = [];
  const can = (v) => r.verbs.includes(v);
  if (can('list') && listDef) {
    ops.push({ ...common, path: collection, method: 'get', action: 'list', operationId: id('list'), description: `list or watch objects of kind ${r.kind}`, params: LIST_PARAMS, response: listDef, codes: ['200'] });
    if (r.namespaced) {
      ops.push({ ...common, pathParams: [], path: `${base}/${r.resource}`, method: 'get', action: 'list', operationId: `list${Group}${Version}${r.kind}ForAllNamespaces`, description: `list or watch objects of kind ${r.kind}`, params: LIST_PARAMS, response: listDef, codes: ['200'] });
    }
  }
  if (can('create')) ops.push({ ...common, path: collection, method: 'post', action: 'post', operationId: id('create'), description: `create ${article(r.kind)} ${r.kind}`, params: WRITE_PARAMS, body: 'object', response: def, codes: ['200', '201', '202'] });
  if (can('deletecollection')) ops.push({ ...common, path: collection, method: 'delete', action: 'deletecollection', operationId: id('deleteCollection'), description: `delete collection of ${r.kind}`, params: [...DELETE_PARAMS, ...LIST_PARAMS.filter((p) => p !== 'watch' && p !== 'allowWatchBookmarks')], body: 'delete', response: `${META}Status`, codes: ['200'] });
  if (can('get')) ops.push({ ...itemCommon, path: item, method: 'get', action: 'get', operationId: id('read'), description: `read the specified ${r.kind}`, params: [], response: def, codes: ['200'] });
  if (can('update')) ops.push({ ...itemCommon, path: item, method: 'put', action: 'put', operationId: id('replace'), description: `replace the specified ${r.kind}`, params: WRITE_PARAMS, body: 'object', response: def, codes: ['200', '201'] });
  if (can('patch')) ops.push({ ...itemCommon, path: item, method: 'patch', action: 'patch', operationId: id('patch'), description: `partially update the specified ${r.kind}`, params: [...WRITE_PARAMS, 'force'], body: 'patch', response: def, codes: ['200', '201'] });
  if (can('delete')) ops.push({ ...itemCommon, path: item, method: 'delete', action: 'delete', operationId: id('delete'), description: `delete ${article(r.kind)} ${r.kind}`, params: DELETE_PARAMS, body: 'delete', response: def, codes: ['200', '202'] });
  return ops.map((op) => ({ ...op, def }));
}

const article = (kind) => (/^[AEIOU]/.test(kind) ? 'an' : 'a');
const CODE_TEXT = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

/** Renders neutral operations as OpenAPI v3 paths (refs into #/components/schemas/). */
export function renderV3Paths(ops) {
  const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
  const param = (name) => {
    const p = PARAMS[name];
    return { name, in: p.in, description: p.description, ...(p.required && { required: true }), schema: { type: p.type ?? 'string', uniqueItems: true } };
  };
  const paths = {};
  for (const op of ops) {
    const item = (paths[op.path] ??= { parameters: [...op.pathParams, 'pretty'].map(param) });
    const content = (schema, types) => Object.fromEntries(types.map((t) => [t, { schema }]));
    const out = {
      tags: [op.tag], description: op.description, operationId: op.operationId,
      parameters: op.params.map(param),
      responses: {
        ...Object.fromEntries(op.codes.map((c) => [c, { description: CODE_TEXT[c], content: content(ref(op.response), PRODUCES) }])),
        401: { description: 'Unauthorized' },
      },
      'x-kubernetes-action': op.action,
      'x-kubernetes-group-version-kind': op.gvk,
    };
    if (op.body === 'object') out.requestBody = { content: content(ref(op.def), ['*/*']), required: true };
    if (op.body === 'patch') out.requestBody = { content: content(ref(`${META}Patch`), PATCH_TYPES), required: true };
    if (op.body === 'delete') out.requestBody = { content: content(ref(`${META}DeleteOptions`), ['*/*']) };
    item[op.method] = out;
  }
  return paths;
}

/** Renders neutral operations as swagger 2.0 paths (refs into #/definitions/). */
export function renderV2Paths(ops) {
  const ref = (name) => ({ $ref: `#/definitions/${name}` });
  const param = (name) => {
    const p = PARAMS[name];
    return { name, in: p.in, description: p.description, ...(p.required && { required: true }), type: p.type ?? 'string', uniqueItems: true };
  };
  const paths = {};
  for (const op of ops) {
    const item = (paths[op.path] ??= { parameters: [...op.pathParams, 'pretty'].map(param) });
    const body = op.body === 'object' ? { in: 'body', name: 'body', required: true, schema: ref(op.def) }
      : op.body === 'patch' ? { in: 'body', name: 'body', required: true, schema: ref(`${META}Patch`) }
        : op.body === 'delete' ? { in: 'body', name: 'body', schema: ref(`${META}DeleteOptions`) } : undefined;
    item[op.method] = {
      consumes: op.body === 'patch' ? PATCH_TYPES : ['*/*'],
      description: op.description, operationId: op.operationId,
      parameters: [...(body ? [body] : []), ...op.params.map(param)],
      produces: PRODUCES,
      responses: {
        ...Object.fromEntries(op.codes.map((c) => [c, { description: CODE_TEXT[c], schema: ref(op.response) }])),
        401: { description: 'Unauthorized' },
      },
      schemes: ['https'], tags: [op.tag],
      'x-kubernetes-action': op.action,
      'x-kubernetes-group-version-kind': op.gvk,
    };
  }
  return paths;
}
