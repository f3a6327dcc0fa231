import { describe, it, expect } from 'vitest';
import { errorText } from '../../src/apiserver/field-errors';
import { validateObject, type JSONSchemaProps } from '../../src/apiserver/schema/structural';
import { celRules } from '../../src/apiserver/schema/structural/cel';

// x-kubernetes-validations rules run in the Workers runtime itself, which refuses eval and
// new Function: the CEL interpreter must do without both.
describe('CRD validation rules inside workerd', () => {
  it('evaluates rules, transition rules included', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: { replicas: { type: 'integer' }, max: { type: 'integer' }, mode: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }] } },
          'x-kubernetes-validations': [{ rule: 'self.replicas <= self.max' }],
        },
      },
    };
    const obj = (replicas: number, mode: string) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { replicas, max: 3, mode } });
    expect(validateObject(schema, obj(5, 'a'), { rules: celRules }).map(errorText)).toEqual(['spec: Invalid value: "object": failed rule: self.replicas <= self.max']);
    expect(validateObject(schema, obj(2, 'b'), { old: obj(2, 'a'), rules: celRules }).map(errorText)).toEqual(['spec.mode: Invalid value: "string": Value is immutable']);
  });
});
