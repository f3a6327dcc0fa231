import { describe, expect, it } from 'vitest';
import { cloneJSON } from '../../src/apiserver/json-clone';

describe('cloneJSON', () => {
  it('copies a JSON value deeply: changing the copy leaves the original as it was', () => {
    const orig = { a: [1, { b: 'c' }, null], d: { e: true, f: 0 }, g: '' };
    const copy = cloneJSON(orig);
    expect(copy).toEqual(orig);
    copy.a.push(2);
    (copy.a[1] as { b: string }).b = 'x';
    copy.d.e = false;
    expect(orig).toEqual({ a: [1, { b: 'c' }, null], d: { e: true, f: 0 }, g: '' });
  });

  it('keeps keys whose value is undefined, as structuredClone does', () => {
    const copy = cloneJSON({ a: undefined, b: 1 });
    expect(Object.keys(copy)).toEqual(['a', 'b']);
  });

  it('keeps an own __proto__ key a key, never the prototype', () => {
    const orig = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
    const copy = cloneJSON(orig);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(orig));
  });

  it('copies what is not plain JSON (a Date, bytes) as structuredClone does', () => {
    const when = new Date(0);
    const bytes = new Uint8Array([1, 2]);
    const copy = cloneJSON({ when, bytes });
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.bytes).toEqual(bytes);
    expect(copy.bytes).not.toBe(bytes);
  });
});
