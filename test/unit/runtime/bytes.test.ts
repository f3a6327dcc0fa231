import { describe, expect, it } from 'vitest';
import { byteLength, decodeBytes, encodeBytes, isWellFormed } from '../../../src/sim/runtime/bytes';

const all = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('bytes in shell strings (surrogateescape)', () => {
  it('decodes valid UTF-8 as text, the BOM included', () => {
    const bytes = new TextEncoder().encode('\ufeffhé 😀\n');
    expect(decodeBytes(bytes)).toBe('\ufeffhé 😀\n');
    expect(isWellFormed(decodeBytes(bytes))).toBe(true);
  });

  it('round-trips every byte value, NULs and bytes ≥ 0x80 included', () => {
    const s = decodeBytes(all);
    expect(isWellFormed(s)).toBe(false);
    expect([...encodeBytes(s)]).toEqual([...all]);
    expect(byteLength(s)).toBe(256);
  });

  it('round-trips invalid sequences next to valid ones: truncated, overlong, surrogates, past U+10FFFF', () => {
    const cases = [[0xc3], [0xc3, 0x41], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x41, 0xff, 0xc3, 0xa9, 0xfe]];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      expect([...encodeBytes(decodeBytes(bytes))]).toEqual(c);
    }
    expect(decodeBytes(Uint8Array.from([0x41, 0xff, 0xc3, 0xa9]))).toBe('A\udcffé');
  });

  it('round-trips random binary data', () => {
    let seed = 7;
    const bytes = Uint8Array.from({ length: 100_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expect(encodeBytes(decodeBytes(bytes))).toEqual(bytes);
  });

  it('encodes a lone surrogate that is not an escaped byte as U+FFFD', () => {
    expect([...encodeBytes('a\ud800b')]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
    expect(byteLength('a\ud800b')).toBe(5);
  });
});
