import { describe, expect, it } from 'vitest';
import { applyDefaults, prune, type JSONSchemaProps } from '../../../src/apiserver/schema/structural';

const cronTab: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        cronSpec: { type: 'string', default: '5 0 * * *' },
        image: { type: 'string' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
      },
    },
  },
};

describe('prune', () => {
  it('removes the unknown field of the docs example and reports its path', () => {
    const obj = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'my-new-cron-object' }, spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', someRandomField: 42 } };
    expect(prune(cronTab, obj)).toEqual(['spec.someRandomField']);
    expect(obj).toEqual({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'my-new-cron-object' }, spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image' } });
  });

  it('keeps what x-kubernetes-preserve-unknown-fields keeps, and prunes declared fields below it', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        list: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    };
    const obj = { metadata: { name: 'x', bogus: 1 }, values: { anything: { deep: [1] }, known: { a: 'x', b: 'y' } }, list: [{ name: 'a', extra: 1 }], top: true };
    expect(prune(schema, obj)).toEqual(['list[0].extra', 'metadata.bogus', 'top', 'values.known.b']);
    expect(obj).toEqual({ metadata: { name: 'x' }, values: { anything: { deep: [1] }, known: { a: 'x' } }, list: [{ name: 'a' }] });
  });

  it('walks the items of a preserving array in preserve mode, and leaves one without items alone', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        rules: {
          type: 'array', 'x-kubernetes-preserve-unknown-fields': true,
          items: { type: 'object', properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        },
        raw: { type: 'array', 'x-kubernetes-preserve-unknown-fields': true },
        plain: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
      },
    };
    const obj = {
      rules: [{ extra: 1, known: { a: 'x', b: 'y' } }],
      raw: [{ anything: { goes: true } }],
      plain: [{ a: 'x', b: 'y' }],
    };
    expect(prune(schema, obj)).toEqual(['plain[0].b', 'rules[0].known.b']);
    expect(obj).toEqual({ rules: [{ extra: 1, known: { a: 'x' } }], raw: [{ anything: { goes: true } }], plain: [{ a: 'x' }] });
  });

  it('keeps apiVersion, kind and metadata of embedded resources, cutting metadata to ObjectMeta', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: { template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
    };
    const obj = { template: { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: 'b' }, color: 'red' }, spec: { containers: [] }, status: {} } };
    expect(prune(schema, obj)).toEqual(['template.metadata.color', 'template.status']);
    expect(obj.template).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: 'b' } }, spec: { containers: [] } });
  });

  it('drops nulls of fields that are neither nullable nor defaulted, as the docs example shows', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { foo: { type: 'string', default: 'default' }, bar: { type: 'string', nullable: true }, baz: { type: 'string' } } } },
    };
    const obj = { spec: { foo: null, bar: null, baz: null } };
    expect(prune(schema, obj)).toEqual([]);
    applyDefaults(schema, obj);
    expect(obj).toEqual({ spec: { foo: 'default', bar: null } });
  });
});

describe('applyDefaults', () => {
  it('fills the defaults of the docs CronTab', () => {
    const obj = { spec: { image: 'my-awesome-cron-image' } };
    applyDefaults(cronTab, obj);
    expect(obj).toEqual({ spec: { cronSpec: '5 0 * * *', image: 'my-awesome-cron-image', replicas: 1 } });
  });

  it('applies nested defaults only where the parent exists, or was itself defaulted', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            foo: { type: 'object', properties: { bar: { type: 'string', default: 'x' } } },
            withDefault: { type: 'object', default: {}, properties: { v: { type: 'integer', default: 3 } } },
          },
        },
      },
    };
    const empty = { spec: {} as Record<string, unknown> };
    applyDefaults(schema, empty);
    expect(empty).toEqual({ spec: { withDefault: { v: 3 } } });
    const withFoo = { spec: { foo: {} } };
    applyDefaults(schema, withFoo);
    expect(withFoo).toEqual({ spec: { foo: { bar: 'x' }, withDefault: { v: 3 } } });
    const none = {};
    applyDefaults(schema, none);
    expect(none).toEqual({});
  });

  it('defaults list items and map values, and never shares the default between objects', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        ports: { type: 'array', items: { type: 'object', properties: { protocol: { type: 'string', default: 'TCP' }, opts: { type: 'object', default: { a: 1 } } } } },
        limits: { type: 'object', additionalProperties: { type: 'string', default: '1' } },
      },
    };
    const obj = { ports: [{}, { protocol: 'UDP' }], limits: { cpu: null, memory: '2Gi' } } as Record<string, any>;
    applyDefaults(schema, obj);
    expect(obj).toEqual({ ports: [{ protocol: 'TCP', opts: { a: 1 } }, { protocol: 'UDP', opts: { a: 1 } }], limits: { cpu: '1', memory: '2Gi' } });
    obj.ports[0].opts.a = 2;
    expect(obj.ports[1].opts.a).toBe(1);
    expect(schema.properties!.ports.items).toMatchObject({ properties: { opts: { default: { a: 1 } } } });
  });
});
