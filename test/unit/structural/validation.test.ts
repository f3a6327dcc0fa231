import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/apiserver/field-errors';
import { validateObject, type JSONSchemaProps } from '../../../src/apiserver/schema/structural';

const texts = (schema: JSONSchemaProps, obj: unknown, opts = {}) => validateObject(schema, obj, opts).map(errorText);
const root = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'object', properties, ...extra });
const spec = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}) => root({ spec: { type: 'object', properties, ...extra } });
const cr = (specValue: unknown) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' }, spec: specValue });

describe('validateObject', () => {
  it('reports the CronTab of the docs that breaks its pattern and maximum', () => {
    const schema = spec({
      cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
      image: { type: 'string' },
      replicas: { type: 'integer', minimum: 1, maximum: 10 },
    });
    expect(texts(schema, cr({ cronSpec: '* * * *', image: 'my-awesome-cron-image', replicas: 15 }))).toEqual([
      `spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
      'spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10',
    ]);
    expect(texts(schema, cr({ cronSpec: '*/5 * * * *', image: 'x', replicas: 1 }))).toEqual([]);
  });

  it('reports wrong types as kube-openapi words them, null included', () => {
    const schema = spec({ replicas: { type: 'integer' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, on: { type: 'boolean' } });
    expect(texts(schema, cr({ replicas: 'three', name: 5, tags: [1, 'a'], on: null }))).toEqual([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.name: Invalid value: "integer": spec.name in body must be of type string: "integer"',
      'spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"',
      'spec.on: Invalid value: "null": spec.on in body must be of type boolean: "null"',
    ]);
    expect(texts(spec({ ratio: { type: 'number' } }), cr({ ratio: 2 }))).toEqual([]);
    expect(texts(spec({ n: { type: 'integer' } }), cr({ n: 1.5 }))).toEqual([
      'spec.n: Invalid value: "number": spec.n in body must be of type integer: "number"',
      '<nil>: Invalid value: "": Checked value must be of type integer (default format) in spec.n',
    ]);
  });

  it('checks required, enum, nullable and additionalProperties', () => {
    const schema = spec(
      {
        mode: { type: 'string', enum: ['Always', 'Never'] },
        level: { type: 'integer', enum: [1, 2] },
        note: { type: 'string', nullable: true },
        env: { type: 'object', additionalProperties: { type: 'string' } },
      },
      { required: ['mode', 'image'] },
    );
    expect(texts(schema, cr({ mode: 'Sometimes', level: 3, note: null, env: { A: 'x', B: 2 } }))).toEqual([
      'spec.mode: Unsupported value: "Sometimes": supported values: "Always", "Never"',
      'spec.level: Unsupported value: 3: supported values: "1", "2"',
      'spec.env.B: Invalid value: "integer": spec.env.B in body must be of type string: "integer"',
      'spec.image: Required value',
    ]);
    expect(texts(root({ spec: { type: 'object' } }, { required: ['spec'] }), { metadata: {} })).toEqual(['spec: Required value']);
  });

  it('checks string lengths, list sizes, object sizes and number bounds', () => {
    const schema = spec({
      name: { type: 'string', minLength: 3, maxLength: 5 },
      short: { type: 'string', maxLength: 2 },
      items: { type: 'array', items: { type: 'string' }, minItems: 2 },
      few: { type: 'array', items: { type: 'string' }, maxItems: 1 },
      labels: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1, },
      some: { type: 'object', additionalProperties: { type: 'string' }, minProperties: 2 },
      ex: { type: 'number', minimum: 0, exclusiveMinimum: true },
      step: { type: 'integer', multipleOf: 5 },
    });
    expect(texts(schema, cr({ name: 'ab', short: 'abc', items: ['a'], few: ['a', 'b'], labels: { a: 'x', b: 'y' }, some: { a: 'x' }, ex: 0, step: 7 }))).toEqual([
      'spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long',
      'spec.short: Too long: may not be more than 2 bytes',
      'spec.items: Invalid value: 1: spec.items in body should have at least 2 items',
      'spec.few: Too many: 2: must have at most 1 item',
      'spec.labels: Too many: 2: must have at most 1 item',
      'spec.some: Invalid value: 1: spec.some in body should have at least 2 properties',
      'spec.ex: Invalid value: 0: spec.ex in body should be greater than 0',
      'spec.step: Invalid value: 7: spec.step in body should be a multiple of 5',
    ]);
  });

  it('checks formats kube-apiserver knows and ignores the others', () => {
    const schema = spec({
      when: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      id: { type: 'string', format: 'uuid' },
      ip: { type: 'string', format: 'ipv4' },
      blob: { type: 'string', format: 'byte' },
      small: { type: 'integer', format: 'int32' },
      mine: { type: 'string', format: 'my-own-format' },
    });
    expect(texts(schema, cr({ when: '2024-02-30T10:00:00Z', day: '2024-13-01', id: 'nope', ip: '10.0.0.256', blob: 'not base64!', small: 2 ** 31, mine: 'anything' }))).toEqual([
      'spec.when: Invalid value: "2024-02-30T10:00:00Z": spec.when in body must be of type date-time: "2024-02-30T10:00:00Z"',
      'spec.day: Invalid value: "2024-13-01": spec.day in body must be of type date: "2024-13-01"',
      'spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"',
      'spec.ip: Invalid value: "10.0.0.256": spec.ip in body must be of type ipv4: "10.0.0.256"',
      'spec.blob: Invalid value: "not base64!": spec.blob in body must be of type byte: "not base64!"',
      '<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.small',
    ]);
    expect(texts(schema, cr({ when: '2024-02-29T10:00:00.5+01:00', day: '2024-02-29', id: '123e4567-e89b-12d3-a456-426614174000', ip: '10.0.0.1', blob: 'aGVsbG8=', small: 5 }))).toEqual([]);
  });

  it('takes integers and strings where x-kubernetes-int-or-string', () => {
    const schema = spec({ port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } });
    expect(texts(schema, cr({ port: 80 }))).toEqual([]);
    expect(texts(schema, cr({ port: 'http' }))).toEqual([]);
    expect(texts(schema, cr({ port: true }))).toEqual([
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
      '<nil>: Invalid value: "": "spec.port" must validate at least one schema (anyOf)',
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer: "boolean"',
    ]);
  });

  it('reports oneOf, allOf and not as composite errors at <nil>', () => {
    const schema = spec({ a: { type: 'string' }, b: { type: 'string' } }, {
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
      not: { required: ['c'] },
    });
    expect(texts(schema, cr({ a: 'x', b: 'y' }))).toEqual(['<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives']);
    expect(texts(schema, cr({}))).toEqual([
      '<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid',
      'spec.a: Required value',
    ]);
    expect(texts(spec({ c: { type: 'string' } }, { not: { required: ['c'] } }), cr({ c: 'x' }))).toEqual(['<nil>: Invalid value: "": "spec" must not validate the schema (not)']);
  });

  it('finds duplicates in set and map lists, unless the old object had them already', () => {
    const schema = spec({
      tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
      ports: {
        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
      },
    });
    const bad = cr({ tags: ['a', 'b', 'a', 'a'], ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] });
    expect(texts(schema, bad)).toEqual([
      'spec.tags[2]: Duplicate value: "a"',
      'spec.ports[1]: Duplicate value: {"name":"http"}',
    ]);
    expect(texts(schema, bad, { old: bad })).toEqual([]);
    expect(texts(schema, cr({ tags: ['a', 'b'], ports: [{ name: 'http' }, { name: 'https' }] }))).toEqual([]);
  });

  it('checks the apiVersion, kind and metadata of embedded resources', () => {
    const schema = spec({
      template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
    });
    expect(texts(schema, cr({ template: { kind: 'my_pod', metadata: { name: 'a/b', labels: { 'bad key!': 'x' } } } }))).toEqual([
      'spec.template.apiVersion: Required value',
      'spec.template.kind: Invalid value: "my_pod": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
      "spec.template.metadata.name: Invalid value: \"a/b\": may not contain '/'",
      expect.stringMatching(/^spec\.template\.metadata\.labels: Invalid value: "bad key!": /),
    ]);
    expect(texts(schema, cr({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } }))).toEqual([]);
  });

  it('reports under the path it is given, as the status subresource does', () => {
    const status: JSONSchemaProps = { type: 'object', properties: { replicas: { type: 'integer' } } };
    expect(texts(status, { replicas: 'x' }, { fieldPath: 'status' })).toEqual([
      'status.replicas: Invalid value: "string": replicas in body must be of type integer: "string"',
    ]);
  });

  it('ratchets on update: values left as they were may stay invalid, changed ones may not', () => {
    const schema = spec({
      replicas: { type: 'integer', maximum: 5 },
      image: { type: 'string', pattern: '^[a-z]+$' },
      ports: {
        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer', minimum: 1 } } },
      },
      args: { type: 'array', items: { type: 'string', maxLength: 3 } },
    });
    const old = cr({ replicas: 9, image: 'nginx', ports: [{ name: 'a', port: 0 }, { name: 'b', port: 2 }], args: ['long-arg'] });
    const update = cr({ replicas: 9, image: 'Nginx', ports: [{ name: 'b', port: 0 }, { name: 'a', port: 0 }], args: ['long-arg', 'x'] });
    expect(texts(schema, update, { old })).toEqual([
      'spec.image: Invalid value: "Nginx": spec.image in body should match \'^[a-z]+$\'',
      'spec.ports[0].port: Invalid value: 0: spec.ports[0].port in body should be greater than or equal to 1',
      'spec.args[0]: Too long: may not be more than 3 bytes',
    ]);
    expect(texts(schema, update)).toHaveLength(5);
    expect(texts(schema, old, { old })).toEqual([]);
  });
});
