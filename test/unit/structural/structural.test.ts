import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/apiserver/field-errors';
import { checkStructural, type JSONSchemaProps } from '../../../src/apiserver/schema/structural';

const PATH = 'spec.versions[0].schema.openAPIV3Schema';
const texts = (schema: JSONSchemaProps, statusSubresource = false) => checkStructural(schema, PATH, { statusSubresource }).map(errorText);

/** The CronTab schema of the CRD docs page. */
const cronTab: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string' },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
      },
    },
    status: { type: 'object', properties: { replicas: { type: 'integer' } } },
  },
};

describe('checkStructural', () => {
  it('accepts the CronTab schema of the docs, with and without the status subresource', () => {
    expect(texts(cronTab)).toEqual([]);
    expect(texts(cronTab, true)).toEqual([]);
  });

  it('names every rule the non-structural example of the docs breaks', () => {
    // "Specifying a structural schema": no root type, foo untyped, bar only inside anyOf and
    // typed there, a description in anyOf, and metadata restricting more than name.
    const schema: JSONSchemaProps = {
      properties: {
        foo: { pattern: 'abc' },
        metadata: {
          type: 'object',
          properties: {
            name: { type: 'string', pattern: '^a' },
            finalizers: { type: 'array', items: { type: 'string', pattern: 'my-finalizer' } },
          },
        },
      },
      anyOf: [{ properties: { bar: { type: 'integer', minimum: 42 } }, required: ['bar'], description: 'foo bar object' }],
    };
    expect(texts(schema)).toEqual([
      `${PATH}.anyOf[0].description: Forbidden: must be empty to be structural`,
      `${PATH}.anyOf[0].properties[bar].type: Forbidden: must be empty to be structural`,
      `${PATH}.properties[bar]: Required value: because it is defined in ${PATH}.anyOf[0].properties[bar]`,
      `${PATH}.properties[foo].type: Required value: must not be empty for specified object fields`,
      `${PATH}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
      `${PATH}.type: Required value: must not be empty at the root`,
    ]);
  });

  it('accepts the structural rewrite of the same example', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      description: 'Foo CRD',
      properties: {
        foo: { type: 'string', pattern: 'abc' },
        metadata: { type: 'object', properties: { name: { type: 'string', pattern: '^a' } } },
        bar: { type: 'integer', minimum: 42 },
      },
      anyOf: [{ properties: { bar: { minimum: 42 } }, required: ['bar'] }],
    };
    expect(texts(schema)).toEqual([]);
  });

  it('lets x-kubernetes-int-or-string and preserve-unknown-fields go without a type, with the int-or-string anyOf pattern', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        free: { 'x-kubernetes-preserve-unknown-fields': true },
        list: { type: 'array' },
      },
    };
    expect(texts(schema)).toEqual([`${PATH}.properties[list].items: Required value: must be specified`]);
  });

  it('refuses additionalProperties at the root and beside properties, and forbidden schema keywords', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      additionalProperties: { type: 'string' },
      properties: {
        spec: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } },
        ref: { type: 'string', $ref: '#/definitions/x' },
        nothing: { type: 'null' as string },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
    };
    expect(texts(schema)).toEqual([
      `${PATH}.additionalProperties: Forbidden: must not be used at the root`,
      `${PATH}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
      `${PATH}.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
      `${PATH}.properties[ref].$ref: Forbidden: $ref is not supported`,
      `${PATH}.properties[nothing].type: Forbidden: type cannot be set to null, use nullable as an alternative`,
      `${PATH}.properties[tags].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ]);
  });

  it('checks that defaults validate against their own schema and survive pruning', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          default: { replicas: 1, extra: true },
          properties: {
            replicas: { type: 'integer', default: 'one' },
            mode: { type: 'string', enum: ['a', 'b'], default: 'c' },
          },
        },
        metadata: { type: 'object', default: { name: 'x' } },
      },
    };
    expect(texts(schema)).toEqual([
      `${PATH}.properties[spec].default: Invalid value: {"replicas":1,"extra":true}: must not have unknown fields`,
      `${PATH}.properties[spec].properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string"`,
      `${PATH}.properties[spec].properties[mode].default: Unsupported value: "c": supported values: "a", "b"`,
      `${PATH}.properties[metadata].default: Forbidden: must not be set in top-level metadata`,
    ]);
  });

  it('checks list types, map keys and map types', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name', 'missing'],
          items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
        },
        keysWithoutMap: { type: 'array', 'x-kubernetes-list-map-keys': ['a'], items: { type: 'string' } },
        odd: { type: 'array', 'x-kubernetes-list-type': 'bag', items: { type: 'string' } },
        labels: { type: 'string', 'x-kubernetes-map-type': 'atomic' },
      },
    };
    expect(texts(schema)).toEqual([
      `${PATH}.properties[ports].x-kubernetes-list-map-keys: Invalid value: ["name","missing"]: entries must all be names of item properties`,
      `${PATH}.properties[ports].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
      `${PATH}.properties[keysWithoutMap].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty`,
      `${PATH}.properties[odd].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`,
      `${PATH}.properties[labels].type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`,
    ]);
  });

  it('keeps the root of a schema with the status subresource to what also applies to status', () => {
    expect(texts({ ...cronTab, minProperties: 1 }, true)[0]).toMatch(
      new RegExp(`^${PATH.replace(/[[\].]/g, '\\$&')}: Invalid value: .*: only \\[Description Type .*\\] fields are allowed at the root of the schema if the status subresource is enabled$`),
    );
    expect(texts({ ...cronTab, nullable: true })).toEqual([`${PATH}.nullable: Forbidden: nullable cannot be true at the root`]);
  });

  it('requires embedded resources to be objects with properties or unknown fields kept', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        template: { type: 'object', 'x-kubernetes-embedded-resource': true },
        raw: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        bad: { type: 'string', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      },
    };
    expect(texts(schema)).toEqual([
      `${PATH}.properties[bad].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true`,
      `${PATH}.properties[template].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
    ]);
  });

  it('checks the shape of x-kubernetes-validations rules', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      'x-kubernetes-validations': [
        { rule: ' ' }, { rule: 'self.a\n== 1' }, { rule: 'true', reason: 'Nope' },
        { rule: 'true', fieldPath: '.b' }, { rule: 'true', fieldPath: ".m['x.y']" }, { rule: 'true', fieldPath: '.a' },
      ],
      properties: { a: { type: 'integer' }, m: { type: 'object', additionalProperties: { type: 'string' } } },
    };
    expect(texts(schema)).toEqual([
      `${PATH}.x-kubernetes-validations[0].rule: Required value: rule is not specified`,
      `${PATH}.x-kubernetes-validations[1].message: Required value: message must be specified if rule contains line breaks`,
      `${PATH}.x-kubernetes-validations[2].reason: Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
      `${PATH}.x-kubernetes-validations[3].fieldPath: Invalid value: ".b": must be a valid path`,
    ]);
  });
});
