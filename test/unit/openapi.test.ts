import { describe, it, expect } from 'vitest';
import protobuf from 'protobufjs';
import {
  openapiV2,
  openapiV3Document,
  openapiV3DocumentText,
  openapiV3Hash,
  openapiV3Index,
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
} from '../../src/apiserver/openapi';

type Json = any;
const S = '#/components/schemas/';

function refsIn(v: Json, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  // A string `$ref` is a reference; an object one is a property of that name (JSONSchemaProps.$ref).
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? out.add(x) : refsIn(x, out);
  return out;
}

/** Resolves a property schema to its definition name, through allOf as kubectl does. */
const refOf = (p: Json): string => (p.$ref ?? p.allOf?.[0]?.$ref).slice(S.length);

describe('openapiV3Index', () => {
  it('lists every served group-version with a hashed URL under the given prefix', () => {
    const { paths } = openapiV3Index('/clusters/t1');
    for (const gv of ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/autoscaling/v2', 'apis/networking.k8s.io/v1', 'apis/rbac.authorization.k8s.io/v1', 'apis/metrics.k8s.io/v1beta1']) {
      expect(paths[gv].serverRelativeURL).toBe(`/clusters/t1/openapi/v3/${gv}?hash=${openapiV3Hash(gv)}`);
    }
    expect(openapiV3Hash('apis/apps/v1')).toMatch(/^[0-9A-F]{128}$/);
    expect(openapiV3Index().paths['api/v1'].serverRelativeURL.startsWith('/openapi/v3/api/v1?hash=')).toBe(true);
  });
});

describe('openapiV3Document', () => {
  it('gives the deployment patch operation everything kubectl needs to send fieldValidation=Strict', () => {
    const doc: Json = openapiV3Document('apis/apps/v1');
    expect(doc.openapi).toBe('3.0.0');
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch.parameters.map((p: Json) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch.requestBody.content)).toEqual([
      'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml',
    ]);
  });

  it('contains every schema its documents reference, and nothing is dangling', () => {
    for (const gv of Object.keys(openapiV3Index().paths)) {
      const doc: Json = openapiV3Document(gv);
      for (const ref of refsIn(doc)) expect(doc.components.schemas[ref.slice(S.length)], `${gv}: ${ref}`).toBeDefined();
    }
  });

  it('describes pods with upstream names, GVK, required fields and merge keys', () => {
    const schemas: Json = (openapiV3Document('api/v1') as Json).components.schemas;
    const pod = schemas['io.k8s.api.core.v1.Pod'];
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(refOf(pod.properties.metadata)).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(pod.properties.spec.description).toMatch(/^Specification of the desired behavior of the pod/);
    const containers = schemas['io.k8s.api.core.v1.PodSpec'].properties.containers;
    expect(containers).toMatchObject({ type: 'array', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
    expect(refOf(containers.items)).toBe('io.k8s.api.core.v1.Container');
    expect(schemas['io.k8s.api.core.v1.Container'].required).toEqual(['name']);
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties.activeDeadlineSeconds).toMatchObject({ type: 'integer', format: 'int64' });
  });

  it('gives int-or-string, quantity, time and raw extensions their special shapes', () => {
    const s: Json = (openapiV3Document('apis/apps/v1') as Json).components.schemas;
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ type: 'string', 'x-kubernetes-int-or-string': true });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(s['io.k8s.apimachinery.pkg.runtime.RawExtension']).toMatchObject({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(refOf(s['io.k8s.api.apps.v1.RollingUpdateDeployment'].properties.maxSurge)).toBe('io.k8s.apimachinery.pkg.util.intstr.IntOrString');
  });

  it('serves review kinds as create-only collections, as kube-apiserver does', () => {
    const doc: Json = openapiV3Document('/apis/authorization.k8s.io/v1/');
    const ssar = doc.paths['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'];
    expect(Object.keys(ssar).filter((k) => k !== 'parameters')).toEqual(['post']);
    expect(ssar.post.parameters.map((p: Json) => p.name)).toContain('fieldValidation');
  });

  it('describes metrics.k8s.io for kubectl top', () => {
    const doc: Json = openapiV3Document('apis/metrics.k8s.io/v1beta1');
    expect(doc.paths['/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods'].get.operationId).toBe('listMetricsV1beta1NamespacedPodMetrics');
    expect(doc.components.schemas['io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics']['x-kubernetes-group-version-kind']).toEqual([{ group: 'metrics.k8s.io', kind: 'PodMetrics', version: 'v1beta1' }]);
  });

  it('keeps each document self-contained but free of other groups\' kinds', () => {
    const apps: Json = openapiV3Document('apis/apps/v1');
    expect(apps.components.schemas['io.k8s.api.core.v1.PodSpec']).toBeDefined();
    expect(apps.components.schemas['io.k8s.api.batch.v1.Job']).toBeUndefined();
  });

  it('returns undefined for a group-version that is not served', () => {
    expect(openapiV3Document('apis/example.com/v1')).toBeUndefined();
    expect(openapiV3DocumentText('apis/apps/v2')).toBeUndefined();
  });

  it('publishes in the index the SHA-512 of the exact bytes it serves', async () => {
    for (const gv of ['api/v1', 'apis/apps/v1']) {
      const digest = await crypto.subtle.digest('SHA-512', new TextEncoder().encode(openapiV3DocumentText(gv)));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
      expect(hex).toBe(openapiV3Hash(gv));
    }
  });
});

describe('openapiV2', () => {
  it('answers JSON swagger 2.0 unless protobuf is asked for', () => {
    const res = openapiV2('application/json');
    expect(res.contentType).toBe('application/json');
    const doc = JSON.parse(res.body as string);
    expect(doc.swagger).toBe('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment'].properties.spec.$ref).toBe('#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
    const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch;
    expect(patch.parameters.find((p: Json) => p.name === 'fieldValidation')).toMatchObject({ in: 'query', type: 'string' });
  });

  it('answers a gnostic protobuf Document to kubectl 1.27/1.28', () => {
    const res = openapiV2('application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(res.contentType).toBe(OPENAPI_V2_PROTOBUF_CONTENT_TYPE);
    expect(res.etag).toMatch(/^"[0-9A-F]{128}"$/);
    const bytes = res.body as Uint8Array;
    // Walk the top-level fields of openapi.v2.Document: 1 swagger, 8 paths, 9 definitions.
    const r = protobuf.Reader.create(bytes);
    const seen: Record<number, Uint8Array> = {};
    while (r.pos < r.len) {
      const tag = r.uint32();
      seen[tag >>> 3] = r.bytes();
    }
    expect(new TextDecoder().decode(seen[1])).toBe('2.0');
    const defs = protobuf.Reader.create(seen[9]);
    const names: string[] = [];
    while (defs.pos < defs.len) {
      defs.uint32();
      const named = protobuf.Reader.create(defs.bytes());
      named.uint32();
      names.push(named.string());
    }
    expect(names).toContain('io.k8s.api.core.v1.Pod');
    expect(new TextDecoder().decode(seen[8])).toContain('fieldValidation');
  });
});
