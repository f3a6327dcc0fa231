// Compacts swagger definitions into the merge schema read by src/apiserver/managedfields/schema.ts:
//   { types: [fields…], roots: {"apps/v1/Deployment": typeIndex} }
// It carries what structured-merge-diff needs of a type (kube-openapi's schemaconv does the same
// conversion upstream): how every field merges and how its fields are owned. `types[i]` maps each
// field name to a code:
//   0                     a scalar, or anything owned as a whole (free-form objects, IntOrString);
//   n (≥1)                a struct of types[n], merged field by field;
//   {"a":1}               owned and replaced as a whole (x-kubernetes-map-type/list-type atomic);
//   {"s":1}               a set of scalars (x-kubernetes-list-type set);
//   {"k":[keys],"e":n}    a list of structs of types[n] keyed by `keys` (list-type map);
//   {"m":code}            a map whose values have `code`, merged key by key.
// Lists without x-kubernetes-list-type follow their patch strategy as schemaconv does: merge with a
// merge key is a keyed list, merge without one a set; every other list is atomic.

const REF = '#/definitions/';

/** Builds the merge schema for `roots` ({key: definitionName}) from swagger 2.0 `definitions`. */
export function buildMergeSchema(definitions, roots) {
  const types = [null];
  const indexOf = new Map();
  const target = (s) => (s.$ref ? s.$ref.slice(REF.length) : undefined);
  const isStruct = (name) => {
    const d = definitions[name];
    return !!d && d.type === 'object' && !!d.properties && !d['x-kubernetes-preserve-unknown-fields'];
  };
  const ATOMIC = { a: 1 };

  function listCode(s) {
    const listType = s['x-kubernetes-list-type'];
    const strategy = (s['x-kubernetes-patch-strategy'] ?? '').split(',');
    const item = s.items ? codeOf(s.items) : 0;
    if (listType === 'map') return { k: s['x-kubernetes-list-map-keys'], e: item };
    if (listType === 'set') return { s: 1 };
    if (listType === 'atomic') return ATOMIC;
    if (strategy.includes('merge')) {
      const key = s['x-kubernetes-patch-merge-key'];
      if (key && typeof item === 'number' && item > 0) return { k: [key], e: item };
      if (item === 0) return { s: 1 };
    }
    return ATOMIC;
  }

  function codeOf(s) {
    const t = target(s);
    if (t) {
      if (!isStruct(t)) return 0;
      return definitions[t]['x-kubernetes-map-type'] === 'atomic' ? ATOMIC : typeIndex(t);
    }
    if (s['x-kubernetes-map-type'] === 'atomic') return ATOMIC;
    if (s.type === 'array') return listCode(s);
    if (s.type === 'object' && s.additionalProperties) return { m: codeOf(s.additionalProperties) };
    return 0;
  }

  function typeIndex(name) {
    if (indexOf.has(name)) return indexOf.get(name);
    const i = types.length;
    indexOf.set(name, i);
    types.push({});
    const fields = {};
    for (const [prop, s] of Object.entries(definitions[name].properties)) fields[prop] = codeOf(s);
    types[i] = fields;
    return i;
  }

  return { types, roots: Object.fromEntries(Object.entries(roots).map(([k, name]) => [k, typeIndex(name)])) };
}
