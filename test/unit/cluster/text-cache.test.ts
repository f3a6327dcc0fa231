import { describe, it, expect } from 'vitest';
import { TextCache, type HasText } from '../../../src/cluster/text-cache';

const entry = (): HasText & { made: number } => ({ made: 0 });
const make = (e: { made: number }, text: string) => () => {
  e.made++;
  return text;
};

describe('the text cache', () => {
  it('gives up the least recently used texts first and keeps within its budget', () => {
    const c = new TextCache<HasText & { made: number }>(10);
    const [a, b, d] = [entry(), entry(), entry()];
    c.remember(a, 'aaaa');
    c.remember(b, 'bbbb');
    // a is used again: b is now the least recent.
    expect(c.text(a, make(a, 'never'))).toBe('aaaa');
    c.remember(d, 'dddd');
    expect(c.size).toEqual({ chars: 8, texts: 2 });
    expect(b.cached).toBeUndefined();
    expect(a.cached).toBe('aaaa');
    // b's text is made again, and pushes out the least recent (a).
    expect(c.text(b, make(b, 'bbbb'))).toBe('bbbb');
    expect(b.made).toBe(1);
    expect(a.cached).toBeUndefined();
    expect(c.size.chars).toBeLessThanOrEqual(10);
  });

  it('forgets an entry, keeps no text larger than the budget, and clears', () => {
    const c = new TextCache<HasText & { made: number }>(10);
    const [a, b] = [entry(), entry()];
    c.remember(a, 'aaaa');
    c.forget(a);
    expect(c.size).toEqual({ chars: 0, texts: 0 });
    expect(c.text(b, make(b, 'x'.repeat(11)))).toHaveLength(11);
    expect(b.cached).toBeUndefined();
    c.remember(a, 'aa');
    c.remember(a, 'aaa');
    expect(c.size).toEqual({ chars: 3, texts: 1 });
    c.clear();
    expect(a.cached).toBeUndefined();
    expect(c.size).toEqual({ chars: 0, texts: 0 });
  });
});
