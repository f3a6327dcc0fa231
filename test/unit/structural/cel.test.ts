import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/apiserver/field-errors';
import { checkStructural, validateObject, type JSONSchemaProps } from '../../../src/apiserver/schema/structural';
import { celRules } from '../../../src/apiserver/schema/structural/cel';

const texts = (schema: JSONSchemaProps, obj: unknown, old?: unknown) => validateObject(schema, obj, { old, rules: celRules }).map(errorText);
const cr = (spec: unknown, status?: unknown) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'my-new-cron-object' }, spec, ...(status ? { status } : {}) });

/** The CronTab of the docs' "Validation rules" section. */
const replicas: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      'x-kubernetes-validations': [
        { rule: 'self.minReplicas <= self.replicas' },
        { rule: 'self.replicas <= self.maxReplicas', message: 'replicas should be smaller than or equal to maxReplicas.' },
      ],
      properties: { minReplicas: { type: 'integer' }, replicas: { type: 'integer' }, maxReplicas: { type: 'integer' } },
      required: ['minReplicas', 'replicas', 'maxReplicas'],
    },
  },
};

describe('x-kubernetes-validations', () => {
  it('reports the failed rules of the docs example, with the rule or its message', () => {
    expect(texts(replicas, cr({ minReplicas: 0, replicas: 20, maxReplicas: 10 }))).toEqual([
      'spec: Invalid value: "object": replicas should be smaller than or equal to maxReplicas.',
    ]);
    expect(texts(replicas, cr({ minReplicas: 5, replicas: 2, maxReplicas: 10 }))).toEqual([
      'spec: Invalid value: "object": failed rule: self.minReplicas <= self.replicas',
    ]);
    expect(texts(replicas, cr({ minReplicas: 1, replicas: 2, maxReplicas: 10 }))).toEqual([]);
  });

  it('runs rules on strings, lists and maps with the functions rules use', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            name: { type: 'string', 'x-kubernetes-validations': [{ rule: "self.startsWith('my-') && self.matches('^[a-z-]+$')" }] },
            tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'self.all(t, t.size() <= 3) && self.isSorted()', message: 'tags must be short and sorted' }] },
            env: { type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != ''", reason: 'FieldValueRequired', message: 'must not be empty' }] } },
            window: { type: 'string', format: 'duration', 'x-kubernetes-validations': [{ rule: "self <= duration('1h')" }] },
          },
        },
      },
    };
    expect(texts(schema, cr({ name: 'your-app', tags: ['b', 'a'], env: { A: '', B: 'x' }, window: '2h' }))).toEqual([
      "spec.name: Invalid value: \"string\": failed rule: self.startsWith('my-') && self.matches('^[a-z-]+$')",
      'spec.tags: Invalid value: "array": tags must be short and sorted',
      'spec.env[A]: Required value: must not be empty',
      "spec.window: Invalid value: \"string\": failed rule: self <= duration('1h')",
    ]);
    expect(texts(schema, cr({ name: 'my-app', tags: ['a', 'b'], env: { B: 'x' }, window: '30m' }))).toEqual([]);
  });

  it('runs transition rules only on update, with oldSelf the correlated old value', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            immutable: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }] },
            counter: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= oldSelf', message: 'may only grow' }] },
            ports: {
              type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
              items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.port == oldSelf.port', message: 'port is fixed' }] },
            },
          },
        },
      },
    };
    const old = cr({ immutable: 'a', counter: 5, ports: [{ name: 'http', port: 80 }] });
    expect(texts(schema, cr({ immutable: 'b', counter: 1, ports: [{ name: 'new', port: 1 }, { name: 'http', port: 81 }] }))).toEqual([]);
    expect(texts(schema, cr({ immutable: 'b', counter: 1, ports: [{ name: 'new', port: 1 }, { name: 'http', port: 81 }] }), old)).toEqual([
      'spec.immutable: Invalid value: "string": Value is immutable',
      'spec.counter: Invalid value: "integer": may only grow',
      'spec.ports[1]: Invalid value: "object": port is fixed',
    ]);
  });

  it('gives optionalOldSelf rules an optional oldSelf, also on create', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: { v: { type: 'integer' } },
          'x-kubernetes-validations': [{ rule: 'oldSelf.hasValue() ? self.v >= oldSelf.value().v : self.v == 0', optionalOldSelf: true, message: 'starts at 0 and grows' }],
        },
      },
    };
    expect(texts(schema, cr({ v: 3 }))).toEqual(['spec: Invalid value: "object": starts at 0 and grows']);
    expect(texts(schema, cr({ v: 0 }))).toEqual([]);
    expect(texts(schema, cr({ v: 2 }), cr({ v: 3 }))).toEqual(['spec: Invalid value: "object": starts at 0 and grows']);
    expect(texts(schema, cr({ v: 4 }), cr({ v: 3 }))).toEqual([]);
  });

  it('reports at fieldPath, uses messageExpression, and sees only name and generateName of the root metadata', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      'x-kubernetes-validations': [
        { rule: "self.metadata.name.startsWith('my-')", messageExpression: "'name ' + self.metadata.name + ' must start with my-'" },
        { rule: "!has(self.metadata.labels)" },
      ],
      properties: {
        spec: {
          type: 'object',
          properties: { a: { type: 'integer' }, env: { type: 'object', additionalProperties: { type: 'string' } } },
          'x-kubernetes-validations': [
            { rule: 'self.a > 0', fieldPath: '.a', message: 'must be positive' },
            { rule: "!('x.y' in self.env)", fieldPath: ".env['x.y']", message: 'reserved' },
          ],
        },
      },
    };
    const obj = { ...cr({ a: 0, env: { 'x.y': '1' } }), metadata: { name: 'bad', labels: { x: 'y' } } };
    expect(texts(schema, obj)).toEqual([
      '<nil>: Invalid value: "object": name bad must start with my-',
      'spec.a: Invalid value: "object": must be positive',
      'spec.env[x.y]: Invalid value: "object": reserved',
    ]);
  });

  it('reports a rule that fails to evaluate, and runs no rule when a value has the wrong type', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { a: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.missing > 0' }] } },
    };
    expect(texts(schema, cr({ a: 1 }))).toEqual(['spec: Invalid value: "object": no such key: missing evaluating rule: self.missing > 0']);
    expect(texts(schema, cr({ a: 'x' }))).toEqual([
      'spec.a: Invalid value: "string": spec.a in body must be of type integer: "string"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('refuses a CRD whose rule does not compile, or whose default breaks a rule', () => {
    const path = 'spec.versions[0].schema.openAPIV3Schema';
    const bad: JSONSchemaProps = { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a ==' }] } } };
    expect(checkStructural(bad, path, { rules: celRules }).map(errorText)).toEqual([
      `${path}.properties[spec].x-kubernetes-validations[0].rule: Invalid value: {"rule":"self.a =="}: compilation failed: ERROR: <input>:1:10: Unexpected token: EOF`,
    ]);
    const defaulted: JSONSchemaProps = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { n: { type: 'integer', default: 0, 'x-kubernetes-validations': [{ rule: 'self > 0' }] } } } },
    };
    expect(checkStructural(defaulted, path, { rules: celRules }).map(errorText)).toEqual([
      `${path}.properties[spec].properties[n].default: Invalid value: "integer": failed rule: self > 0`,
    ]);
  });

  it('does not report a broken rule again for values an update left unchanged', () => {
    const old = cr({ minReplicas: 5, replicas: 2, maxReplicas: 10 });
    expect(texts(replicas, cr({ minReplicas: 5, replicas: 2, maxReplicas: 10 }), old)).toEqual([]);
    expect(texts(replicas, cr({ minReplicas: 5, replicas: 3, maxReplicas: 10 }), old)).toEqual([
      'spec: Invalid value: "object": failed rule: self.minReplicas <= self.replicas',
    ]);
  });

  it('checks no rule unless the CEL engine is given', () => {
    expect(validateObject(replicas, cr({ minReplicas: 5, replicas: 2, maxReplicas: 10 }))).toEqual([]);
  });

  it('takes has() of any selection, RE2 patterns and isIP, as Gateway API rules use them', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            matches: { type: 'array', items: { type: 'object', properties: { path: { type: 'object', properties: { type: { type: 'string' } } } } } },
            service: { type: 'string' },
            hostnames: { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'self.all(h, !isIP(h))', message: 'Hostnames cannot contain an IP' }] },
          },
          'x-kubernetes-validations': [
            { rule: "size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type == 'PathPrefix'", message: 'one PathPrefix match' },
            { rule: 'has(self.service) ? self.service.matches(r"""^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$""") : true', message: 'service must only contain valid characters' },
          ],
        },
      },
    };
    expect(texts(schema, cr({ matches: [{ path: { type: 'PathPrefix' } }], service: 'Foo.Bar_1', hostnames: ['example.com'] }))).toEqual([]);
    expect(texts(schema, cr({ matches: [{}], service: 'foo.bar' }))).toEqual([]);
    expect(texts(schema, cr({ matches: [{ path: { type: 'Exact' } }], service: 'foo-bar', hostnames: ['10.0.0.1', 'fd00::1'] }))).toEqual([
      'spec: Invalid value: "object": one PathPrefix match',
      'spec: Invalid value: "object": service must only contain valid characters',
      'spec.hostnames: Invalid value: "array": Hostnames cannot contain an IP',
    ]);
  });
});
