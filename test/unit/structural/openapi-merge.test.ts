import { describe, expect, it } from 'vitest';
import { toFieldSet } from '../../../src/apiserver/managedfields/walk';
import { mergeApplied } from '../../../src/apiserver/managedfields/merge';
import { toMergeType, toOpenAPIV2, toOpenAPIV3, type JSONSchemaProps } from '../../../src/apiserver/schema/structural';

const OBJECT_META_V2 = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const OBJECT_META_V3 = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const schema: JSONSchemaProps = {
  type: 'object',
  description: 'CronTab runs a job on a schedule',
  properties: {
    spec: {
      type: 'object',
      required: ['image', 'note'],
      properties: {
        image: { type: 'string', description: 'the image' },
        note: { type: 'string', nullable: true },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        mode: { type: 'string', oneOf: [{ enum: ['a'] }, { enum: ['b'] }] },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      },
    },
  },
};
const gvk = { group: 'stable.example.com', version: 'v1', kind: 'CronTab' };

describe('toOpenAPIV3 / toOpenAPIV2', () => {
  it('publishes the schema with TypeMeta, an ObjectMeta reference and the group-version-kind', () => {
    const v3 = toOpenAPIV3(schema, gvk) as any;
    expect(v3['x-kubernetes-group-version-kind']).toEqual([{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
    expect(v3.description).toBe('CronTab runs a job on a schedule');
    expect(v3.properties.metadata.allOf).toEqual([{ $ref: OBJECT_META_V3 }]);
    expect(v3.properties.apiVersion.type).toBe('string');
    expect(v3.properties.spec.properties.mode.oneOf).toEqual([{ enum: ['a'] }, { enum: ['b'] }]);
    expect(v3.properties.spec.properties.note).toEqual({ type: 'string', nullable: true });
    expect(v3.properties.spec.properties.template.properties.metadata.allOf).toEqual([{ $ref: OBJECT_META_V3 }]);
    expect(v3.properties.spec.properties.template.required).toEqual(['kind', 'apiVersion']);
    expect(schema.properties!.spec.properties!.template.required).toBeUndefined();
  });

  it('drops for v2 what v2 cannot say: junctors, nullable types, free-form members', () => {
    const v2 = toOpenAPIV2(schema, gvk) as any;
    const spec = v2.properties.spec;
    expect(v2.properties.metadata).toMatchObject({ $ref: OBJECT_META_V2 });
    expect(spec.required).toEqual(['image']);
    expect(spec.properties.note).toEqual({});
    expect(spec.properties.port).toEqual({ 'x-kubernetes-int-or-string': true });
    expect(spec.properties.mode).toEqual({ type: 'string' });
    expect(spec.properties.values).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(spec.properties.template.properties.metadata).toMatchObject({ $ref: OBJECT_META_V2 });
  });

  it('publishes a root that keeps unknown fields as a bare object for v2', () => {
    const free: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { spec: { type: 'string' } } };
    expect(toOpenAPIV2(free)).toEqual({ type: 'object' });
    expect((toOpenAPIV3(free) as any).properties.spec).toEqual({ type: 'string' });
  });
});

describe('toMergeType', () => {
  const lists: JSONSchemaProps = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          ports: {
            type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
          },
          tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
          args: { type: 'array', items: { type: 'string' } },
          selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { app: { type: 'string' } } },
          env: { type: 'object', additionalProperties: { type: 'string' } },
          values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  };
  const obj = {
    apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c', labels: { a: 'b' } },
    spec: { ports: [{ name: 'http', port: 80 }], tags: ['x'], args: ['-v'], selector: { app: 'web' }, env: { A: '1' }, values: { deep: { key: 1 }, list: [1] } },
  };

  it('owns map lists by key, sets by value, atomic lists and maps whole, granular maps and free-form objects key by key', () => {
    expect(toFieldSet(obj, toMergeType(lists)).toFieldsV1()).toEqual({
      'f:apiVersion': {},
      'f:kind': {},
      'f:metadata': { 'f:name': {}, 'f:labels': { 'f:a': {} } },
      'f:spec': {
        'f:ports': { 'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {} } },
        'f:tags': { 'v:"x"': {} },
        'f:args': {},
        'f:selector': {},
        'f:env': { 'f:A': {} },
        'f:values': { 'f:deep': { '.': {}, 'f:key': {} }, 'f:list': {} },
      },
    });
  });

  it('merges an applied configuration by the list types', () => {
    const applied = { spec: { ports: [{ name: 'https', port: 443 }], tags: ['y'], args: ['-q'] } };
    const merged = mergeApplied(obj, applied, toMergeType(lists)) as any;
    expect(merged.spec.ports).toEqual([{ name: 'http', port: 80 }, { name: 'https', port: 443 }]);
    expect(merged.spec.tags).toEqual(['x', 'y']);
    expect(merged.spec.args).toEqual(['-q']);
  });
});
