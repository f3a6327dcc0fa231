// One-off helper: distils the facts that kubernetes-types' .d.ts files cannot carry (list/map
// semantics, strategic-merge keys, int64 formats) out of an upstream swagger.json into our own
// small table, scripts/openapi/upstream-extensions.json. Descriptions and types are NOT taken
// from upstream; they come from kubernetes-types in build-openapi.mjs.
//
// Usage: node scripts/openapi/tabulate-upstream.mjs /path/to/kubernetes/api/openapi-spec/swagger.json
import { readFileSync, writeFileSync } from 'node:fs';

const SERVED = /^io\.k8s\.(api\.(core|apps|batch|autoscaling|networking|storage|policy|discovery|events|coordination|rbac|authorization|authentication)\.|apimachinery\.)/;
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const fields = {};
const int64 = [];
const atomicStructs = [];
for (const [name, def] of Object.entries(spec.definitions).sort()) {
  if (!SERVED.test(name)) continue;
  if (def['x-kubernetes-map-type'] === 'atomic') atomicStructs.push(name);
  for (const [prop, schema] of Object.entries(def.properties ?? {})) {
    const ext = Object.fromEntries(Object.entries(schema).filter(([k]) => k.startsWith('x-kubernetes-')));
    if (Object.keys(ext).length) (fields[name] ??= {})[prop] = ext;
    const fmt = schema.format ?? schema.items?.format ?? schema.additionalProperties?.format;
    if (fmt === 'int64') int64.push(`${name}.${prop}`);
  }
}
const out = { source: 'kubernetes api/openapi-spec/swagger.json (v1.30), extension facts only', fields, int64, atomicStructs };
writeFileSync(new URL('./upstream-extensions.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log('wrote', Object.keys(fields).length, 'definitions,', int64.length, 'int64 fields');
