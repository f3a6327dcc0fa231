// Reads kubernetes-types' .d.ts files with the TypeScript compiler API and turns each declared
// interface into a swagger-2.0-style schema named like upstream (io.k8s.api.core.v1.Pod …).
// Types, required-ness (a property without `?`) and descriptions come from the declarations;
// facts the declarations cannot carry (list semantics, merge keys, int64) come from our table
// scripts/openapi/upstream-extensions.json.
import ts from 'typescript';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const REF = '#/definitions/';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Upstream definition-name prefix of a kubernetes-types file ("core/v1.d.ts" → io.k8s.api.core.v1). */
function packagePrefix(relPath) {
  const p = relPath.replace(/\.d\.ts$/, '').split(sep).join('/');
  if (p === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (p === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (p === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (p === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (p === 'apiextensions/v1') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
  if (p === 'metrics/v1beta1') return 'io.k8s.metrics.pkg.apis.metrics.v1beta1';
  if (p === 'apiregistration/v1') return 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1';
  if (p === 'networking/v1-cidr') return 'io.k8s.api.networking.v1';
  return `io.k8s.api.${p.replace('/', '.')}`;
}

/**
 * Fields that kubernetes-types 1.30 leaves out of its declarations although the API has them
 * (cross-checked against upstream's swagger.json by scripts/openapi/tabulate-upstream.mjs' input).
 */
const RULE_RESOURCES = {
  resources: {
    description: "Resources is a list of resources this rule applies to.\n\nFor example: 'pods' means pods. 'pods/log' means the log subresource of pods. '*' means all resources, but not subresources. 'pods/*' means all subresources of pods. '*/scale' means all scale subresources. '*/*' means all resources and their subresources.\n\nIf wildcard is present, the validation rule will ensure resources do not overlap with each other.\n\nDepending on the enclosing object, subresources might not be allowed. Required.",
    type: 'array',
    items: { type: 'string' },
    'x-kubernetes-list-type': 'atomic',
  },
  scope: {
    description: 'scope specifies the scope of this rule. Valid values are "Cluster", "Namespaced", and "*" "Cluster" means that only cluster-scoped resources will match this rule. Namespace API objects are cluster-scoped. "Namespaced" means that only namespaced resources will match this rule. "*" means that there are no scope restrictions. Subresources match the scope of their parent resource. Default is "*".',
    type: 'string',
  },
};

const JSON_SCHEMA_EXTENSIONS = {
  'x-kubernetes-embedded-resource': { description: 'x-kubernetes-embedded-resource defines that the value is an embedded Kubernetes runtime.Object, with TypeMeta and ObjectMeta. The type must be object. It is allowed to further restrict the embedded object. kind, apiVersion and metadata are validated automatically. x-kubernetes-preserve-unknown-fields is allowed to be true, but does not have to be if the object is fully specified (up to kind, apiVersion, metadata).', type: 'boolean' },
  'x-kubernetes-int-or-string': { description: 'x-kubernetes-int-or-string specifies that this value is either an integer or a string. If this is true, an empty type is allowed and type as child of anyOf is permitted if following one of the following patterns:\n\n1) anyOf:\n   - type: integer\n   - type: string\n2) allOf:\n   - anyOf:\n     - type: integer\n     - type: string\n   - ... zero or more', type: 'boolean' },
  'x-kubernetes-list-map-keys': { description: 'x-kubernetes-list-map-keys annotates an array with the x-kubernetes-list-type `map` by specifying the keys used as the index of the map.\n\nThis tag MUST only be used on lists that have the "x-kubernetes-list-type" extension set to "map". Also, the values specified for this attribute must be a scalar typed field of the child structure (no nesting is supported).\n\nThe properties specified must either be required or have a default value, to ensure those properties are present for all list items.', type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
  'x-kubernetes-list-type': { description: 'x-kubernetes-list-type annotates an array to further describe its topology. This extension must only be used on lists and may have 3 possible values:\n\n1) `atomic`: the list is treated as a single entity, like a scalar.\n     Atomic lists will be entirely replaced when updated. This extension\n     may be used on any type of list (struct, scalar, ...).\n2) `set`:\n     Sets are lists that must not have multiple items with the same value. Each\n     value must be a scalar, an object with x-kubernetes-map-type `atomic` or an\n     array with x-kubernetes-list-type `atomic`.\n3) `map`:\n     These lists are like maps in that their elements have a non-index key\n     used to identify them. Order is preserved upon merge. The map tag\n     must only be used on a list with elements of type object.\nDefaults to atomic for arrays.', type: 'string' },
  'x-kubernetes-map-type': { description: 'x-kubernetes-map-type annotates an object to further describe its topology. This extension must only be used when type is object and may have 2 possible values:\n\n1) `granular`:\n     These maps are actual maps (key-value pairs) and each fields are independent\n     from each other (they can each be manipulated by separate actors). This is\n     the default behaviour for all maps.\n2) `atomic`: the list is treated as a single entity, like a scalar.\n     Atomic maps will be entirely replaced when updated.', type: 'string' },
  'x-kubernetes-preserve-unknown-fields': { description: 'x-kubernetes-preserve-unknown-fields stops the API server decoding step from pruning fields which are not specified in the validation schema. This affects fields recursively, but switches back to normal pruning behaviour if nested properties or additionalProperties are specified in the schema. This can either be true or undefined. False is forbidden.', type: 'boolean' },
  'x-kubernetes-validations': { description: 'x-kubernetes-validations describes a list of validation rules written in the CEL expression language.', type: 'array', items: { $ref: '#/definitions/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule' }, 'x-kubernetes-list-map-keys': ['rule'], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'rule', 'x-kubernetes-patch-strategy': 'merge' },
};

const CORRECTIONS = {
  // The `x-kubernetes-*` members of a CRD schema, which the declarations leave out.
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps': { properties: JSON_SCHEMA_EXTENSIONS },
  // Go's inlined RuleWithOperations/Rule fields, which the declarations drop.
  'io.k8s.api.admissionregistration.v1.NamedRuleWithOperations': { properties: RULE_RESOURCES },
  'io.k8s.api.admissionregistration.v1.RuleWithOperations': { properties: RULE_RESOURCES },
  'io.k8s.api.authorization.v1.ResourceRule': {
    properties: {
      resources: { description: 'Resources is a list of resources this rule applies to.  "*" means all in the specified apiGroups.\n "*/foo" represents the subresource \'foo\' for all resources in the specified apiGroups.', type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
      verbs: { description: 'Verb is a list of kubernetes resource API verbs, like: get, list, watch, create, update, delete, proxy.  "*" means all.', type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
    },
    required: ['verbs'],
  },
};

/** Schemas of named types that are plain strings or free-form objects on the wire (as upstream). */
function specialSchema(name, description) {
  const d = description ? { description } : {};
  switch (name) {
    case 'io.k8s.apimachinery.pkg.apis.meta.v1.Time':
    case 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime':
      return { ...d, type: 'string', format: 'date-time' };
    case 'io.k8s.apimachinery.pkg.api.resource.Quantity':
      return { ...d, type: 'string', 'x-kubernetes-int-or-string': true };
    // Any JSON value, or a schema that may also be a boolean or a list (upstream gives only a description).
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON':
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray':
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool':
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray':
      return { ...d };
    case 'io.k8s.apimachinery.pkg.runtime.RawExtension':
    case 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1':
      return { ...d, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return undefined;
  }
}

function listDts(dir) {
  return readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    return statSync(full).isDirectory() ? listDts(full) : f.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Loads every declaration under `ktDir` (plus `extra`: {relPath: source} virtual files placed
 * beside them) and returns a resolver `definitions(roots)` giving the schemas of `roots` and of
 * everything they reference, and `gvkOf(name)`.
 */
export function loadTypes(ktDir, extra, table) {
  const virtual = new Map(Object.entries(extra).map(([rel, src]) => [join(ktDir, rel), src]));
  const files = [...listDts(ktDir), ...virtual.keys()];
  const host = ts.createCompilerHost({});
  const { fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  const program = ts.createProgram(files, { noEmit: true, types: [] }, host);
  const checker = program.getTypeChecker();
  const int64 = new Set(table.int64);

  /** declaration node → upstream name, and name → declaration */
  const byName = new Map();
  const nameOf = new Map();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(ktDir)) continue;
    const prefix = packagePrefix(relative(ktDir, sf.fileName));
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
        const name = `${prefix}.${st.name.text}`;
        byName.set(name, st);
        nameOf.set(st, name);
      }
    }
  }

  const doc = (node) => {
    const sym = node.name && checker.getSymbolAtLocation(node.name);
    return sym ? ts.displayPartsToString(sym.getDocumentationComment(checker)).trim() : '';
  };

  /** Upstream name of the declaration a type reference points at. */
  function refName(typeName) {
    let sym = checker.getSymbolAtLocation(typeName);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const decl = sym?.declarations?.[0];
    const name = decl && nameOf.get(decl);
    if (!name) throw new Error(`unresolved type ${typeName.getText()}`);
    return name;
  }

  /** Schema of a property type; `refs` collects referenced definition names. */
  function typeSchema(node, refs, field) {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.NumberKeyword:
        // The .d.ts cannot tell int32 from int64; every number of the served groups is an integer.
        return { type: 'integer', format: int64.has(field) ? 'int64' : 'int32' };
      case ts.SyntaxKind.LiteralType:
        return { type: typeof literalValue(node) === 'boolean' ? 'boolean' : 'string' };
      case ts.SyntaxKind.ArrayType:
        return { type: 'array', items: typeSchema(node.elementType, refs, field) };
      case ts.SyntaxKind.UnionType: {
        const kinds = node.types.map((t) => t.kind).sort();
        if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
          refs.add(INT_OR_STRING);
          return { $ref: REF + INT_OR_STRING };
        }
        break;
      }
      case ts.SyntaxKind.TypeLiteral: {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        if (index) return { type: 'object', additionalProperties: typeSchema(index.type, refs, field) };
        break;
      }
      case ts.SyntaxKind.TypeReference: {
        if (node.typeName.getText() === 'Array' && node.typeArguments?.length === 1) {
          return { type: 'array', items: typeSchema(node.typeArguments[0], refs, field) };
        }
        const name = refName(node.typeName);
        refs.add(name);
        return { $ref: REF + name };
      }
    }
    return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }

  function literalValue(node) {
    const l = node.literal;
    if (l.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (l.kind === ts.SyntaxKind.FalseKeyword) return false;
    return l.text;
  }

  /** Builds the schema of one named declaration. */
  function buildSchema(name, refs) {
    if (name === INT_OR_STRING) {
      return {
        description: 'IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.',
        type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true,
      };
    }
    const decl = byName.get(name);
    if (!decl) throw new Error(`no declaration for ${name}`);
    const description = doc(decl);
    const special = specialSchema(name, description);
    if (special) return special;
    if (ts.isTypeAliasDeclaration(decl)) return { ...(description && { description }), ...typeSchema(decl.type, refs, name) };
    const schema = { ...(description && { description }), type: 'object', properties: {} };
    const required = [];
    let apiVersion, kind;
    const ext = table.fields[name] ?? {};
    for (const m of decl.members) {
      if (!ts.isPropertySignature(m)) continue;
      const prop = m.name.text;
      const field = `${name}.${prop}`;
      if (m.type.kind === ts.SyntaxKind.LiteralType && prop === 'apiVersion') apiVersion = literalValue(m.type);
      if (m.type.kind === ts.SyntaxKind.LiteralType && prop === 'kind') kind = literalValue(m.type);
      const pdesc = doc(m);
      schema.properties[prop] = { ...(pdesc && { description: pdesc }), ...typeSchema(m.type, refs, field), ...ext[prop] };
      if (!m.questionToken) required.push(prop);
    }
    if (required.length) schema.required = required;
    if (table.atomicStructs.includes(name)) schema['x-kubernetes-map-type'] = 'atomic';
    if (apiVersion && kind) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      schema['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
    }
    return schema;
  }

  /** Schemas of `roots` and their transitive references, in a name-sorted object. */
  function buildCorrected(name, refs) {
    const schema = buildSchema(name, refs);
    const fix = CORRECTIONS[name];
    if (fix) {
      Object.assign(schema.properties, fix.properties);
      // A corrected property may name another definition, which then joins the pool.
      JSON.stringify(fix.properties, (k, v) => (k === '$ref' && refs.add(v.slice(REF.length)), v));
      if (fix.required) schema.required = [...(schema.required ?? []), ...fix.required];
    }
    return schema;
  }

  function definitions(roots) {
    const out = new Map();
    const queue = [...roots];
    while (queue.length) {
      const name = queue.pop();
      if (out.has(name)) continue;
      const refs = new Set();
      out.set(name, buildCorrected(name, refs));
      queue.push(...refs);
    }
    return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** Upstream name of a served kind (e.g. "apps","v1","Deployment" → io.k8s.api.apps.v1.Deployment). */
  function kindName(group, version, kind) {
    for (const [name, decl] of byName) {
      if (!ts.isInterfaceDeclaration(decl) || decl.name.text !== kind) continue;
      const api = decl.members.find((m) => m.name?.text === 'apiVersion' && m.type?.kind === ts.SyntaxKind.LiteralType);
      if (api && literalValue(api.type) === (group ? `${group}/${version}` : version)) return name;
    }
    return undefined;
  }

  return { definitions, kindName, has: (n) => byName.has(n) };
}
