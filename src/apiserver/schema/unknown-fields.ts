/**
 * Unknown-field detection for `fieldValidation=Strict|Warn`, against the field tree generated
 * from kubernetes-types by scripts/build-openapi.mjs (src/generated/field-tree.json).
 *
 * Mirrors kube-apiserver's strict JSON decoding (sigs.k8s.io/json, case-sensitive): every
 * object key that is not a field of the Go type is reported as a dotted path with list indices
 * (`spec.template.spec.containers[0].imagePullPolcy`), in document order. Maps (labels,
 * annotations, data, resources.limits…) and free-form objects (RawExtension, FieldsV1) accept
 * any key. Values of the wrong JSON type are left to the decoder's type errors, not reported.
 */
import fieldTree from '../../generated/field-tree.json';

/** 0 = leaf; n = object of types[n]; [n] = list of types[n]; {m: n} = map of types[n]. */
type FieldCode = number | [number] | { m: number };
interface FieldTree {
  types: Array<Record<string, FieldCode> | null>;
  roots: Record<string, number>;
}

const tree = fieldTree as unknown as FieldTree;

/** Object metadata fields every kind has at the top level besides its own. */
const TYPE_META = new Set(['apiVersion', 'kind']);

/** Whether the field tree knows `apiVersion`/`kind` (only built-in kinds are known). */
export function hasFieldSchema(apiVersion: string, kind: string): boolean {
  return tree.roots[`${apiVersion}/${kind}`] !== undefined;
}

/**
 * Paths of every field of `obj` that the schema of `apiVersion`/`kind` does not declare, in
 * document order; [] for kinds without a schema (nothing can be judged unknown).
 */
export function findUnknownFields(apiVersion: string, kind: string, obj: unknown): string[] {
  const root = tree.roots[`${apiVersion}/${kind}`];
  if (root === undefined) return [];
  const found: string[] = [];
  walkObject(root, obj, '', found, true);
  return found;
}

/**
 * kube-apiserver's wording for unknown fields under strict decoding:
 * `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`
 * (k8s.io/apimachinery runtime.NewStrictDecodingError).
 */
export function strictDecodingMessage(fields: string[]): string {
  return `strict decoding error: ${fields.map((f) => `unknown field "${f}"`).join(', ')}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walkObject(typeIndex: number, value: unknown, path: string, found: string[], top = false): void {
  if (!isPlainObject(value)) return;
  const fields = tree.types[typeIndex] ?? {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const code = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (code === undefined) {
      if (!(top && TYPE_META.has(key))) found.push(childPath);
      continue;
    }
    walkValue(code, child, childPath, found);
  }
}

function walkValue(code: FieldCode, value: unknown, path: string, found: string[]): void {
  if (typeof code === 'number') {
    if (code > 0) walkObject(code, value, path, found);
  } else if (Array.isArray(code)) {
    if (Array.isArray(value)) value.forEach((item, i) => walkObject(code[0], item, `${path}[${i}]`, found));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) walkObject(code.m, item, `${path}.${key}`, found);
  }
}
