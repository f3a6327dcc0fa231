import { describe, it, expect } from 'vitest';
import { findJSONPath, parseJSONPath } from '../../../src/apiserver/tables/jsonpath';
import { printCustomTable } from '../../../src/apiserver/tables/custom';
import { AGE_COLUMN } from '../../../src/resources/customresource/serving';

const obj = {
  metadata: { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, ratio: 0.5, paused: false, items: [{ name: 'a' }, { name: 'b' }], nested: { k: 'v' } },
  status: { conditions: [{ type: 'Synced', status: 'False' }, { type: 'Ready', status: 'True' }] },
};

describe('JSONPath of printer columns', () => {
  it('follows fields, indices, wildcards, slices, quoted keys and filters', () => {
    const find = (p: string) => findJSONPath(obj, parseJSONPath(p));
    expect(find('.spec.replicas')).toEqual([3]);
    expect(find('.spec.items[1].name')).toEqual(['b']);
    expect(find('.spec.items[-1].name')).toEqual(['b']);
    expect(find('.spec.items[*].name')).toEqual(['a', 'b']);
    expect(find('.spec.items[0:1].name')).toEqual(['a']);
    expect(find(".metadata.labels['app.kubernetes.io/name']")).toEqual(['web']);
    expect(find('.status.conditions[?(@.type=="Ready")].status')).toEqual(['True']);
    expect(find('.spec.missing')).toEqual([]);
  });

  it('refuses syntax it does not know', () => {
    expect(() => parseJSONPath('.spec[?(@.a =~ /x/)]')).toThrow();
  });
});

describe('custom resource tables', () => {
  const now = new Date('2026-01-01T00:05:00Z');
  it('prints the Name column, then each column typed as the CRD says', () => {
    const cols = [
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
      { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Nested', type: 'string', jsonPath: '.spec.nested', priority: 1, description: 'the nested map' },
      { name: 'Missing', type: 'string', jsonPath: '.spec.none' },
      { name: 'Wrong', type: 'integer', jsonPath: '.spec.nested.k' },
      AGE_COLUMN,
    ];
    const t = printCustomTable(cols, [obj], now);
    expect(t.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0', 'Replicas:integer:0', 'Ratio:number:0', 'Paused:boolean:0', 'Ready:string:0', 'Nested:string:1', 'Missing:string:0', 'Wrong:integer:0', 'Age:date:0',
    ]);
    expect(t.columnDefinitions[0].format).toBe('name');
    expect(t.columnDefinitions[5].description).toBe('the nested map');
    expect(t.columnDefinitions[1].description).toBe('Custom resource definition column (in JSONPath format): .spec.replicas');
    expect(t.rows[0].cells).toEqual(['x', 3, 0.5, false, 'True', '{"k":"v"}', null, null, '5m']);
  });
});
