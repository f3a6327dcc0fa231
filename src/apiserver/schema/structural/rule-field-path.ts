/**
 * The `fieldPath` of an x-kubernetes-validations rule, resolved against the schema node the rule
 * is on as upstream's cel.ValidFieldPath does: a JSON path of field accessors (`.spec.replicas`)
 * and quoted map or field keys (`['a.b']`), each naming a declared property, or any key of a
 * map (additionalProperties). It is printed as a field path (`spec.replicas`, `labels[a.b]`).
 */
import { additionalSchema, child, key, propertyOf, type JSONSchemaProps } from './types';

/** Split into `.`, `[`, `]` and the text between them; a single-quoted string is one token. */
function tokens(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.' || c === '[' || c === ']') {
      out.push(c);
      i++;
    } else if (c === "'") {
      let j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== '\\')) j++;
      out.push(path.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < path.length && !'.[]'.includes(path[j])) j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** The field path `jsonPath` names below schema node `s`, or the reason it names none. */
export function resolveRuleFieldPath(jsonPath: string, s: JSONSchemaProps): { path: string } | { error: string } {
  let path = '';
  let node: JSONSchemaProps | undefined = s;
  const step = (name: string): string | undefined => {
    if (node?.properties) {
      path = child(path, name);
      node = propertyOf(node, name);
      return node ? undefined : 'does not refer to a valid field';
    }
    if (node?.additionalProperties !== undefined) {
      path = key(path, name);
      node = additionalSchema(node);
      return undefined;
    }
    return 'does not refer to a valid field';
  };
  const t = tokens(jsonPath);
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (tok === '[') {
      const q = t[++i];
      if (q === undefined) return { error: 'unexpected end of JSON path' };
      if (q.length < 2 || q[0] !== "'" || q[q.length - 1] !== "'") return { error: `expected single quoted string but got ${q}` };
      const err = step(q.slice(1, -1).replace(/\\(.)/g, '$1'));
      if (err) return { error: err };
      const close = t[++i];
      if (close === undefined) return { error: 'unexpected end of JSON path' };
      if (close !== ']') return { error: `expected ] but got ${close}` };
    } else if (tok === '.') {
      const name = t[++i];
      if (name === undefined) return { error: 'unexpected end of JSON path' };
      const err = step(name);
      if (err) return { error: err };
    } else return { error: `expected [ or . but got: ${tok}` };
  }
  return { path };
}
