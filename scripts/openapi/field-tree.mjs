// Compacts swagger definitions into the field tree read by src/apiserver/schema/unknown-fields.ts:
//   { types: [fields…], roots: {"apps/v1/Deployment": typeIndex} }
// where `types[i]` maps each known field name to a code:
//   0        a leaf: scalar, free-form object (preserve-unknown-fields), or list/map of leaves;
//   n (≥1)   an object of types[n];
//   [n]      a list of objects of types[n];
//   {"m": n} a map whose values are objects of types[n].
// types[0] is unused so that 0 can mean "leaf".

const REF = '#/definitions/';

/** Builds the tree for `roots` ({key: definitionName}) from swagger 2.0 `definitions`. */
export function buildFieldTree(definitions, roots) {
  const types = [null];
  const indexOf = new Map();

  /** Definition name behind a schema, or undefined for inline schemas. */
  const target = (s) => (s.$ref ? s.$ref.slice(REF.length) : undefined);
  const isObjectDef = (name) => {
    const d = definitions[name];
    return !!d && d.type === 'object' && !!d.properties && !d['x-kubernetes-preserve-unknown-fields'];
  };

  function codeOf(s) {
    const t = target(s);
    if (t) return isObjectDef(t) ? typeIndex(t) : 0;
    if (s.type === 'array' && s.items) {
      const c = codeOf(s.items);
      return typeof c === 'number' && c > 0 ? [c] : 0;
    }
    if (s.type === 'object' && s.additionalProperties) {
      const c = codeOf(s.additionalProperties);
      return typeof c === 'number' && c > 0 ? { m: c } : 0;
    }
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
